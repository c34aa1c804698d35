// The dev OpenID provider for tests: a real `node dist/api/identity/main.js`
// process on a free port, and plain-HTTP helpers that get tokens from it the way
// a client would. global-setup starts one per run (OCOP_TEST_ISSUER).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../api/identity/demo-accounts';

const MAIN = path.resolve(__dirname, '../../dist/api/identity/main.js');
const READY = /OpenID provider ready at (\S+)/;
const START_TIMEOUT_MS = 20_000;

export interface IdentityProviderOptions {
  audience?: string;
  accessTtlSeconds?: number;
  /** Private JWKS to sign with (OCOP_IDP_JWKS). */
  jwks?: { keys: object[] };
}

export interface RunningIdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

export function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<RunningIdentityProvider> {
  const env: NodeJS.ProcessEnv = { ...process.env, OCOP_IDP_PORT: '0', OCOP_IDP_HOST: '127.0.0.1' };
  delete env.OCOP_IDP_ISSUER;
  if (options.audience) env.OCOP_API_AUDIENCE = options.audience;
  if (options.accessTtlSeconds !== undefined) env.OCOP_IDP_ACCESS_TTL_SECONDS = String(options.accessTtlSeconds);
  if (options.jwks) env.OCOP_IDP_JWKS = JSON.stringify(options.jwks);
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the OpenID provider did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const ready = READY.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ issuer: ready[1], stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited with ${code} before it was ready:\n${output}`));
    });
  });
}

export interface ProviderMetadata {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  device_authorization_endpoint: string;
  authorization_endpoint: string;
}

const metadataByIssuer = new Map<string, Promise<ProviderMetadata>>();

export function discover(issuer: string): Promise<ProviderMetadata> {
  let metadata = metadataByIssuer.get(issuer);
  if (!metadata) {
    metadata = fetch(`${issuer}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      return (await response.json()) as ProviderMetadata;
    });
    metadataByIssuer.set(issuer, metadata);
  }
  return metadata;
}

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs a form to the token endpoint; `basic` authenticates a confidential client. */
export async function tokenRequest(
  issuer: string,
  form: Record<string, string>,
  basic?: { clientId: string; secret: string },
): Promise<TokenResponse> {
  const { token_endpoint: endpoint } = await discover(issuer);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) {
    const pair = `${encodeURIComponent(basic.clientId)}:${encodeURIComponent(basic.secret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  const response = await fetch(endpoint, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function accessTokenOf({ status, body }: TokenResponse): string {
  if (status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`the token endpoint answered ${status} ${String(body.error ?? '')}`);
  }
  return body.access_token;
}

/** An access token for a demo person, by the dev-only password grant of `ocop-cli`. */
export async function passwordToken(issuer: string, login: string, password = DEMO_PASSWORD): Promise<string> {
  return accessTokenOf(
    await tokenRequest(issuer, { grant_type: 'password', client_id: 'ocop-cli', username: login, password }),
  );
}

/** An access token for a service client, by client credentials. */
export async function serviceToken(issuer: string, clientId: string, secret: string): Promise<string> {
  return accessTokenOf(await tokenRequest(issuer, { grant_type: 'client_credentials' }, { clientId, secret }));
}

// A browser as small as the provider's pages need: cookies by path, forms, redirects.

const MAX_REDIRECTS = 10;
const NAVIGATION_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface Cookie {
  name: string;
  value: string;
  path: string;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1] === undefined ? undefined : unescapeHtml(match[1]);
}

export interface BrowserPage {
  url: string;
  status: number;
  html: string;
  headers: Headers;
}

export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

/** The page's forms with their hidden fields; `id` picks one. */
export function formOf(page: BrowserPage, id?: string): HtmlForm {
  for (const match of page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, tag = '', body = ''] = match;
    if (id !== undefined && attribute(tag, 'id') !== id) continue;
    const fields: Record<string, string> = {};
    for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], 'name');
      if (name && attribute(input[0], 'type') === 'hidden') fields[name] = attribute(input[0], 'value') ?? '';
    }
    return { action: new URL(attribute(tag, 'action') ?? page.url, page.url).href, fields };
  }
  const text = page.html.replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  throw new Error(`no form${id ? ` ${id}` : ''} on ${page.url} (${page.status}): ${text.slice(0, 300)}`);
}

export class Browser {
  private readonly cookies: Cookie[] = [];

  private remember(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const pathAttribute = attributes.find((a) => a.toLowerCase().startsWith('path='));
      const cookiePath = pathAttribute ? pathAttribute.slice(5) : url.pathname.replace(/\/[^/]*$/, '') || '/';
      const expired =
        attributes.some((a) => /^max-age=0$/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      const at = this.cookies.findIndex((c) => c.name === name && c.path === cookiePath);
      if (at >= 0) this.cookies.splice(at, 1);
      if (!expired) this.cookies.push({ name, value, path: cookiePath });
    }
  }

  private cookieHeader(url: URL): string {
    return this.cookies
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  async request(start: string, init: { method: 'GET' | 'POST'; form?: Record<string, string> }): Promise<BrowserPage> {
    let url = new URL(start);
    let method = init.method;
    let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      // As a browser navigating: a server may answer a page only to those that ask for HTML.
      const headers: Record<string, string> = { cookie: this.cookieHeader(url), accept: NAVIGATION_ACCEPT };
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const response = await fetch(url, { method, headers, body, redirect: 'manual' });
      this.remember(url, response.headers);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      return { url: url.href, status: response.status, html: await response.text(), headers: response.headers };
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start}`);
  }

  submit(form: HtmlForm, fields: Record<string, string> = {}): Promise<BrowserPage> {
    return this.request(form.action, { method: 'POST', form: { ...form.fields, ...fields } });
  }
}

/**
 * What a person does in a browser for the device flow: open the verification URI
 * with the code, confirm it, sign in. Returns the last page (the success page).
 */
export async function approveDeviceCode(
  verificationUriComplete: string,
  login: string,
  password = DEMO_PASSWORD,
): Promise<BrowserPage> {
  const browser = new Browser();
  const autoPost = await browser.request(verificationUriComplete, { method: 'GET' });
  const confirm = await browser.submit(formOf(autoPost));
  const signIn = await browser.submit(formOf(confirm, 'op.deviceConfirmForm'));
  return browser.submit(formOf(signIn), { login, password });
}
