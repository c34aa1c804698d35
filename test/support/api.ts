// Everything an API integration test talks to: the run's database and dev
// server, the built worker on the test file's own task queue, the run's OpenID
// provider, the demo accounts' grants, and the API itself listening on a free
// loopback port in this process.
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { loadApiConfig } from '../../api/config';
import { DEMO_ACCOUNTS, DEMO_SERVICE_CLIENTS } from '../../api/identity/demo-accounts';
import { createTokenVerifier } from '../../api/identity/verify';
import { buildServer } from '../../api/server';
import { OcopClient } from '../../client/ocop-client';
import type { Database } from '../../db/database';
import { addGrant, GrantChangeRefused } from '../../read-model/grants';
import type { GrantInput } from '../../domain/access';
import { createDb } from '../../db/connection';
import { databaseUrl as stackDatabaseUrl, dropDatabase, prepareDatabase } from '../../scripts/stack/database';
import { databaseUrl, devServerAddress, openDb, spawnWorker, stopProcess } from './env';
import { passwordToken, serviceToken } from './identity';
import { loadConfig } from '../../worker/config';

export const API_AUDIENCE = 'urn:ocop:api';

export interface ApiStackOptions {
  taskQueue: string;
  /** More environment for the worker process, e.g. a webhook secret. */
  workerEnv?: Record<string, string>;
  /** More of the API's configuration (api/config.ts), e.g. OCOP_WEB_DIST. */
  apiEnv?: Record<string, string>;
  rateLimitPerMinute?: number;
  /**
   * A database and a Temporal namespace of its own, so the API shows nothing of
   * other test files (whose workflows no worker serves once they end): for a
   * test that explores whatever the API lists, such as Schemathesis.
   */
  isolated?: boolean;
}

export interface ApiStack {
  url: string;
  issuer: string;
  /** An access token for a demo login or a demo service client id, from the real provider (cached). */
  tokenFor(login: string): Promise<string>;
  db: Kysely<Database>;
  /** The client library on the same task queue, for arranging what a test needs without the API. */
  client: OcopClient;
  worker: ChildProcess;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export function issuer(): string {
  const value = process.env.OCOP_TEST_ISSUER;
  if (!value) throw new Error('OCOP_TEST_ISSUER is not set: run the tests through jest, whose global setup sets it');
  return value;
}

async function seed(db: Kysely<Database>, iss: string, subject: string, grants: readonly GrantInput[]) {
  for (const grant of grants) {
    try {
      await addGrant(
        db,
        { issuer: iss, subject, ...grant },
        { issuer: iss, subject: 'test-seed', grantId: null },
        'demo account',
      );
    } catch (error) {
      // Every API test file seeds the same run's database: a grant another file gave already is as good.
      if (!(error instanceof GrantChangeRefused && error.refusal === 'duplicate')) throw error;
    }
  }
}

/** Gives the demo accounts and service clients their grants, as the local stack does. */
export async function seedDemoGrants(db: Kysely<Database>, iss: string): Promise<void> {
  for (const account of DEMO_ACCOUNTS) await seed(db, iss, account.login, account.grants);
  for (const client of DEMO_SERVICE_CLIENTS) await seed(db, iss, client.clientId, client.grants);
}

export type ApiUnderTest = ApiStack;

/** The test file's own task queue, by its name, when a test asks for none. */
function defaultTaskQueue(): string {
  const file = expect.getState().testPath ?? 'api';
  return `api-${
    file
      .split('/')
      .pop()
      ?.replace(/\.test\.ts$/, '') ?? 'test'
  }`;
}

/** A fresh, migrated database beside the run's, dropped by the returned function. */
/** A migrated database of the test's own beside the run's, dropped by `drop`. */
async function ownDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const runs = new URL(databaseUrl()).pathname.slice(1);
  const url = stackDatabaseUrl(databaseUrl(), `${runs}_${name.replace(/\W/g, '_')}`.slice(0, 63));
  await prepareDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}

function isolatedNamespace(): string {
  const value = process.env.OCOP_TEST_ISOLATED_NAMESPACE;
  if (!value) throw new Error('OCOP_TEST_ISOLATED_NAMESPACE is not set: run the tests through jest');
  return value;
}

export async function startApi(options: Partial<ApiStackOptions> = {}): Promise<ApiStack> {
  const taskQueue = options.taskQueue ?? defaultTaskQueue();
  const iss = issuer();
  const cleanup: (() => Promise<unknown>)[] = [];
  const own = options.isolated ? await ownDatabase(taskQueue) : undefined;
  if (own) cleanup.push(own.drop);
  const place = {
    DATABASE_URL: own?.url ?? databaseUrl(),
    TEMPORAL_NAMESPACE: options.isolated ? isolatedNamespace() : 'default',
  };
  const db = own ? createDb(own.url, { max: 4 }) : openDb();
  cleanup.unshift(() => db.destroy());
  try {
    await seedDemoGrants(db, iss);
    const worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: taskQueue, ...place, ...options.workerEnv });
    cleanup.unshift(() => stopProcess(worker));
    const client = await OcopClient.connect(
      loadConfig({ TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_TASK_QUEUE: taskQueue, ...place }),
    );
    cleanup.unshift(() => client.close());
    const config = loadApiConfig({
      OCOP_OIDC_ISSUER: iss,
      OCOP_API_AUDIENCE: API_AUDIENCE,
      OCOP_API_PORT: '0',
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      ...place,
      OCOP_API_RATE_LIMIT: String(options.rateLimitPerMinute ?? 100_000),
      ...options.apiEnv,
    });
    const verify = createTokenVerifier({
      issuer: iss,
      audience: API_AUDIENCE,
      clockToleranceSeconds: config.clockToleranceSeconds,
    });
    const app = await buildServer(
      { db, ocop: client, config, verify },
      { logger: process.env.OCOP_TEST_API_LOG ? { level: 'error' } : false },
    );
    cleanup.unshift(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      issuer: iss,
      tokenFor: tokenCache(iss),
      db,
      client,
      worker,
      app,
      async stop() {
        await app.close();
        await client.close();
        const code = await stopProcess(worker);
        await db.destroy();
        await own?.drop();
        if (code !== 0) throw new Error(`the worker exited with ${code} on SIGTERM`);
      },
    };
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}

/** Tokens by login from the real provider, each asked for once: they live an hour, longer than a test file. */
function tokenCache(iss: string): (login: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (login) => {
    let token = tokens.get(login);
    if (!token) {
      const service = DEMO_SERVICE_CLIENTS.find((c) => c.clientId === login);
      token = service ? serviceToken(iss, service.clientId, service.secret) : passwordToken(iss, login);
      tokens.set(login, token);
      token.catch(() => tokens.delete(login));
    }
    return token;
  };
}

/** GET `path` as `login`, with its token from the real provider; the body as the test expects it. */
export async function getAs<T>(stack: ApiStack, login: string, path: string) {
  const response = await fetch(`${stack.url}${path}`, {
    headers: { authorization: `Bearer ${await stack.tokenFor(login)}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: (await response.json()) as T,
  };
}

/** The API stack for one test file: started before its tests, stopped after them. */
export function useApi(options: Partial<ApiStackOptions> = {}): ApiStack {
  const stack = {} as ApiStack;
  beforeAll(async () => {
    Object.assign(stack, await startApi(options));
  });
  afterAll(async () => {
    await stack.stop?.();
  });
  return stack;
}
