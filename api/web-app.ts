// The built web app (web/dist) at "/": its hashed files under /assets/ are
// cached for a year, and any other page a browser asks for is index.html, so
// the app's own router shows /cycles/CB-2023 or /auth/callback. /v1, /docs,
// /openapi.json and /healthz keep their routes: an unknown path under them, or
// a request that does not ask for HTML, gets the API's 404 problem as before.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from './problem';

const API_PATHS = /^\/(?:v1|docs)(?:\/|$)|^\/(?:openapi\.json|healthz)$/;
const ASSETS = '/assets/';
/** Vite names every file under assets/ by its content: a new build is a new name. */
const FOREVER = { immutable: true, maxAge: '365d' } as const;
/** Anything else (index.html above all) is checked with the server on each use, so a new build shows at once. */
const REVALIDATE = 'no-cache';

export interface WebAppOptions {
  /** The build's folder, holding index.html and assets/. */
  root: string;
  /** The OpenID provider the app talks to and sends its sign-in form to. */
  issuer: string;
}

/** What the app's pages may load and talk to: only this origin, and the provider for sign-in. */
export function webAppCsp(issuer: string): string {
  const provider = new URL(issuer).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Chart.js and React's style props set inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${provider}`,
    "frame-ancestors 'none'",
    `form-action 'self' ${provider}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Whether `pathname` names a file inside `root`; a path that climbs out of it names none. */
async function isFileIn(root: string, pathname: string): Promise<boolean> {
  const file = path.join(root, pathname);
  if (!file.startsWith(root + path.sep)) return false;
  return stat(file).then(
    (found) => found.isFile(),
    () => false,
  );
}

/** A browser navigating names text/html in its Accept; an API client's wildcard does not count. */
function wantsHtml(request: FastifyRequest): boolean {
  return /(?:^|,)\s*text\/html\s*(?:;|,|$)/i.test(request.headers.accept ?? '');
}

export async function webApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const root = path.resolve(options.root);
  const csp = webAppCsp(options.issuer);
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`the web app is not built (no ${path.join(root, 'index.html')}): "/" answers 503 until it is`);
  }
  // The build holds a Brotli and a gzip copy of each text file (web/precompress.mts).
  await app.register(fastifyStatic, { root, serve: false, index: false, suppressWarning: true, preCompressed: true });
  app.get(
    '/*',
    // Not an API operation; and one page load fetches a dozen files, which no rate should count.
    { schema: { hide: true }, config: { rateLimit: false } },
    async (request, reply) => {
      const pathname = `/${(request.params as { '*': string })['*']}`;
      if (API_PATHS.test(pathname)) return reply.callNotFound();
      reply.header('content-security-policy', csp);
      if (pathname.startsWith(ASSETS)) return reply.sendFile(pathname, FOREVER);
      if (pathname !== '/' && (await isFileIn(root, pathname))) {
        return reply.header('cache-control', REVALIDATE).sendFile(pathname, { cacheControl: false });
      }
      if (!wantsHtml(request)) return reply.callNotFound();
      if (!(await isFileIn(root, '/index.html'))) {
        throw new ApiProblem(503, 'Service Unavailable', 'the web app is not built: run npm run build', {
          kind: 'web-app-not-built',
        });
      }
      return reply.header('cache-control', REVALIDATE).sendFile('index.html', { cacheControl: false });
    },
  );
}
