// The API serves the built web app over real HTTP: from a build folder this
// test writes, index.html for every page a browser asks for, hashed assets
// cached for a year, the app's own content security policy, 503 until the app
// is built, and /v1, /docs, /openapi.json and /healthz as they were.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useApi } from '../support/api';

const DIST = mkdtempSync(path.join(tmpdir(), 'ocop-web-dist-'));
const INDEX =
  '<!doctype html><html lang="vi"><head><title>OCOP</title></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("ocop");';
const TEMPORAL_UI = 'http://localhost:8233';

mkdirSync(path.join(DIST, 'assets'));
writeFileSync(path.join(DIST, 'index.html'), INDEX);
writeFileSync(path.join(DIST, 'assets', 'index-3f2a9c1b.js'), SCRIPT);
writeFileSync(path.join(DIST, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
afterAll(() => rmSync(DIST, { recursive: true, force: true }));

const api = useApi({
  taskQueue: 'api-web-app',
  apiEnv: { OCOP_WEB_DIST: DIST, OCOP_TEMPORAL_UI_URL: TEMPORAL_UI },
});

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function get(route: string, headers: Record<string, string> = { accept: BROWSER_ACCEPT }) {
  const response = await fetch(`${api.url}${route}`, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    cache: response.headers.get('cache-control'),
    csp: response.headers.get('content-security-policy') ?? '',
    text: await response.text(),
  };
}

/** A GET of `route` exactly as written, which fetch would normalise. */
function rawGet(route: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${api.url}/`, { path: route, headers: { accept: BROWSER_ACCEPT } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
  });
}

describe('the web app served by the API', () => {
  it('answers the app’s own routes with index.html, checked with the server on every load', async () => {
    for (const route of ['/', '/cycles/CB-2023', '/products/CB-2023-0007', '/auth/callback?code=x&state=y', '/admin']) {
      const page = await get(route);
      expect({ route, status: page.status, type: page.type, cache: page.cache, text: page.text }).toEqual({
        route,
        status: 200,
        type: expect.stringMatching(/^text\/html/),
        cache: 'no-cache',
        text: INDEX,
      });
    }
  });

  it('sends a policy that lets the app reach only itself and the OpenID provider', async () => {
    const { csp } = await get('/cycles');
    const provider = new URL(api.issuer).origin;
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'connect-src': `'self' ${provider}`,
      'frame-ancestors': "'none'",
      'form-action': `'self' ${provider}`,
    });
    // Over http on a loopback address, upgrading would break every request the app makes.
    expect(directives).not.toHaveProperty('upgrade-insecure-requests');
  });

  it('caches hashed assets for a year and other files only until they change', async () => {
    const script = await get('/assets/index-3f2a9c1b.js', { accept: '*/*' });
    expect(script).toMatchObject({
      status: 200,
      type: expect.stringMatching(/javascript/),
      cache: 'public, max-age=31536000, immutable',
      text: SCRIPT,
    });
    const icon = await get('/favicon.svg', { accept: 'image/*' });
    expect(icon).toMatchObject({ status: 200, type: expect.stringMatching(/^image\/svg\+xml/), cache: 'no-cache' });
  });

  it('answers a missing asset, a request that wants no HTML and a climb out of the build with a problem', async () => {
    const missing = await get('/assets/index-00000000.js', { accept: BROWSER_ACCEPT });
    expect(missing).toMatchObject({ status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
    const json = await get('/cycles/CB-2023', { accept: 'application/json' });
    expect(json).toMatchObject({ status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
    // Sent as written (fetch would resolve the dots first): outside assets/ such a path names no file, so a
    // browser gets the app; under assets/ it is refused. Never what lies beyond the build.
    const climbs = {
      '/assets/../../package.json': 'refused',
      '/assets/%2e%2e/%2e%2e/package.json': 'refused',
      '/assets/..%2f..%2fpackage.json': 'refused',
      '/../package.json': 'app',
      '/%2e%2e/package.json': 'app',
    };
    for (const [route, expected] of Object.entries(climbs)) {
      const climb = await rawGet(route);
      const answer =
        climb.status === 200 && climb.text === INDEX ? 'app' : climb.status >= 400 ? 'refused' : climb.text;
      expect({ route, answer }).toEqual({ route, answer: expected });
    }
  });

  it('answers 503 while the app is not built, and serves it as soon as it is', async () => {
    const index = path.join(DIST, 'index.html');
    renameSync(index, `${index}.away`);
    try {
      const unbuilt = await get('/cycles');
      expect(unbuilt.status).toBe(503);
      expect(unbuilt.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(unbuilt.text)).toMatchObject({
        status: 503,
        detail: 'the web app is not built: run npm run build',
      });
    } finally {
      renameSync(`${index}.away`, index);
    }
    expect((await get('/cycles')).text).toBe(INDEX);
  });

  it('leaves /v1, /healthz, /openapi.json and /docs as they were', async () => {
    const anonymous = await get('/v1/me');
    expect(anonymous).toMatchObject({ status: 401, type: expect.stringMatching(/^application\/problem\+json/) });
    const token = await api.tokenFor('nong.thi.ha');
    const noRoute = await get('/v1/no-such-thing', { accept: BROWSER_ACCEPT, authorization: `Bearer ${token}` });
    expect(noRoute).toMatchObject({ status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(JSON.parse(noRoute.text)).toMatchObject({ detail: 'no route GET /v1/no-such-thing' });

    const health = await get('/healthz');
    expect(health).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/json/) });
    // The API keeps helmet's policy; only the app's pages carry the app's.
    expect(health.csp).toMatch(/default-src 'self'/);
    expect(health.csp).not.toMatch(/connect-src/);

    const docs = await get('/docs/static/index.html');
    expect(docs).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/html/) });
    expect(docs.text).toMatch(/swagger-ui/i);
    expect((await get('/docs/no-such-page')).status).toBe(404);

    const document = JSON.parse((await get('/openapi.json', { accept: 'application/json' })).text) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/web-config', '/v1/cycles/{cycleId}/dashboard']));
    expect(paths.filter((p) => !p.startsWith('/v1/') && p !== '/healthz')).toEqual([]);
    expect(document.paths['/v1/web-config']?.get?.security).toEqual([]);
  });

  it('tells the app how to sign in and where Temporal UI is, without a token, for a minute', async () => {
    const config = await get('/v1/web-config', { accept: 'application/json' });
    expect(config).toMatchObject({ status: 200, cache: 'public, max-age=60' });
    expect(JSON.parse(config.text)).toEqual({
      issuer: api.issuer,
      clientId: 'ocop-web',
      audience: 'urn:ocop:api',
      scope: 'openid api offline_access',
      temporalUi: { url: TEMPORAL_UI, namespace: 'default' },
    });
  });
});
