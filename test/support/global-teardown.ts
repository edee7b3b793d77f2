type Stop = () => Promise<void>;
const globalStops = globalThis as unknown as { __flowgateStops?: Stop[] };

export default async function globalTeardown(): Promise<void> {
  for (const stop of (globalStops.__flowgateStops ?? []).reverse()) {
    await stop().catch((error: Error) => console.error(`teardown: ${error.message}`));
  }
}
