// The processes a bench run stands on: a Temporal dev server of its own unless
// TEMPORAL_ADDRESS names one, a fresh database per scenario on the local stack's
// PostgreSQL, and each worker as a separate process so that its memory and CPU
// are its own to measure. Starting them is the local stack's (scripts/stack/).
import { type ChildProcess, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../worker/workflow-bundle';
import { spawnUntilReady, stopChild } from '../scripts/stack/processes';
import { WORKER_READY } from '../scripts/stack/worker';
import { temporalExecutable } from '../scripts/temporal-binaries';

/** Every process this bench started and has not yet stopped, so an interrupted run leaves none behind. */
const live = new Set<ChildProcess>();

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map(stopLive));
}

export interface Build {
  engineWorker: string;
  bareWorker: string;
  engineBundle: string;
  bareBundle: string;
}

/**
 * Compiles the worker, the workflows and the bare lifecycle into `dir`, and
 * bundles both sets of workflows from that same output. dist/ is rebuilt by
 * whoever runs the tests, so the bench measures its own build of the sources.
 */
export async function build(dir: string): Promise<Build> {
  execFileSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      path.join(__dirname, 'tsconfig.build.json'),
      '--noCheck',
      '--outDir',
      dir,
    ],
    { stdio: 'inherit' },
  );
  const quiet = { info() {}, warn: console.warn, error: console.error, debug() {}, trace() {}, log() {} };
  const bundle = async (options: { workflowsPath: string; preloadModules?: string[] }, file: string) => {
    const { code } = await bundleWorkflowCode({ ...options, logger: quiet });
    writeFileSync(file, code);
    return file;
  };
  return {
    engineWorker: path.join(dir, 'worker/main.js'),
    bareWorker: path.join(dir, 'bench/baseline/worker.js'),
    engineBundle: await bundle(
      workflowBundleOptions(path.join(dir, 'workflows/index.js')),
      path.join(dir, 'engine-bundle.js'),
    ),
    bareBundle: await bundle(
      { workflowsPath: path.join(dir, 'bench/baseline/workflows.js') },
      path.join(dir, 'bare-bundle.js'),
    ),
  };
}

export function temporalCliVersion(): string {
  const executable = temporalExecutable('cli');
  if (executable.type !== 'existing-path') return 'not installed';
  return execFileSync(executable.path, ['--version']).toString().trim();
}

export interface NodeProcess {
  pid: number;
  /** SIGTERM, the graceful shutdown the workers and the API implement; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export type WorkerProcess = NodeProcess;

export interface SpawnOptions {
  nodeArgs?: string[];
  /** Refuse a process not ready this long after its start; by default it may take as long as it needs. */
  timeoutMs?: number;
}

/**
 * Starts `node <script>`, its output going to `logFile`, and resolves once
 * that output matches `ready`, with the match: a service names its address
 * in its ready line.
 */
export async function spawnNode(
  script: string,
  env: Record<string, string>,
  logFile: string,
  ready: RegExp,
  options: SpawnOptions = {},
): Promise<NodeProcess & { ready: RegExpExecArray }> {
  const started = await spawnUntilReady(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, ...env },
    ready,
    logFile,
    timeoutMs: options.timeoutMs,
    onSpawn: (child) => live.add(child),
  });
  return { pid: started.pid, ready: started.ready, stop: () => stopLive(started.child) };
}

/** Starts a worker and resolves once it polls. */
export function spawnWorker(
  script: string,
  env: Record<string, string>,
  logFile: string,
  nodeArgs: string[] = [],
): Promise<WorkerProcess> {
  return spawnNode(script, env, logFile, WORKER_READY, { nodeArgs });
}

function stopLive(child: ChildProcess): Promise<number | null> {
  live.delete(child);
  return stopChild(child);
}
