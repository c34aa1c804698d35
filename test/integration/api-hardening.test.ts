// The API's defences over real HTTP: every way a token is refused, a service
// account's reach, body and rate limits, CORS, security headers, a request log
// without tokens or searches, 503 when Temporal or PostgreSQL is gone, and an
// OpenAPI document that is valid OpenAPI 3.1.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { loadApiConfig } from '../../api/config';
import type { ApiContext } from '../../api/context';
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import { createTokenVerifier } from '../../api/identity/verify';
import { buildServer, type ServerOptions } from '../../api/server';
import { OcopClient } from '../../client/ocop-client';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { productWorkflowId } from '../../domain/ids';
import { freePort } from '../../scripts/stack/net';
import { temporalExecutable } from '../../scripts/temporal-binaries';
import { loadConfig } from '../../worker/config';
import { API_AUDIENCE, useApi } from '../support/api';
import { databaseUrl, devServerAddress, eventually, historyLength, ROOT, stopProcess } from '../support/env';
import { DOSSIER, hatDe } from '../support/fixtures';
import { passwordToken, type RunningIdentityProvider, startIdentityProvider } from '../support/identity';
import { signedByUnknownKey, signingKey, unsigned, withBentSignature } from '../support/tokens';

const TASK_QUEUE = 'api-hardening';
const api = useApi({ taskQueue: TASK_QUEUE });
const PRODUCT = 'CB-2089-0001';
const MIB = 1024 * 1024;
const WEB_ORIGIN = 'http://127.0.0.1:5173';

interface Sent {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

async function send(
  base: string,
  method: string,
  route: string,
  options: {
    token?: string;
    json?: unknown;
    raw?: string;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${base}${route}`, { method, headers, body });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (the docs page): the text is what a test looks at.
  }
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text,
    body: parsed,
  };
}

/** More APIs beside the stack's, in this process, over its database and client unless told otherwise. */
const extraApps: FastifyInstance[] = [];
afterAll(async () => {
  for (const app of extraApps.splice(0)) await app.close();
});

async function serve(
  parts: { env?: Record<string, string>; db?: Kysely<Database>; ocop?: OcopClient } = {},
  options: ServerOptions = {},
): Promise<string> {
  const config = loadApiConfig({
    OCOP_OIDC_ISSUER: api.issuer,
    OCOP_API_AUDIENCE: API_AUDIENCE,
    TEMPORAL_ADDRESS: devServerAddress(),
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATABASE_URL: databaseUrl(),
    ...parts.env,
  });
  // Built from the configuration as api/main.ts builds it.
  const verify = createTokenVerifier({
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
  });
  const ctx: ApiContext = { db: parts.db ?? api.db, ocop: parts.ocop ?? api.client, config, verify };
  const app = await buildServer(ctx, { logger: false, ...options });
  extraApps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** The product's workflow history length and audit rows: a refused request changes neither. */
async function trail(productId = PRODUCT) {
  const handle = api.client.client.workflow.getHandle(productWorkflowId(productId));
  const events = await api.db
    .selectFrom('product_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return { history: await historyLength(handle), events: Number(events.n) };
}

const submitDossier = (base: string, token: string) =>
  send(base, 'POST', `/v1/products/${PRODUCT}/dossier`, { token, json: { documents: DOSSIER } });

function expectProblem(response: Sent, status: number) {
  expect({ status: response.status, type: response.type }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

/** A 401 naming `reason`, with the bearer challenge, that echoes no part of the token and leaves no trace. */
async function expectTokenRefused(base: string, token: string, reason: string) {
  const before = await trail();
  const response = await submitDossier(base, token);
  expectProblem(response, 401);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  expect(response.body.detail).toMatch(new RegExp(`: ${reason}$`));
  for (const part of token.split('.').filter((p) => p.length > 8)) expect(response.text).not.toContain(part);
  expect(await trail()).toEqual(before);
}

beforeAll(async () => {
  await api.client.startProductApplication(
    hatDe(PRODUCT, {
      subject: {
        id: DEMO_SUBJECT_IDS.hatDeTrungKhanh,
        name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh',
        type: 'cooperative',
      },
      unit: '047',
    }),
  );
  await eventually(
    () => api.db.selectFrom('products').select('stage').where('id', '=', PRODUCT).executeTakeFirst(),
    (row) => row?.stage === 'REGISTERED',
    20_000,
  );
});

describe('tokens the API refuses', () => {
  // Two more providers sharing one signing key, so their tokens pass the signature check and fail on what they say.
  let shortLived: RunningIdentityProvider;
  let otherAudience: RunningIdentityProvider;
  beforeAll(async () => {
    const jwks = { keys: [await signingKey()] };
    [shortLived, otherAudience] = await Promise.all([
      startIdentityProvider({ accessTtlSeconds: 1, jwks }),
      startIdentityProvider({ audience: 'urn:ocop:other-api', jwks }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([shortLived?.stop(), otherAudience?.stop()]);
  });

  it('an expired token, once the API (with no clock tolerance) sees it past exp', async () => {
    const strict = await serve({
      env: { OCOP_OIDC_ISSUER: shortLived.issuer, OCOP_API_CLOCK_TOLERANCE_SECONDS: '0' },
    });
    const token = await passwordToken(shortLived.issuer, 'htx.hatde');
    // Accepted (and refused for want of a grant here) until it expires, about a second after it was issued.
    const deadline = Date.now() + 10_000;
    let response = await submitDossier(strict, token);
    while (response.status === 403 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      response = await submitDossier(strict, token);
    }
    await expectTokenRefused(strict, token, 'expired');
  });

  it('takes its clock tolerance from OCOP_API_CLOCK_TOLERANCE_SECONDS, at most 300 s', () => {
    const env = { OCOP_OIDC_ISSUER: api.issuer, TEMPORAL_ADDRESS: devServerAddress(), DATABASE_URL: databaseUrl() };
    expect(loadApiConfig(env).clockToleranceSeconds).toBe(30);
    expect(() => loadApiConfig({ ...env, OCOP_API_CLOCK_TOLERANCE_SECONDS: '301' })).toThrow(
      /must be at most 300\n\s+→ at OCOP_API_CLOCK_TOLERANCE_SECONDS/,
    );
  });

  it('a token for another audience', async () => {
    const forIssuer = await serve({ env: { OCOP_OIDC_ISSUER: otherAudience.issuer } });
    await expectTokenRefused(forIssuer, await passwordToken(otherAudience.issuer, 'htx.hatde'), 'wrong audience');
  });

  it('a token from another issuer, signed with keys the API trusts or with keys it does not know', async () => {
    const forOther = await serve({ env: { OCOP_OIDC_ISSUER: otherAudience.issuer, OCOP_API_AUDIENCE: API_AUDIENCE } });
    await expectTokenRefused(forOther, await passwordToken(shortLived.issuer, 'htx.hatde'), 'wrong issuer');
    await expectTokenRefused(api.url, await passwordToken(otherAudience.issuer, 'htx.hatde'), 'unknown key');
  });

  it("an unsigned token (alg 'none'), a bent signature, and a key the provider never published", async () => {
    const real = await api.tokenFor('htx.hatde');
    await expectTokenRefused(api.url, unsigned(real), 'algorithm not allowed');
    await expectTokenRefused(api.url, withBentSignature(real), 'bad signature');
    await expectTokenRefused(api.url, await signedByUnknownKey(real), 'unknown key');
  });

  it('leaves no principal behind for a provider none of whose tokens was accepted', async () => {
    const rows = await api.db
      .selectFrom('principals')
      .select('subject')
      .where('issuer', '=', otherAudience.issuer)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('a service account by client credentials', () => {
  it('lists products as the coordinator it is, and is refused what only a province admin may do', async () => {
    const token = await api.tokenFor('portal-caobang');
    const listed = await send(api.url, 'GET', '/v1/products?cycle=CB-2089', { token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ productId: PRODUCT })]);

    const grant = { subject: 'portal.test.grantee', role: 'inspector', scope: { province: 'CB' }, reason: 'thử quyền' };
    const refused = await send(api.url, 'POST', '/v1/grants', { token, json: grant });
    expectProblem(refused, 403);
    expect(refused.body.missingGrant).toMatch(/province_admin/);
    expect(refused.body.detail).toMatch(/^manageGrants needs .*province_admin/);
    const rows = await api.db.selectFrom('grants').select('id').where('subject', '=', grant.subject).execute();
    expect(rows).toEqual([]);
  });
});

describe('hardening', () => {
  it('refuses a body over 1 MiB with 413, JSON or CSV, before anything is sent', async () => {
    const token = await api.tokenFor('htx.hatde');
    const before = await trail();
    const json = await send(api.url, 'POST', `/v1/products/${PRODUCT}/dossier`, {
      token,
      json: { documents: ['x'.repeat(MIB)] },
    });
    expectProblem(json, 413);
    const csv = await send(api.url, 'POST', '/v1/cycles/CB-2089/imports', {
      token: await api.tokenFor('nong.thi.ha'),
      raw: `name,unit\n${'Hạt dẻ,047\n'.repeat(MIB / 10)}`,
      contentType: 'text/csv',
    });
    expectProblem(csv, 413);
    expect(await trail()).toEqual(before);
  });

  it('answers 429 once a principal exceeds its budget, while another is still served', async () => {
    const limited = await serve({}, { rateLimitPerMinute: 5 });
    const token = await api.tokenFor('be.van.duc');
    for (let i = 0; i < 5; i++) expect((await send(limited, 'GET', '/v1/me', { token })).status).toBe(200);
    const over = await send(limited, 'GET', '/v1/me', { token });
    expectProblem(over, 429);
    expect(over.body.detail).toMatch(/at most 5 requests per minute/);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await send(limited, 'GET', '/v1/me', { token: await api.tokenFor('luc.thi.mai') })).status).toBe(200);
  });

  it('lets CORS preflights in from the web origin only', async () => {
    const withWeb = await serve({ env: { OCOP_WEB_ORIGIN: WEB_ORIGIN } });
    const preflight = (origin: string) =>
      send(withWeb, 'OPTIONS', '/v1/products', {
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(WEB_ORIGIN);
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    // @fastify/cors answers a single configured origin to everyone; what matters is that no other origin is named.
    const other = await preflight('http://evil.example');
    expect([null, WEB_ORIGIN]).toContain(other.headers.get('access-control-allow-origin'));
  });

  it("sends helmet's security headers, on answers and on problems alike", async () => {
    const answers = [await send(api.url, 'GET', '/healthz'), await send(api.url, 'GET', '/v1/me')];
    expect(answers.map((a) => a.status)).toEqual([200, 401]);
    for (const { headers } of answers) {
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it("the production API's request log holds neither tokens nor what was searched for", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/api/main.js')], {
      env: {
        ...process.env,
        OCOP_OIDC_ISSUER: api.issuer,
        OCOP_API_HOST: '127.0.0.1',
        OCOP_API_PORT: '0',
        TEMPORAL_ADDRESS: devServerAddress(),
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        DATABASE_URL: databaseUrl(),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    try {
      const ready = await eventually(async () => /API ready at (http:\/\/\S+)/.exec(log)?.[1], Boolean, 20_000);
      if (!ready) throw new Error(`the API did not start:\n${log}`);
      const token = await api.tokenFor('nong.thi.ha');
      const search = 'Nông Thị Thu';
      const query = `/v1/products?cycle=CB-2089&q=${encodeURIComponent(search)}`;
      expect((await send(ready, 'GET', query, { token })).status).toBe(200);
      expect((await send(ready, 'GET', query, { token: withBentSignature(token) })).status).toBe(401);
      const completed = () => log.split('\n').filter((line) => line.includes('request completed')).length;
      await eventually(
        async () => completed(),
        (n) => n >= 2,
        10_000,
      );
      expect(completed()).toBe(2);
      expect(log).toContain('/v1/products');
      for (const secret of [token, ...token.split('.'), search, encodeURIComponent(search), 'q=']) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await stopProcess(child);
    }
  });
});

describe('backends that cannot be reached', () => {
  it('answers 503 to an action when Temporal has stopped', async () => {
    const throwaway = await TestWorkflowEnvironment.createLocal({
      server: { executable: temporalExecutable('cli'), ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } },
    });
    const ocop = await OcopClient.connect(
      loadConfig({
        TEMPORAL_ADDRESS: throwaway.address,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        DATABASE_URL: databaseUrl(),
        // Short: after the action times out the client asks the stopped server about pollers, which retries for ~20 s.
        ACTION_TIMEOUT_SECONDS: '1',
      }),
    );
    try {
      await throwaway.teardown();
      const cut = await serve({ ocop });
      const before = await trail();
      const response = await submitDossier(cut, await api.tokenFor('htx.hatde'));
      expectProblem(response, 503);
      expect(response.body.detail).toMatch(/cannot reach Temporal|no answer within 1 s/);
      expect(await trail()).toEqual(before);
    } finally {
      await ocop.close().catch(() => undefined);
    }
  });

  it('answers 503 to a list when PostgreSQL is unreachable', async () => {
    const closed = await freePort();
    const db = createDb(`postgresql://postgres@127.0.0.1:${closed}/ocop`, { max: 1 });
    try {
      const cut = await serve({ db });
      const response = await send(cut, 'GET', '/v1/products?cycle=CB-2089', {
        token: await api.tokenFor('nong.thi.ha'),
      });
      expectProblem(response, 503);
      expect(response.body.detail).toMatch(/database is unreachable/);
    } finally {
      await db.destroy();
    }
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const document = (await send(api.url, 'GET', '/openapi.json')).body;
    expect(document.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has every /v1 operation but the web app's configuration and the announcements need a bearer token and document 401 and 403", async () => {
    type Operation = { security?: unknown; responses?: Record<string, { content?: Record<string, unknown> }> };
    const { paths } = (await send(api.url, 'GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const v1 = Object.entries(paths).filter(([route]) => route.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThan(20);
    const faults: string[] = [];
    const open: string[] = [];
    for (const [route, operations] of v1) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${route}`;
        // What the web app reads before anyone signs in is documented as needing no token.
        if (JSON.stringify(operation.security) === '[]') {
          open.push(where);
          continue;
        }
        if (JSON.stringify(operation.security) !== JSON.stringify([{ bearer: [] }])) faults.push(`${where}: security`);
        for (const status of ['401', '403']) {
          if (!operation.responses?.[status]?.content?.['application/problem+json']) faults.push(`${where}: ${status}`);
        }
      }
    }
    expect(faults).toEqual([]);
    // What the web app reads before anyone signs in, and the public announcements of decisions.
    expect(open.sort()).toEqual([
      'GET /v1/recognition-decisions',
      'GET /v1/recognition-decisions/{decisionId}',
      'GET /v1/recognition-decisions/{decisionId}/export.csv',
      'GET /v1/revocation-decisions',
      'GET /v1/web-config',
    ]);
  });

  it('is browsable at /docs', async () => {
    const page = await send(api.url, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.text).toMatch(/swagger-ui/i);
  });
});
