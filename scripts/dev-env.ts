// The embedded default: the Temporal dev server (with its Web UI and a
// persistent SQLite file under .data/, or in memory when fresh), PostgreSQL
// (DATABASE_URL's, the system's, or an embedded one under .data/) with the
// engine's database migrated, a worker, the dev OpenID provider with its demo
// people's grants seeded, and the API, all in this process but the Temporal
// server and the embedded PostgreSQL. `npm run dev` and `npm start` (the demo)
// stand on it; the parts they share with the tests and the bench are in stack/.
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { loadApiConfig } from '../api/config';
import { type DevProvider, startDevProvider } from '../api/identity/provider';
import { type SeedResult, seedDemoGrants } from '../api/identity/seed';
import { createTokenVerifier } from '../api/identity/verify';
import { buildServer, type ServerOptions } from '../api/server';
import { OcopClient } from '../client/ocop-client';
import type { Database } from '../db/database';
import { type Config, loadConfig } from '../worker/config';
import { devServerOptions, UI_PORT } from './dev-options';
import { databaseUrl, ensureDatabaseServer, prepareDatabase } from './stack/database';
import { addressAnswers, portFromEnv } from './stack/net';
import { Stops } from './stack/stops';
import { type DevServer, startTemporalDevServer } from './stack/temporal';
import { startWorkerInProcess } from './stack/worker';
import { projectRoot } from './temporal-binaries';

export { UI_PORT } from './dev-options';

export interface DevEnvOptions {
  /** A database of its own on the stack's PostgreSQL, e.g. the demo's, so the user's is never touched. */
  database?: string;
  /** Drop that database first, so each run starts from nothing. */
  recreateDatabase?: boolean;
  /** A task queue of its own, so that another worker on the same server never takes these tasks. */
  taskQueue?: string;
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
  /** Stops the API, the provider and the worker, then the dev server and PostgreSQL if this process started them. */
  stop(): Promise<void>;
}

/** The loopback ports of the provider and the API, and the variables that move them. */
const PORTS = {
  idp: { variable: 'OCOP_IDP_PORT', fallback: 8470 },
  api: { variable: 'OCOP_API_PORT', fallback: 8480 },
} as const;
const LOOPBACK = '127.0.0.1';
const DEFAULT_AUDIENCE = 'urn:ocop:api';

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

/** A fresh run must start its own server: one already answering holds what earlier runs left. */
export async function refuseServerForFresh(address: string): Promise<void> {
  if (await addressAnswers(address)) {
    throw new Error(
      `--fresh: a Temporal server already answers at ${address} and holds what earlier runs left; ` +
        'stop it, or set TEMPORAL_ADDRESS to a free host:port',
    );
  }
}

/** The dev server at TEMPORAL_ADDRESS: the one already answering there, or one this process starts. */
async function devServer(config: Config, log: (line: string) => void, inMemory: boolean): Promise<DevServer | null> {
  const { address } = config.temporal;
  if (inMemory) await refuseServerForFresh(address);
  else if (await addressAnswers(address)) {
    log(`using the Temporal server already at ${address}`);
    return null;
  }
  const dataDir = path.join(projectRoot(), '.data');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const server = await startTemporalDevServer(devServerOptions(config, dataDir, inMemory), log);
  const data = inMemory ? 'in memory, gone when it stops' : 'data in .data/temporal.sqlite';
  log(`started the Temporal dev server at ${address} (${data})`);
  return server;
}

function withOptions(config: Config, options: DevEnvOptions): Config {
  return {
    ...config,
    databaseUrl: options.database ? databaseUrl(config.databaseUrl, options.database) : config.databaseUrl,
    temporal: { ...config.temporal, taskQueue: options.taskQueue ?? config.temporal.taskQueue },
  };
}

/** Temporal UI's address when something answers on its port, whoever started the server. */
async function uiAddress(server: DevServer | null): Promise<string | null> {
  const answers = server !== null || (await addressAnswers(`localhost:${UI_PORT}`));
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
  stops: Stops,
): Promise<Pick<DevEnv, 'apiUrl' | 'issuer' | 'audience' | 'seeded'>> {
  const audience = process.env.OCOP_API_AUDIENCE || DEFAULT_AUDIENCE;
  const provider: DevProvider = await onPort(ports.idp, PORTS.idp.variable, () =>
    startDevProvider({ port: ports.idp, host: LOOPBACK, audience }),
  );
  stops.add(() => provider.close());
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
  stops.add(() => ocop.close());
  const verify = createTokenVerifier({
    issuer: provider.issuer,
    audience,
    clockToleranceSeconds: apiConfig.clockToleranceSeconds,
  });
  const app: FastifyInstance = await buildServer({ db, ocop, config: apiConfig, verify }, { logger: options.logger });
  stops.add(() => app.close());
  await onPort(ports.api, PORTS.api.variable, () => app.listen({ port: ports.api, host: LOOPBACK }));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : ports.api;
  return { apiUrl: `http://${LOOPBACK}:${port}`, issuer: provider.issuer, audience, seeded };
}

export async function startDevEnv(
  log: (line: string) => void = console.log,
  options: DevEnvOptions = {},
): Promise<DevEnv> {
  const loaded = loadConfig(process.env);
  const ports = {
    idp: portFromEnv(process.env, PORTS.idp.variable, PORTS.idp.fallback),
    api: portFromEnv(process.env, PORTS.api.variable, PORTS.api.fallback),
  };
  await checkPortFree(ports.idp, PORTS.idp.variable);
  await checkPortFree(ports.api, PORTS.api.variable);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stops = new Stops();
  try {
    const server = await devServer(loaded, log, options.inMemoryTemporal ?? false);
    if (server) stops.add(server.stop);
    const postgres = await ensureDatabaseServer(process.env, log);
    stops.add(postgres.stop);
    const config = withOptions({ ...loaded, databaseUrl: postgres.url }, options);
    const { created } = await prepareDatabase(config.databaseUrl, { recreate: options.recreateDatabase });
    if (created) log(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
    const worker = await startWorkerInProcess(config, log);
    stops.add(worker.stop);
    const temporalUi = await uiAddress(server);
    const services = await startIdentityAndApi(
      config,
      worker.db,
      ports,
      { logger: options.apiLogger, temporalUi },
      stops,
    );
    return {
      config,
      db: worker.db,
      worker: worker.worker,
      uiUrl: temporalUi && `${temporalUi}/namespaces/${config.temporal.namespace}/workflows`,
      ...services,
      stop: () => stops.run(),
    };
  } catch (error) {
    return stops.afterFailure(error);
  }
}
