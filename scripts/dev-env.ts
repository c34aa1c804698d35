// The embedded default: the Temporal dev server (with its Web UI and a
// persistent SQLite file under .data/, or in memory when fresh), the local PostgreSQL with the engine's
// database migrated, a worker, the dev OpenID provider with its demo people's
// grants seeded, and the API, all in this process but the Temporal server.
// `npm run dev` and `npm start` (the demo) stand on it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { loadApiConfig } from '../api/config';
import { type DevProvider, startDevProvider } from '../api/identity/provider';
import { type SeedResult, seedDemoGrants } from '../api/identity/seed';
import { createTokenVerifier } from '../api/identity/verify';
import { buildServer, type ServerOptions } from '../api/server';
import { OcopClient } from '../client/ocop-client';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { migrateUp } from '../db/migrator';
import { type Config, loadConfig } from '../worker/config';
import { openDatabase, temporalConnectionOptions } from '../worker/connections';
import { createWorker } from '../worker/worker';
import { devServerArgs, UI_PORT } from './dev-options';
import { installTemporalBinaries, projectRoot, temporalExecutable } from './temporal-binaries';

export { UI_PORT } from './dev-options';

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
  /** The API's request log; Fastify's default (info, no bodies nor tokens) when absent. */
  apiLogger?: ServerOptions['logger'];
  /** A Temporal dev server of this run only, in memory: nothing of an earlier run (a cycle already started) is found. */
  inMemoryTemporal?: boolean;
}

export interface DevEnv {
  config: Config;
  db: Kysely<Database>;
  worker: Worker;
  uiUrl: string | null;
  /** The API's base URL, without /v1. */
  apiUrl: string;
  /** The dev OpenID provider's issuer, whose tokens the API accepts. */
  issuer: string;
  audience: string;
  /** What seeding the demo people's grants did. */
  seeded: SeedResult;
  /** Stops the API, the provider and the worker, then the dev server if this process started it. */
  stop(): Promise<void>;
}

/** The loopback ports of the provider and the API, and the variables that move them. */
const PORTS = {
  idp: { variable: 'OCOP_IDP_PORT', fallback: 8470 },
  api: { variable: 'OCOP_API_PORT', fallback: 8480 },
} as const;
const LOOPBACK = '127.0.0.1';
const DEFAULT_AUDIENCE = 'urn:ocop:api';

function portFromEnv({ variable, fallback }: { variable: string; fallback: number }): number {
  const text = process.env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} must be a port number from 0 to 65535, got "${text.slice(0, 20)}"`);
  }
  return port;
}

/** One line naming the port and the variable that moves it, before anything has started. */
function checkPortFree(port: number, variable: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} on ${LOOPBACK} is taken: set ${variable} to a free port`
            : `cannot listen on ${LOOPBACK}:${port} (${variable}): ${error.message}`,
        ),
      ),
    );
    probe.listen(port, LOOPBACK, () => probe.close(() => resolve()));
  });
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

/** A fresh run must start its own server: one already answering holds what earlier runs left. */
export async function refuseServerForFresh(address: string): Promise<void> {
  if (await reachable(address)) {
    throw new Error(
      `--fresh: a Temporal server already answers at ${address} and holds what earlier runs left; ` +
        'stop it, or set TEMPORAL_ADDRESS to a free host:port',
    );
  }
}

async function startDevServer(
  config: Config,
  log: (line: string) => void,
  inMemory: boolean,
): Promise<ChildProcess | null> {
  if (inMemory) await refuseServerForFresh(config.temporal.address);
  else if (await reachable(config.temporal.address)) {
    log(`using the Temporal server already at ${config.temporal.address}`);
    return null;
  }
  installTemporalBinaries(log);
  const executable = temporalExecutable('cli');
  if (executable.type !== 'existing-path')
    throw new Error('the Temporal CLI is not installed: run npm run temporal:install');
  const dataDir = path.join(projectRoot(), '.data');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const args = devServerArgs(config, dataDir, inMemory);
  const server = spawn(executable.path, args, { stdio: 'ignore' });
  for (let i = 0; i < 300 && !(await reachable(config.temporal.address)); i++) {
    if (server.exitCode !== null) throw new Error(`the Temporal dev server exited with ${server.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const data = inMemory ? 'in memory, gone when it stops' : 'data in .data/temporal.sqlite';
  log(`started the Temporal dev server at ${config.temporal.address} (${data})`);
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
async function uiAddress(server: ChildProcess | null): Promise<string | null> {
  const answers = server !== null || (await reachable(`localhost:${UI_PORT}`));
  return answers ? `http://localhost:${UI_PORT}` : null;
}

/** Runs `start`, turning a port taken meanwhile into the same one line as `checkPortFree`. */
async function onPort<T>(port: number, variable: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${port} on ${LOOPBACK} is taken: set ${variable} to a free port`);
    }
    throw error;
  }
}

/** The provider, the demo grants under its issuer, and the API over the worker's database. */
async function startIdentityAndApi(
  config: Config,
  db: Kysely<Database>,
  ports: { idp: number; api: number },
  options: { logger: ServerOptions['logger']; temporalUi: string | null },
  stops: (() => Promise<void>)[],
): Promise<Pick<DevEnv, 'apiUrl' | 'issuer' | 'audience' | 'seeded'>> {
  const audience = process.env.OCOP_API_AUDIENCE || DEFAULT_AUDIENCE;
  const provider: DevProvider = await onPort(ports.idp, PORTS.idp.variable, () =>
    startDevProvider({ port: ports.idp, host: LOOPBACK, audience }),
  );
  stops.push(() => provider.close());
  const seeded = await seedDemoGrants(db, provider.issuer);
  const apiEnv = {
    // The web app links province staff to a workflow in the UI of the server this started or found.
    ...(options.temporalUi ? { OCOP_TEMPORAL_UI_URL: options.temporalUi } : {}),
    ...process.env,
    OCOP_OIDC_ISSUER: provider.issuer,
    OCOP_API_AUDIENCE: audience,
  };
  const apiConfig = {
    ...loadApiConfig(apiEnv),
    host: LOOPBACK,
    port: ports.api,
    temporal: config.temporal,
    databaseUrl: config.databaseUrl,
  };
  const ocop = await OcopClient.connect(config);
  stops.push(() => ocop.close());
  const verify = createTokenVerifier({
    issuer: provider.issuer,
    audience,
    clockToleranceSeconds: apiConfig.clockToleranceSeconds,
  });
  const app: FastifyInstance = await buildServer({ db, ocop, config: apiConfig, verify }, { logger: options.logger });
  stops.push(() => app.close());
  await onPort(ports.api, PORTS.api.variable, () => app.listen({ port: ports.api, host: LOOPBACK }));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ports.api;
  return { apiUrl: `http://${LOOPBACK}:${port}`, issuer: provider.issuer, audience, seeded };
}

/** Runs the stops in reverse, so each part stops before what it stands on. */
async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop();
}

export async function startDevEnv(
  log: (line: string) => void = console.log,
  options: DevEnvOptions = {},
): Promise<DevEnv> {
  const config = withOptions(loadConfig(process.env), options);
  const ports = { idp: portFromEnv(PORTS.idp), api: portFromEnv(PORTS.api) };
  await checkPortFree(ports.idp, PORTS.idp.variable);
  await checkPortFree(ports.api, PORTS.api.variable);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stops: (() => Promise<void>)[] = [];
  try {
    const server = await startDevServer(config, log, options.inMemoryTemporal ?? false);
    if (server) stops.push(() => stopProcess(server));
    await options.beforeWorker?.(config);
    await prepareDatabase(config, options.recreateDatabase ?? false, log);
    const db = await openDatabase(config);
    stops.push(() => db.destroy());
    const connection = await NativeConnection.connect(temporalConnectionOptions(config));
    stops.push(() => connection.close());
    const worker = await createWorker({ config, connection, db, log });
    const running = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });
    log(`worker polling task queue "${config.temporal.taskQueue}"`);
    const temporalUi = await uiAddress(server);
    const services = await startIdentityAndApi(config, db, ports, { logger: options.apiLogger, temporalUi }, stops);
    return {
      config,
      db,
      worker,
      uiUrl: temporalUi && `${temporalUi}/namespaces/${config.temporal.namespace}/workflows`,
      ...services,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops).catch(() => undefined);
    throw error;
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
