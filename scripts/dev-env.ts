// The embedded default: the Temporal dev server (with its Web UI and a
// persistent SQLite file under .data/), the local PostgreSQL with the engine's
// database migrated, and a worker in this process. `npm run dev` and
// `npm start` (the demo) stand on it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { type Kysely, sql } from 'kysely';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { migrateUp } from '../db/migrator';
import { type Config, loadConfig } from '../worker/config';
import { openDatabase, temporalConnectionOptions } from '../worker/connections';
import { createWorker } from '../worker/worker';
import { OCOP_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { installTemporalBinaries, projectRoot, temporalExecutable } from './temporal-binaries';

export const UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

export interface DevEnvOptions {
  /** A database of its own on DATABASE_URL's server, e.g. the demo's, so the user's is never touched. */
  database?: string;
  /** Drop that database first, so each run starts from nothing. */
  recreateDatabase?: boolean;
  /** A task queue of its own, so that another worker on the same server never takes these tasks. */
  taskQueue?: string;
  /**
   * Runs once the server answers and before the worker polls: what a previous
   * run left open would otherwise resume and write into the new database.
   */
  beforeWorker?: (config: Config) => Promise<void>;
}

export interface DevEnv {
  config: Config;
  db: Kysely<Database>;
  worker: Worker;
  uiUrl: string | null;
  /** Stops the worker, then the dev server if this process started it. */
  stop(): Promise<void>;
}

function reachable(address: string): Promise<boolean> {
  const [host = 'localhost', port = '7233'] = address.split(':');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 1000 });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function startDevServer(config: Config, log: (line: string) => void): Promise<ChildProcess | null> {
  if (await reachable(config.temporal.address)) {
    log(`using the Temporal server already at ${config.temporal.address}`);
    return null;
  }
  installTemporalBinaries(log);
  const executable = temporalExecutable('cli');
  if (executable.type !== 'existing-path')
    throw new Error('the Temporal CLI is not installed: run npm run temporal:install');
  const dataDir = path.join(projectRoot(), '.data');
  mkdirSync(dataDir, { recursive: true });
  const [ip = '127.0.0.1', port = '7233'] = config.temporal.address.split(':');
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(dataDir, 'temporal.sqlite'),
    '--ip',
    ip === 'localhost' ? '127.0.0.1' : ip,
    '--port',
    port,
    '--ui-port',
    String(UI_PORT),
    '--namespace',
    config.temporal.namespace,
    '--log-level',
    'error',
    ...OCOP_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${key.type}`]),
  ];
  const server = spawn(executable.path, args, { stdio: 'ignore' });
  for (let i = 0; i < 300 && !(await reachable(config.temporal.address)); i++) {
    if (server.exitCode !== null) throw new Error(`the Temporal dev server exited with ${server.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`started the Temporal dev server at ${config.temporal.address} (data in .data/temporal.sqlite)`);
  return server;
}

/** Creates the engine's database when it is missing (or anew), then migrates it. */
async function prepareDatabase(config: Config, recreate: boolean, log: (line: string) => void): Promise<void> {
  const url = new URL(config.databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = createDb(url.toString(), { max: 1 });
  try {
    if (recreate) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    const exists = await sql<{ n: number }>`select 1 as n from pg_database where datname = ${name}`.execute(admin);
    if (exists.rows.length === 0) {
      await sql`create database ${sql.id(name)}`.execute(admin);
      log(`created database ${name}`);
    }
  } finally {
    await admin.destroy();
  }
  const db = createDb(config.databaseUrl, { max: 1 });
  try {
    await migrateUp(db);
  } finally {
    await db.destroy();
  }
}

function withOptions(config: Config, options: DevEnvOptions): Config {
  const url = new URL(config.databaseUrl);
  if (options.database) url.pathname = `/${options.database}`;
  return {
    ...config,
    databaseUrl: url.toString(),
    temporal: { ...config.temporal, taskQueue: options.taskQueue ?? config.temporal.taskQueue },
  };
}

/** Temporal UI's address when something answers on its port, whoever started the server. */
async function uiAddress(server: ChildProcess | null, namespace: string): Promise<string | null> {
  const answers = server !== null || (await reachable(`localhost:${UI_PORT}`));
  return answers ? `http://localhost:${UI_PORT}/namespaces/${namespace}/workflows` : null;
}

export async function startDevEnv(
  log: (line: string) => void = console.log,
  options: DevEnvOptions = {},
): Promise<DevEnv> {
  const config = withOptions(loadConfig(process.env), options);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const server = await startDevServer(config, log);
  await options.beforeWorker?.(config);
  await prepareDatabase(config, options.recreateDatabase ?? false, log);
  const db = await openDatabase(config);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await createWorker({ config, connection, db, log });
  const running = worker.run();
  log(`worker polling task queue "${config.temporal.taskQueue}"`);
  return {
    config,
    db,
    worker,
    uiUrl: await uiAddress(server, config.temporal.namespace),
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await db.destroy();
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    },
  };
}
