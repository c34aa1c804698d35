// The province's users, concurrently: each product's actions go in order, as
// its people would send them, and at most `concurrency` requests are in
// flight at once. A request further along a product's path goes first, so no
// inspector waits behind a queue of new registrations while the product's
// compressed calendar runs out.

export interface Action {
  name: string;
  send(product: number): Promise<unknown>;
}

/** What the engine and the bare lifecycle each provide, so that one driver drives both alike. */
export interface Lifecycle {
  start(product: number): Promise<unknown>;
  actions: readonly Action[];
  /** A refusal that only means "not yet": the workflow has not reached the stage (e.g. mid continue-as-new). */
  notYet(error: unknown): boolean;
}

/** A semaphore whose waiters are served highest priority first, in arrival order within a priority. */
class Gate {
  private free: number;
  private queues: (() => void)[][] = [];
  private heads: number[] = [];

  constructor(permits: number) {
    this.free = permits;
  }

  async run<T>(priority: number, task: () => Promise<T>): Promise<T> {
    if (this.free > 0) {
      this.free -= 1;
    } else {
      await new Promise<void>((resolve) => {
        (this.queues[priority] ??= []).push(resolve);
      });
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    for (let p = this.queues.length - 1; p >= 0; p--) {
      const queue = this.queues[p];
      const head = this.heads[p] ?? 0;
      if (queue && head < queue.length) {
        const next = queue[head]!;
        this.heads[p] = head + 1;
        if (this.heads[p] === queue.length) {
          this.queues[p] = [];
          this.heads[p] = 0;
        }
        next();
        return;
      }
    }
    this.free += 1;
  }
}

export interface Failure {
  product: number;
  step: string;
  message: string;
  /** The "not yet" refusal that started the retries, when the failure came after some. */
  firstRefusal?: string;
}

/** A refusal's message with product and workflow ids masked, so that alike refusals count together. */
function reason(step: string, error: unknown): string {
  const message = ((error as Error).message ?? String(error)).split('\n')[0]!;
  return `${step}: ${message
    .replace(/[A-Z]{2,3}-\d{4}-\d{4}/g, '<product>')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .slice(0, 200)}`;
}

export interface DriveResult {
  /** Round trips in ms of each accepted request, by action ("start" for the workflow start). */
  roundTrips: Map<string, number[]>;
  /** Requests refused as "not yet" and sent again. */
  retries: number;
  /** Those refusals by action and message. */
  refusals: Record<string, number>;
  failures: Failure[];
  /** Products whose every action was accepted. */
  driven: number;
  seconds: number;
}

const RETRY_MS = 250;
const GIVE_UP_MS = 60_000;

export async function drive(
  lifecycle: Lifecycle,
  products: number,
  concurrency: number,
  log: (line: string) => void = () => {},
): Promise<DriveResult> {
  const gate = new Gate(concurrency);
  const roundTrips = new Map<string, number[]>();
  const failures: Failure[] = [];
  const refusals: Record<string, number> = {};
  let retries = 0;
  let driven = 0;

  const timed = async (name: string, priority: number, request: () => Promise<unknown>) => {
    const firstTry = Date.now();
    let firstRefusal: string | undefined;
    for (;;) {
      try {
        const ms = await gate.run(priority, async () => {
          const sent = performance.now();
          await request();
          return performance.now() - sent;
        });
        let times = roundTrips.get(name);
        if (!times) roundTrips.set(name, (times = []));
        times.push(ms);
        return;
      } catch (error) {
        if (!lifecycle.notYet(error) || Date.now() - firstTry > GIVE_UP_MS) {
          throw Object.assign(new Error((error as Error).message ?? String(error)), { firstRefusal });
        }
        const why = reason(name, error);
        firstRefusal ??= why;
        refusals[why] = (refusals[why] ?? 0) + 1;
        retries += 1;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  };

  const started = performance.now();
  const progress = setInterval(() => {
    const requests = [...roundTrips.values()].reduce((sum, times) => sum + times.length, 0);
    log(`  ${driven}/${products} products driven, ${requests} requests answered, ${failures.length} failed`);
  }, 30_000);
  await Promise.all(
    Array.from({ length: products }, async (_, product) => {
      let step = 'start';
      try {
        await timed(step, 0, () => lifecycle.start(product));
        for (const [index, action] of lifecycle.actions.entries()) {
          step = action.name;
          await timed(action.name, index + 1, () => action.send(product));
        }
        driven += 1;
      } catch (error) {
        const { message, firstRefusal } = error as Error & { firstRefusal?: string };
        failures.push({ product, step, message, ...(firstRefusal ? { firstRefusal } : {}) });
      }
    }),
  ).finally(() => clearInterval(progress));
  return { roundTrips, retries, refusals, failures, driven, seconds: (performance.now() - started) / 1000 };
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Polls `count` until it reaches `target`; gives up when it has not moved for `stallMs`. */
export async function waitFor(
  count: () => Promise<number>,
  target: number,
  { intervalMs = 500, stallMs = 120_000 } = {},
): Promise<{ reached: boolean; count: number }> {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const now = await count();
    if (now >= target) return { reached: true, count: now };
    if (now !== last) [last, movedAt] = [now, Date.now()];
    else if (Date.now() - movedAt > stallMs) return { reached: false, count: now };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
