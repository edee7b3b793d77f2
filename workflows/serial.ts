/**
 * Runs async handlers one at a time, in arrival order. Update handlers that call activities
 * go through this so that two submissions of a code cannot interleave (deterministic: it only
 * chains promises).
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();

  return function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
