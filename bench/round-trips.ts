// One acknowledged action, end to end, against Temporal's own floor: the
// engine's extendDeadline (validated, recorded in PostgreSQL, answered) and a
// bare Update answered at once without any activity, each sent by `lanes`
// clients acting one after the other, on workflows already started and idle.
import { OcopClient } from '../client/ocop-client';
import { productId } from '../domain/ids';
import { bareFloor, ping } from './baseline/workflows';
import { engineLifecycle, cycleOf } from './lifecycles';
import { type Context, type Latency, latency, withWorker } from './scenarios';

/** Workflows acted on: one per lane at the most concurrency, so no two lanes act on the same one. */
const WORKFLOWS = 50;

export interface RoundTrips {
  lanes: number;
  requests: number;
  engine: Latency;
  floor: Latency;
  ratio: { p50: number; p95: number };
}

type Send = (workflow: number) => Promise<unknown>;

/** `requests` round trips, `lanes` at a time, lane j acting on workflows j, j + lanes, … in turn. */
async function timed(lanes: number, requests: number, send: Send): Promise<number[]> {
  const times: number[] = [];
  let sent = 0;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (let k = lane; sent < requests; k += lanes) {
        sent += 1;
        const at = performance.now();
        await send(k % WORKFLOWS);
        times.push(performance.now() - at);
      }
    }),
  );
  return times;
}

/** A warm-up round (every workflow cached, every connection open), then each level's round trips. */
async function byLevel(levels: readonly [number, number][], send: Send): Promise<number[][]> {
  await timed(1, WORKFLOWS, send);
  const results: number[][] = [];
  for (const [lanes, requests] of levels) results.push(await timed(lanes, requests, send));
  return results;
}

/** `levels`: [lanes, requests] pairs, e.g. [[1, 200], [50, 1000]]. */
export async function roundTripScenario(ctx: Context, levels: readonly [number, number][]): Promise<RoundTrips[]> {
  const province = 'RT';
  const engine = await withWorker(ctx, 'round-trips', 'engine', async ({ taskQueue }) => {
    const ocop = new OcopClient(ctx.client, taskQueue);
    const lifecycle = engineLifecycle(ocop, province, 'parked');
    for (let i = 0; i < WORKFLOWS; i++) await lifecycle.start(i);
    const base = Date.now() + 40 * 86_400_000;
    const extensions = Array<number>(WORKFLOWS).fill(0);
    // Each extension moves the dossier deadline a minute past the last one: every action is a new transition.
    return byLevel(levels, (i) => {
      extensions[i] = (extensions[i] ?? 0) + 1;
      return ocop.act(productId(cycleOf(province), i), 'extendDeadline', {
        actor: { id: 'vp-ocop', role: 'coordinator' },
        until: new Date(base + (extensions[i] ?? 0) * 60_000).toISOString(),
        reason: 'bench',
      });
    });
  });
  const floor = await withWorker(ctx, 'round-trips', 'bare', async ({ taskQueue }) => {
    const id = (i: number) => `bench-floor-${ctx.runId}-${i}`;
    for (let i = 0; i < WORKFLOWS; i++) await ctx.client.workflow.start(bareFloor, { workflowId: id(i), taskQueue });
    const results = await byLevel(levels, (i) =>
      ctx.client.workflow.getHandle(id(i)).executeUpdate(ping, { args: [i] }),
    );
    await Promise.all(Array.from({ length: WORKFLOWS }, (_, i) => ctx.client.workflow.getHandle(id(i)).terminate()));
    return results;
  });
  return levels.map(([lanes, requests], index) => {
    const e = latency(engine[index] ?? []);
    const f = latency(floor[index] ?? []);
    return { lanes, requests, engine: e, floor: f, ratio: { p50: e.p50 / f.p50, p95: e.p95 / f.p95 } };
  });
}
