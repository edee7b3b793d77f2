/**
 * What the benchmark must stop before it ends, last started first. Each step runs once, so the
 * normal end and a signal arriving mid-run can both call `run()`.
 */
type Stop = () => Promise<void>;

export class Cleanup {
  private readonly stops: { name: string; stop: Stop }[] = [];

  add(name: string, stop: Stop): void {
    this.stops.push({ name, stop });
  }

  async run(): Promise<void> {
    for (let step = this.stops.pop(); step; step = this.stops.pop()) {
      // One failed stop must not leave the later services running.
      await step.stop().catch((error: Error) => {
        console.error(`flowgate bench: stopping ${step?.name} failed: ${error.message}`);
      });
    }
  }
}
