// The processes a bench run stands on: a Temporal dev server of its own unless
// TEMPORAL_ADDRESS names one, a fresh database per scenario on the local
// PostgreSQL, and each worker as a separate process so that its memory and CPU
// are its own to measure.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../worker/workflow-bundle';
import { sql } from 'kysely';
import { createDb } from '../db/connection';
import { migrateUp } from '../db/migrator';
import { installTemporalBinaries, temporalExecutable } from '../scripts/temporal-binaries';
import { OCOP_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/** Every process this bench started and has not yet stopped, so an interrupted run leaves none behind. */
const live = new Set<ChildProcess>();

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map(stopChild));
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

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  address: string;
  pid: number;
  stop(): Promise<void>;
}

/** An in-memory, headless dev server on a free port, with the OCOP search attributes. */
export async function startDevServer(namespace: string, log: (line: string) => void): Promise<DevServer> {
  installTemporalBinaries(log);
  const executable = temporalExecutable('cli');
  if (executable.type !== 'existing-path')
    throw new Error('the Temporal CLI is not installed: npm run temporal:install');
  const port = await freePort();
  const server = spawn(
    executable.path,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--namespace',
      namespace,
      '--log-level',
      'error',
      ...OCOP_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${key.type}`]),
    ],
    { stdio: 'ignore' },
  );
  live.add(server);
  for (let i = 0; !(await reachable(port)); i++) {
    if (server.exitCode !== null || i > 300) {
      server.kill('SIGKILL');
      throw new Error(`the Temporal dev server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { address: `127.0.0.1:${port}`, pid: server.pid!, stop: async () => void (await stopChild(server)) };
}

export function temporalCliVersion(): string {
  const executable = temporalExecutable('cli');
  if (executable.type !== 'existing-path') return 'not installed';
  return execFileSync(executable.path, ['--version']).toString().trim();
}

/** A database of `serverUrl`'s server under another name. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = createDb(databaseUrl(serverUrl, 'postgres'), { max: 1 });
  try {
    await sql`create database ${sql.id(name)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = databaseUrl(serverUrl, name);
  const db = createDb(url, { max: 1 });
  try {
    await migrateUp(db);
  } finally {
    await db.destroy();
  }
  return url;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = createDb(databaseUrl(serverUrl, 'postgres'), { max: 1 });
  try {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  } finally {
    await admin.destroy();
  }
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
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let output = '';
  let timer: NodeJS.Timeout | undefined;
  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => reject(new Error(`${script} was not ready within ${ms} ms:\n${output}`)), ms);
      }
      const onData = (chunk: Buffer) => {
        if (output.length < 10_000) output += chunk.toString();
        const found = ready.exec(output);
        if (found) {
          child.stdout.off('data', onData);
          child.stderr.off('data', onData);
          resolve(found);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`)));
    });
    return { pid: child.pid!, ready: match, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a worker and resolves once it polls. */
export function spawnWorker(
  script: string,
  env: Record<string, string>,
  logFile: string,
  nodeArgs: string[] = [],
): Promise<WorkerProcess> {
  return spawnNode(script, env, logFile, /polling task queue/, { nodeArgs });
}

async function stopChild(child: ChildProcess): Promise<number | null> {
  live.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    return await exited;
  } finally {
    clearTimeout(killer);
  }
}
