// The service API against Temporal itself: the same Update sent through the
// API and straight to Temporal with the client library, interleaved so both
// share the machine's conditions; then the product list and "my tasks" over a
// province's worth of products. The API runs as its own process, as deployed.
import path from 'node:path';
import { passwordToken } from '../test/support/identity';
import { ApiClient } from '../client/api-client';
import { OcopClient } from '../client/ocop-client';
import { grantsOf } from '../read-model/grants';
import { findPrincipal } from '../read-model/principals';
import { actorFor, authorize, type GrantActor } from '../domain/access';
import { productId } from '../domain/ids';
import { seedDemoGrants } from '../api/identity/seed';
import { ACTION_CYCLE, insertListProducts, LIST_CYCLE, PROVINCE, registerActionProducts, UNITS } from './api-data';
import { type ListFigures, measureList, measureTasks, type Reader, type TaskFigures } from './api-reads';
import { RATE_LIMIT, type Service, startApiStack } from './api-stack';
import { databaseUrl } from '../scripts/stack/database';
import { cpuSeconds, memory } from './sampler';
import { type Context, type Latency, latency, withWorker } from './scenarios';

const COORDINATOR = 'nong.thi.ha';
/** Requests in flight at once: one person alone, then an office at its busiest. */
const ACTION_LEVELS = [1, 10] as const;
/** Pairs per product at each level: 2 × 200 gives each path 400 round trips per level. */
const ROUNDS = 2;
const WARM_UP_PAIRS = 10;
const LIST_PRODUCTS = 10_000;
const LIST_REQUESTS = 240;
const TASK_REQUESTS = 100;
const GOAL_RATIO = 1.2;
const GOAL_LIST_P95_MS = 100;

export interface ActionLevel {
  concurrency: number;
  api: Latency;
  direct: Latency;
  /** API ÷ direct. */
  ratio: { p50: number; p95: number };
  /** The API process's CPU over the level ÷ actions it answered. */
  apiCpuMsPerAction: number;
  failures: { count: number; first: string[] };
}

export interface ApiResult {
  setup: {
    api: string;
    actionProducts: number;
    /** Pairs (one through the API, one direct) each product sent at each level. */
    rounds: number;
    actionCycle: string;
    listProducts: number;
    listCycle: string;
    rateLimitPerMinute: number;
    logLevel: string;
  };
  goals: { actionRatio: number; listP95Ms: number };
  actions: ActionLevel[];
  list: ListFigures[];
  tasks: TaskFigures[];
  apiMemory: { rssMb: number; peakRssMb: number } | null;
}

interface Stack {
  provider: Service;
  api: Service;
  issuer: string;
}

type Send = (product: number, until: string) => Promise<unknown>;

/**
 * Each of `concurrency` lanes takes the next product and sends its pair, API
 * and direct, in an order that alternates from pair to pair, so neither path
 * always goes first on a warm workflow. A product's extensions go in order,
 * each to a later date, so every Update is accepted and does the same work;
 * products outnumber the lanes, so no two lanes hold one product at once.
 */
async function interleaved(
  products: number,
  rounds: number,
  concurrency: number,
  until: (product: number) => string,
  paths: { api: Send; direct: Send },
): Promise<{ api: number[]; direct: number[]; failures: string[] }> {
  const times = { api: [] as number[], direct: [] as number[] };
  const failures: string[] = [];
  const timed = async (which: 'api' | 'direct', product: number) => {
    const started = performance.now();
    try {
      await paths[which](product, until(product));
      times[which].push(performance.now() - started);
    } catch (error) {
      failures.push(`${which} ${productId(ACTION_CYCLE, product)}: ${(error as Error).message.slice(0, 200)}`);
    }
  };
  let next = 0;
  const pairs = products * rounds;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let k = next++; k < pairs; k = next++) {
        const order = k % 2 === 0 ? (['api', 'direct'] as const) : (['direct', 'api'] as const);
        for (const which of order) await timed(which, k % products);
      }
    }),
  );
  return { ...times, failures };
}

/** The actor the API sends for the coordinator: its principal row and the grant `authorize` picks. */
async function coordinatorActor(ctx: Context, db: Parameters<typeof grantsOf>[0], issuer: string) {
  const principal = await findPrincipal(db, issuer, COORDINATOR);
  if (!principal) throw new Error(`${COORDINATOR} has no principal row after its first request`);
  const now = new Date();
  const target = {
    province: PROVINCE,
    product: { unit: UNITS[0], subjectId: 'cb-chu-the-0', level: null },
  };
  const decision = authorize(await grantsOf(db, issuer, COORDINATOR, now), 'extendDeadline', target, now);
  if (!decision.allowed) throw new Error(`${COORDINATOR} may not extend deadlines: ${decision.missing}`);
  ctx.log(`  direct Updates act as ${COORDINATOR} under grant ${decision.grant.id}, as the API does`);
  return actorFor(principal, decision.grant);
}

async function measureActions(
  ctx: Context,
  stack: Stack,
  api: ApiClient,
  ocop: OcopClient,
  actor: () => Promise<GrantActor>,
  products: number,
): Promise<ActionLevel[]> {
  // Every extension goes a minute past the product's previous one, well after the dossier deadline.
  const base = Date.now() + 31 * 86_400_000;
  const extensions = new Array<number>(products).fill(0);
  const until = (i: number) => new Date(base + ++extensions[i]! * 60_000).toISOString();
  const body = (until: string) => ({ until, reason: 'bench: hạn nộp hồ sơ được gia hạn' });
  const viaApi: Send = (i, to) => api.act(productId(ACTION_CYCLE, i), 'extendDeadline', body(to));
  // The principal row exists once the API has seen the coordinator, so the warm-up goes through the API first.
  for (let i = 0; i < WARM_UP_PAIRS; i++) await viaApi(i, until(i));
  const as = await actor();
  const direct: Send = (i, to) => ocop.act(productId(ACTION_CYCLE, i), 'extendDeadline', { ...body(to), actor: as });
  for (let i = 0; i < WARM_UP_PAIRS; i++) await direct(i, until(i));

  const levels: ActionLevel[] = [];
  for (const concurrency of ACTION_LEVELS) {
    const cpuBefore = cpuSeconds(stack.api.pid) ?? NaN;
    const run = await interleaved(products, ROUNDS, concurrency, until, { api: viaApi, direct });
    const cpu = (cpuSeconds(stack.api.pid) ?? NaN) - cpuBefore;
    const a = latency(run.api);
    const d = latency(run.direct);
    levels.push({
      concurrency,
      api: a,
      direct: d,
      ratio: { p50: a.p50 / d.p50, p95: a.p95 / d.p95 },
      apiCpuMsPerAction: (cpu * 1000) / run.api.length,
      failures: { count: run.failures.length, first: run.failures.slice(0, 5) },
    });
    ctx.log(
      `  ${concurrency} in flight: API p50/p95 ${a.p50}/${a.p95} ms, direct ${d.p50}/${d.p95} ms, ` +
        `ratio ${(a.p50 / d.p50).toFixed(2)}× / ${(a.p95 / d.p95).toFixed(2)}×, ${run.failures.length} failed`,
    );
  }
  return levels;
}

async function startStack(ctx: Context, url: string, taskQueue: string): Promise<Stack> {
  const { provider, api } = await startApiStack(ctx, url, taskQueue, { logName: 'api' });
  return { provider, api, issuer: provider.url };
}

function readers(stack: Stack): { coordinator: Reader; officers: Reader[] } {
  const client = (login: string) => {
    let token: Promise<string> | undefined;
    // Asked for once, at the first request: a token lives an hour, longer than the scenario.
    return new ApiClient({ baseUrl: stack.api.url, token: () => (token ??= passwordToken(stack.issuer, login)) });
  };
  return {
    coordinator: { login: COORDINATOR, scope: 'coordinator of CB: the whole province', api: client(COORDINATOR) },
    officers: [
      { login: 'be.van.duc', scope: 'dossier officer, CB unit 047 (district)', api: client('be.van.duc'), unit: '047' },
      {
        login: 'hoang.van.nam',
        scope: 'dossier officer, CB unit 051 (district)',
        api: client('hoang.van.nam'),
        unit: '051',
      },
    ],
  };
}

/** The whole API scenario, on a worker, database and task queue of its own. */
export function apiScenario(ctx: Context, actionProducts: number): Promise<ApiResult> {
  const lanes = Math.max(...ACTION_LEVELS);
  if (actionProducts <= lanes) throw new Error(`the api scenario needs more than ${lanes} products, one per lane`);
  return withWorker(ctx, 'api', 'engine', async (running) => {
    const db = running.db!;
    const url = databaseUrl(ctx.databaseServerUrl, running.database!);
    const stack = await startStack(ctx, url, running.taskQueue);
    try {
      ctx.log(`  provider at ${stack.issuer}, API at ${stack.api.url} (pid ${stack.api.pid})`);
      const seeded = await seedDemoGrants(db, stack.issuer);
      ctx.log(`  seeded ${seeded.added} demo grants`);
      const ocop = new OcopClient(ctx.client, running.taskQueue);
      const { coordinator, officers } = readers(stack);

      ctx.log(`  registering ${actionProducts} products, parked in REGISTERED`);
      await registerActionProducts(ocop, db, actionProducts);
      ctx.log(`  actions: extendDeadline by the coordinator, API and direct interleaved`);
      const actions = await measureActions(
        ctx,
        stack,
        coordinator.api,
        ocop,
        () => coordinatorActor(ctx, db, stack.issuer),
        actionProducts,
      );

      ctx.log(`  inserting ${LIST_PRODUCTS} products into the read model`);
      await insertListProducts(db, LIST_PRODUCTS);
      ctx.log(`  product list, ${LIST_REQUESTS}+ requests per reader, one at a time`);
      const list: ListFigures[] = [];
      for (const reader of [coordinator, officers[0]!]) list.push(await measureList(reader, LIST_REQUESTS));
      for (const l of list) ctx.log(`    ${l.login}: p50 ${l.all.p50} ms, p95 ${l.all.p95} ms over ${l.all.count}`);
      ctx.log(`  my tasks, ${TASK_REQUESTS} requests per reader`);
      const tasks: TaskFigures[] = [];
      for (const reader of [...officers, coordinator]) tasks.push(await measureTasks(reader, TASK_REQUESTS));
      for (const t of tasks)
        ctx.log(`    ${t.login}: p50 ${t.latency.p50} ms, p95 ${t.latency.p95} ms, ${t.tasks} tasks`);

      return {
        setup: {
          api: 'child process `node <build>/api/main.js`, its own Temporal connection and database pool',
          actionProducts,
          rounds: ROUNDS,
          actionCycle: ACTION_CYCLE,
          listProducts: LIST_PRODUCTS,
          listCycle: LIST_CYCLE,
          rateLimitPerMinute: Number(RATE_LIMIT),
          logLevel: process.env.LOG_LEVEL ?? 'info',
        },
        goals: { actionRatio: GOAL_RATIO, listP95Ms: GOAL_LIST_P95_MS },
        actions,
        list,
        tasks,
        apiMemory: memory(stack.api.pid),
      };
    } finally {
      const code = await stack.api.stop();
      if (code) ctx.log(`  the API exited with ${code}: see ${path.join(ctx.logDir, 'api.log')}`);
      await stack.provider.stop();
    }
  });
}
