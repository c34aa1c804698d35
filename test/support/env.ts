// What tests share: the run's database, its workflow bundle and dev server
// (from global-setup), fresh time-skipping servers, and workers built exactly
// as production builds them.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import type { Kysely } from 'kysely';
import { createActivities } from '../../activities';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { temporalExecutable } from '../../scripts/temporal-binaries';
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

/** The production worker's workflows and activities, in this process, on a test server. */
export function inProcessWorker(env: TestWorkflowEnvironment, taskQueue: string, db: Kysely<Database>) {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: workflowBundle() },
    activities: createActivities({ db }),
  });
}

export const ROOT = path.resolve(__dirname, '..', '..');

/** The built worker, `node dist/worker/main.js`, as a separate process; resolves once it polls. */
export async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/worker/main.js')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: devServerAddress(),
      DATABASE_URL: databaseUrl(),
      WORKFLOW_BUNDLE_PATH: workflowBundle(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('polling task queue')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

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
