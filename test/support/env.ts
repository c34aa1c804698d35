// What tests share: the run's database, its workflow bundle and dev server
// (from global-setup), fresh time-skipping servers, and workers built exactly
// as production builds them, started as the local stack (scripts/stack/) starts them.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { type Client, WorkflowClient } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { Kysely } from 'kysely';
import { type ActivityDeps, createActivities } from '../../activities';
import { OcopClient } from '../../client/ocop-client';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import type { ProductState } from '../../domain/product';
import { spawnUntilReady, stopChild } from '../../scripts/stack/processes';
import { type RunningWorker, runInBackground, WORKER_READY } from '../../scripts/stack/worker';
import { temporalExecutable } from '../../scripts/temporal-binaries';
import { loadConfig } from '../../worker/config';
import { stateQuery } from '../../workflows/product/messages';
import { OCOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest, whose global setup sets it`);
  return value;
}

export const databaseUrl = () => required('OCOP_TEST_DATABASE_URL');
export const workflowBundle = () => required('OCOP_TEST_WORKFLOW_BUNDLE');
export const devServerAddress = () => required('OCOP_TEST_TEMPORAL_ADDRESS');

export function openDb(): Kysely<Database> {
  return createDb(databaseUrl(), { max: 4 });
}

/** A fresh time-skipping server, with our search attributes registered as the dev server has them. */
export async function startTimeSkipping(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: temporalExecutable('testServer') },
  });
  const { IndexedValueType } = temporal.api.enums.v1;
  const types = {
    KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      OCOP_SEARCH_ATTRIBUTES.map((key) => [key.name, types[key.type as keyof typeof types]]),
    ),
  });
  return env;
}

export function connectToDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: devServerAddress() });
}

/**
 * The production worker's workflows and activities, in this process, on a test
 * server; `deps` gives the activities notification channels, as the worker's
 * configuration would.
 */
export function inProcessWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  db: Kysely<Database>,
  deps: Omit<ActivityDeps, 'db'> = {},
) {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: workflowBundle() },
    activities: createActivities({ db, ...deps }),
  });
}

export const ROOT = path.resolve(__dirname, '..', '..');

/** The built worker, `node dist/worker/main.js`, as a separate process; resolves once it polls. */
export async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const { child } = await spawnUntilReady(process.execPath, [path.join(ROOT, 'dist/worker/main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: devServerAddress(),
      DATABASE_URL: databaseUrl(),
      WORKFLOW_BUNDLE_PATH: workflowBundle(),
      ...env,
    },
    ready: WORKER_READY,
  });
  return child;
}

/** Sends the signal (SIGTERM by default) and resolves with the exit code, null when a signal ended it. */
export const stopProcess = stopChild;

/** Polls until `probe` returns a value that `done` accepts, for effects that land asynchronously. */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A worker polling in the background until `stop()`, for tests that act step by step between waits. */
export async function runningWorker(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  db: Kysely<Database>,
): Promise<RunningWorker> {
  return runInBackground(await inProcessWorker(env, taskQueue, db));
}

/**
 * The result of a workflow that has already ended. The time-skipping client's
 * `result()` unlocks time skipping for as long as it waits, and on a closed
 * workflow the test server then jumps its clock ten years: every workflow still
 * open would wake up a decade late.
 */
export function endedResult<T>(env: TestWorkflowEnvironment, workflowId: string): Promise<T> {
  return new WorkflowClient({ connection: env.connection, namespace: env.namespace }).getHandle(workflowId).result();
}

/** The first argument a workflow was started with, as its clients decode it: through the payload codec. */
export async function startedInput<T>(client: Client, workflowId: string): Promise<T> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const payloads = events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
  return decodeFromPayloadsAtIndex<T>(client.options.loadedDataConverter, 0, payloads);
}

/** The summaries of the timers a workflow has started, decoded as its clients decode them. */
export async function timerSummaries(client: Client, workflowId: string): Promise<string[]> {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const summaries = (events ?? []).flatMap((e) =>
    e.timerStartedEventAttributes && e.userMetadata?.summary ? [e.userMetadata.summary] : [],
  );
  return Promise.all(
    summaries.map((summary) => decodeFromPayloadsAtIndex<string>(client.options.loadedDataConverter, 0, [summary])),
  );
}

export async function historyLength(handle: { fetchHistory(): Promise<{ events?: unknown[] | null }> }) {
  return (await handle.fetchHistory()).events?.length ?? 0;
}

/**
 * The state once the read model shows `stage`. Certified applications continue
 * as new; a query that reaches the time-skipping server during that handover can
 * hang for 90 seconds, while the read model is only written by the new run.
 */
export async function stateOnceIn(
  db: Kysely<Database>,
  handle: { query(def: typeof stateQuery): Promise<ProductState> },
  productId: string,
  stage: string,
): Promise<ProductState> {
  await eventually(
    () => db.selectFrom('products').select('stage').where('id', '=', productId).executeTakeFirst(),
    (row) => row?.stage === stage,
  );
  return handle.query(stateQuery);
}

/** The audit trail of one product, oldest first. */
export function eventsOf(db: Kysely<Database>, productId: string) {
  return db.selectFrom('product_events').selectAll().where('product_id', '=', productId).orderBy('seq').execute();
}

/** Reminders, escalations and notices sent for one workflow, as [template, last key part] in sending order. */
export async function notificationsOf(db: Kysely<Database>, workflowId: string): Promise<[string, string][]> {
  const rows = await db
    .selectFrom('notifications')
    .select(['idempotency_key', 'template'])
    .where('idempotency_key', 'like', `${workflowId}/%`)
    .orderBy('id')
    .execute();
  return rows.map((n) => [n.template, n.idempotency_key.split('/').at(-1) ?? '']);
}

/**
 * Every transition of `state.history` landed exactly once in `product_events`,
 * with its actor, action, stages and the workflow's own timestamp, and the
 * `products` read model shows the last one.
 */
export async function expectPersisted(db: Kysely<Database>, state: ProductState): Promise<void> {
  const events = await eventsOf(db, state.productId);
  expect(
    events.map((e) => ({
      seq: e.seq,
      action: e.action,
      actor: { id: e.actor_id, role: e.actor_role },
      stageFrom: e.stage_from,
      stageTo: e.stage_to,
      level: e.level,
      at: e.occurred_at.toISOString(),
    })),
  ).toEqual(
    state.history.map((h) => ({
      seq: h.seq,
      action: h.action,
      actor: { id: h.actor.id, role: h.actor.role },
      stageFrom: h.stageFrom,
      stageTo: h.stageTo,
      level: h.level,
      at: h.at,
    })),
  );
  const last = state.history.at(-1);
  const product = await db
    .selectFrom('products')
    .selectAll()
    .where('id', '=', state.productId)
    .executeTakeFirstOrThrow();
  expect({
    stage: product.stage,
    stars: product.stars,
    certificateNo: product.certificate_no,
    lastSeq: product.last_seq,
    updatedAt: product.updated_at.toISOString(),
    nextDeadline: product.next_deadline?.toISOString() ?? null,
  }).toEqual({
    stage: state.stage,
    stars: state.stars,
    certificateNo: state.certificate?.number ?? null,
    lastSeq: state.history.length,
    updatedAt: last?.at,
    nextDeadline: state.deadline ? new Date(state.deadline.dueAt).toISOString() : null,
  });
}

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  db: Kysely<Database>;
  worker: RunningWorker;
}

/**
 * A test file's own time-skipping server, the run's database and a running
 * worker, set up before its tests and torn down after them.
 */
export function useTimeSkipping(taskQueue: string): TimeSkippingStack {
  const stack = {} as TimeSkippingStack;
  beforeAll(async () => {
    stack.env = await startTimeSkipping();
    stack.db = openDb();
    stack.worker = await runningWorker(stack.env, taskQueue, stack.db);
  });
  afterAll(async () => {
    await stack.worker?.stop();
    await stack.env?.teardown();
    await stack.db?.destroy();
  });
  return stack;
}

export interface WorkerProcessStack {
  /** The built worker as its own process; a test may kill it and put a new one here. */
  worker: ChildProcess;
  client: OcopClient;
  db: Kysely<Database>;
}

/**
 * The built worker process on the run's dev server, a client library on the
 * same task queue and the run's database, for one test file. The worker must
 * stop gracefully (exit 0) on SIGTERM at the end.
 */
export function useWorkerProcess(taskQueue: string): WorkerProcessStack {
  const stack = {} as WorkerProcessStack;
  beforeAll(async () => {
    stack.db = openDb();
    stack.worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: taskQueue });
    stack.client = await OcopClient.connect(
      loadConfig({ TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_TASK_QUEUE: taskQueue }),
    );
  });
  afterAll(async () => {
    await stack.client?.close();
    if (stack.worker) expect(await stopProcess(stack.worker)).toBe(0);
    await stack.db?.destroy();
  });
  return stack;
}
