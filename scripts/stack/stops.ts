// How the stack stops what it started: in the reverse order, so that each part
// stops before what it stands on (the API before the worker, the worker before
// the database and Temporal).
export class Stops {
  private readonly steps: (() => Promise<unknown>)[] = [];

  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Runs each step once, the last added first. */
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step();
  }

  /** Runs them after a failed start, then throws what failed it. */
  async afterFailure(error: unknown): Promise<never> {
    await this.run().catch(() => undefined);
    throw error;
  }
}
