/**
 * Runs `count` tasks with at most `concurrency` in flight: a fixed number of lanes each take the
 * next index as soon as their previous task settles, so the load stays constant until the tail.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };

  const lanes = Math.max(0, Math.min(concurrency, count));
  await Promise.all(Array.from({ length: lanes }, lane));
}
