// One scenario is one worker process, fresh, on its own task queue and its own
// database, driven until every product is through, then measured. A fresh
// process per scenario makes its peak memory and its CPU the scenario's alone.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Client } from '@temporalio/client';
import { type Kysely, sql } from 'kysely';
import { OcopClient } from '../client/ocop-client';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { productId, productWorkflowId } from '../domain/ids';
import { drive, type DriveResult, type Failure, type Lifecycle, percentile, waitFor } from './driver';
import { bareLifecycleOf, bareWorkflowId, cycleOf, engineLifecycle } from './lifecycles';
import {
  databaseBytes,
  historyFigures,
  type HistoryFigures,
  reportTiming,
  type ReportTiming,
  rowFigures,
  type RowFigures,
  spread,
} from './measures';
import { summarizeProfiles, type ThreadProfile } from './profile';
import { measure, memory, type Usage } from './sampler';
import { databaseUrl, dropDatabase, prepareDatabase } from '../scripts/stack/database';
import { spawnWorker, type Build, type WorkerProcess } from './stack';

export interface Context {
  client: Client;
  build: Build;
  /** The dev server's pid when the bench started it; an external server's CPU is not ours to read. */
  serverPid: number | null;
  /** A connection to the PostgreSQL server's `postgres` database, to find the scenario's backends. */
  admin: Kysely<Database>;
  databaseServerUrl: string;
  /** The worker's environment: Temporal address, namespace and the tuning under measurement. */
  workerEnv: Record<string, string>;
  /** Unique per bench run: names the task queues and the databases. */
  runId: string;
  concurrency: number;
  historySample: number;
  logDir: string;
  log(line: string): void;
  /** Whether workflows left running must be terminated (they would outlive a server we do not stop). */
  externalServer: boolean;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface ScenarioResult {
  products: number;
  /** Every request answered (starts and Updates) over the drive, until the last product's last action. */
  requestsPerSecond: number;
  /** Products through to the scenario's end: expired (or completed, for the bare lifecycle), or parked. */
  completed: number;
  failures: { count: number; first: Failure[] };
  seconds: { drive: number; makespan: number };
  productsPerMinute: number;
  updates: Latency & { retries: number; refusals: Record<string, number>; byAction: Record<string, Latency> };
  starts: Latency;
  usage: Usage;
  workerCpuMsPerProduct: number;
  history: HistoryFigures;
  database: RowFigures | null;
  report: ReportTiming | null;
  /** Where the products ended, and the notifications they caused: escalations mean the driver fell behind. */
  checks: Record<string, Record<string, number>>;
}

export interface ParkedResult extends ScenarioResult {
  /** The worker's memory once the parked products are quiet, with the SDK's default cache of them cached. */
  settled: {
    afterSeconds: number;
    workerRssMb: number;
    workerPeakRssMb: number;
    serverRssMb: number | null;
    /** The worker's RSS once started, before any workflow. */
    idleWorkerRssMb: number;
    /** How many parked workflows the cache holds: the SDK's default size, or all of them when fewer. */
    cachedWorkflows: number;
    mbPerCachedWorkflow: number;
  };
}

/** The SDK's default maxCachedWorkflows with reuseV8Context (worker-options.js), for a worker of the bench's Node. */
function sdkDefaultCache(): number {
  const heapMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

export interface ProfiledResult {
  products: number;
  engine: ThreadProfile[];
  bare: ThreadProfile[];
}

export function latency(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

function requestsPerSecond(driven: DriveResult): number {
  return [...driven.roundTrips.values()].reduce((sum, times) => sum + times.length, 0) / driven.seconds;
}

/** What every driven scenario reports of its run: throughput, latencies, failures, CPU and memory. */
function drivenFigures(products: number, completed: number, driven: DriveResult, makespan: number, cost: Usage) {
  return {
    products,
    requestsPerSecond: requestsPerSecond(driven),
    completed,
    failures: { count: driven.failures.length, first: driven.failures.slice(0, 5) },
    seconds: { drive: driven.seconds, makespan },
    productsPerMinute: (completed / makespan) * 60,
    updates: updateLatency(driven),
    starts: latency(driven.roundTrips.get('start') ?? []),
    usage: cost,
    workerCpuMsPerProduct: (cost.cpuSeconds.worker * 1000) / products,
  };
}

function updateLatency(driven: DriveResult): ScenarioResult['updates'] {
  const updates = [...driven.roundTrips.entries()].filter(([name]) => name !== 'start');
  return {
    ...latency(updates.flatMap(([, times]) => times)),
    retries: driven.retries,
    refusals: driven.refusals,
    byAction: Object.fromEntries(updates.map(([name, times]) => [name, latency(times)])),
  };
}

async function closedCount(client: Client, taskQueue: string, status: string): Promise<number> {
  const { count } = await client.workflow.count(`TaskQueue = "${taskQueue}" AND ExecutionStatus = "${status}"`);
  return count;
}

/** Terminates what a scenario left running on a server that outlives the bench. */
async function terminateRunning(ctx: Context, taskQueue: string): Promise<void> {
  if (!ctx.externalServer) return;
  const batch: Promise<unknown>[] = [];
  for await (const execution of ctx.client.workflow.list({
    query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`,
  })) {
    batch.push(
      ctx.client.workflow
        .getHandle(execution.workflowId)
        .terminate('bench finished')
        .catch(() => undefined),
    );
    if (batch.length >= 100) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

function postgresBackends(ctx: Context, database: string | null) {
  return async () => {
    if (!database) return [];
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = ${database}`.execute(ctx.admin);
    return rows.map((r) => r.pid);
  };
}

export interface Running {
  taskQueue: string;
  worker: WorkerProcess;
  db: Kysely<Database> | null;
  database: string | null;
  /** The migrated database's size before the scenario wrote to it. */
  emptyBytes: number;
}

/** Starts the scenario's worker (and database), runs `body`, then stops and drops them whatever happens. */
export async function withWorker<T>(
  ctx: Context,
  name: string,
  kind: 'engine' | 'bare',
  body: (running: Running) => Promise<T>,
  options: { nodeArgs?: string[]; omitEnv?: string[] } = {},
): Promise<T> {
  const taskQueue = `bench-${ctx.runId}-${kind}-${name}`;
  const database = kind === 'engine' ? `ocop_bench_${ctx.runId}_${name}`.toLowerCase() : null;
  const url = database ? databaseUrl(ctx.databaseServerUrl, database) : null;
  if (url) await prepareDatabase(url);
  let worker: WorkerProcess | null = null;
  const db = url ? createDb(url, { max: 2 }) : null;
  try {
    const env: Record<string, string> = {
      ...ctx.workerEnv,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKFLOW_BUNDLE_PATH: kind === 'engine' ? ctx.build.engineBundle : ctx.build.bareBundle,
      ...(url ? { DATABASE_URL: url } : {}),
    };
    for (const key of options.omitEnv ?? []) delete env[key];
    worker = await spawnWorker(
      kind === 'engine' ? ctx.build.engineWorker : ctx.build.bareWorker,
      env,
      path.join(ctx.logDir, `${kind}-${name}.log`),
      options.nodeArgs,
    );
    const emptyBytes = db ? await databaseBytes(db) : 0;
    return await body({ taskQueue, worker, db, database, emptyBytes });
  } finally {
    const code = await worker?.stop();
    if (code) ctx.log(`  the ${name} worker exited with ${code}: see ${path.join(ctx.logDir, `${kind}-${name}.log`)}`);
    await terminateRunning(ctx, taskQueue);
    await db?.destroy();
    if (url) await dropDatabase(url);
  }
}

async function stagesOf(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('products')
    .select(['stage', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('stage')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
}

async function notificationsOf(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['template', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('template')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.template, Number(r.n)]));
}

interface Full {
  lifecycle: (running: Running) => Lifecycle;
  workflowId: (i: number) => string;
}

async function fullLifecycles(
  ctx: Context,
  name: string,
  kind: 'engine' | 'bare',
  products: number,
  full: Full,
): Promise<ScenarioResult> {
  return withWorker(ctx, name, kind, async (running) => {
    const usage = measure({
      worker: running.worker.pid,
      server: ctx.serverPid,
      postgresBackends: postgresBackends(ctx, running.database),
    });
    const started = performance.now();
    const driven = await drive(full.lifecycle(running), products, ctx.concurrency, ctx.log);
    const done = await waitFor(() => closedCount(ctx.client, running.taskQueue, 'Completed'), driven.driven);
    const makespan = (performance.now() - started) / 1000;
    const cost = await usage.finish();
    const history = await historyFigures(ctx.client, spread(products, ctx.historySample).map(full.workflowId));
    const db = running.db;
    return {
      ...drivenFigures(products, done.count, driven, makespan, cost),
      history,
      database: db ? await rowFigures(db, products, running.emptyBytes) : null,
      report: db ? await reportTiming(db, cycleOf(name)) : null,
      checks: {
        workflows: { failed: await closedCount(ctx.client, running.taskQueue, 'Failed') },
        ...(db ? { stages: await stagesOf(db), notifications: await notificationsOf(db) } : {}),
      },
    };
  });
}

/** `products` applications through the whole lifecycle on the compressed calendar. */
export function engineScenario(ctx: Context, province: string, products: number): Promise<ScenarioResult> {
  return fullLifecycles(ctx, province, 'engine', products, {
    lifecycle: ({ taskQueue }) => engineLifecycle(new OcopClient(ctx.client, taskQueue), province, 'full'),
    workflowId: (i) => productWorkflowId(productId(cycleOf(province), i)),
  });
}

/** The bare lifecycle, `products` times, driven alike. */
export function bareScenario(ctx: Context, province: string, products: number): Promise<ScenarioResult> {
  return fullLifecycles(ctx, province, 'bare', products, {
    lifecycle: ({ taskQueue }) => bareLifecycleOf(ctx.client, taskQueue, province),
    workflowId: (i) => bareWorkflowId(province, i),
  });
}

const SETTLE_SECONDS = 15;

/** `products` applications certified and waiting in post-inspection on the rule set's real terms. */
export function parkedScenario(ctx: Context, province: string, products: number): Promise<ParkedResult> {
  const cache = { omitEnv: ['WORKER_MAX_CACHED_WORKFLOWS'] };
  return withWorker(
    ctx,
    province,
    'engine',
    async (running) => {
      const db = running.db!;
      const idle = memory(running.worker.pid);
      const usage = measure({
        worker: running.worker.pid,
        server: ctx.serverPid,
        postgresBackends: postgresBackends(ctx, running.database),
      });
      const started = performance.now();
      const lifecycle = engineLifecycle(new OcopClient(ctx.client, running.taskQueue), province, 'parked');
      const driven = await drive(lifecycle, products, ctx.concurrency, ctx.log);
      const parked = await waitFor(async () => {
        const row = await db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('stage', '=', 'POST_INSPECTION')
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }, driven.driven);
      const makespan = (performance.now() - started) / 1000;
      const cost = await usage.finish();
      ctx.log(`  ${parked.count} parked in ${makespan.toFixed(0)} s; letting the worker settle ${SETTLE_SECONDS} s`);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
      const workerMemory = memory(running.worker.pid);
      const serverMemory = ctx.serverPid === null ? null : memory(ctx.serverPid);
      const id = (i: number) => productWorkflowId(productId(cycleOf(province), i));
      const cachedWorkflows = Math.min(parked.count, sdkDefaultCache());
      const idleWorkerRssMb = idle?.rssMb ?? NaN;
      return {
        ...drivenFigures(products, parked.count, driven, makespan, cost),
        history: await historyFigures(ctx.client, spread(products, ctx.historySample).map(id)),
        database: await rowFigures(db, products, running.emptyBytes),
        report: await reportTiming(db, cycleOf(province)),
        checks: { stages: await stagesOf(db), notifications: await notificationsOf(db) },
        settled: {
          afterSeconds: SETTLE_SECONDS,
          workerRssMb: workerMemory?.rssMb ?? NaN,
          workerPeakRssMb: workerMemory?.peakRssMb ?? NaN,
          serverRssMb: serverMemory?.rssMb ?? null,
          idleWorkerRssMb,
          cachedWorkflows,
          mbPerCachedWorkflow: ((workerMemory?.rssMb ?? NaN) - idleWorkerRssMb) / cachedWorkflows,
        },
      };
    },
    cache,
  );
}

/**
 * Full lifecycles with the worker under V8's CPU profiler, one profile per JS
 * thread, for the engine and then the bare lifecycle; not timed, as profiling
 * slows both.
 */
export async function profiledScenario(
  ctx: Context,
  province: string,
  products: number,
  profileDir: string,
): Promise<ProfiledResult> {
  const profile = async (kind: 'engine' | 'bare') => {
    const dir = path.join(profileDir, kind);
    mkdirSync(dir, { recursive: true });
    await withWorker(
      ctx,
      province,
      kind,
      async ({ taskQueue }) => {
        const lifecycle =
          kind === 'engine'
            ? engineLifecycle(new OcopClient(ctx.client, taskQueue), province, 'full')
            : bareLifecycleOf(ctx.client, taskQueue, province);
        const driven = await drive(lifecycle, products, ctx.concurrency, ctx.log);
        await waitFor(() => closedCount(ctx.client, taskQueue, 'Completed'), driven.driven);
      },
      { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] },
    );
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    return summarizeProfiles(files, path.dirname(ctx.build.engineBundle));
  };
  return { products, engine: await profile('engine'), bare: await profile('bare') };
}
