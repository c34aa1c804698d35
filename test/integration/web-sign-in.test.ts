// The web app's sign-in, as its browser code does it, over plain HTTP against
// the run's real OpenID provider: authorization code with PKCE from a page on
// the API's loopback origin, the provider's sign-in form, the code exchanged at
// the token endpoint across origins, an access token the API accepts, a
// refresh, and signing out back to the app. The provider's pages must be
// accessible HTML, since the browser tests run axe-core on them.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEMO_PASSWORD } from '../../api/identity/demo-accounts';
import { API_AUDIENCE, useApi } from '../support/api';
import { Browser, type BrowserPage, formOf } from '../support/identity';

const DIST = mkdtempSync(path.join(tmpdir(), 'ocop-web-sign-in-'));
const INDEX = '<!doctype html><html lang="vi"><head><title>OCOP</title></head><body></body></html>';
writeFileSync(path.join(DIST, 'index.html'), INDEX);
afterAll(() => rmSync(DIST, { recursive: true, force: true }));

const api = useApi({ taskQueue: 'web-sign-in', apiEnv: { OCOP_WEB_DIST: DIST } });

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

interface WebConfig {
  issuer: string;
  clientId: string;
  audience: string;
  scope: string;
}

/** What the app learns before signing in, and the provider's endpoints. */
async function setUp(): Promise<{ config: WebConfig; discovery: Discovery }> {
  const config = (await (await fetch(`${api.url}/v1/web-config`)).json()) as WebConfig;
  const discovery = (await (await fetch(`${config.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
  return { config, discovery };
}

/** The authorization request oidc-client-ts sends for the app, and the PKCE verifier it keeps. */
function authorizationRequest(config: WebConfig, discovery: Discovery, pkce = true) {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: config.scope,
    redirect_uri: `${api.url}/auth/callback`,
    state,
    nonce: base64url(randomBytes(16)),
    resource: config.audience,
    ...(pkce
      ? { code_challenge: base64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256' }
      : {}),
  }).toString();
  return { url: url.href, verifier, state };
}

/** Each input a person fills in has a label; the page names its language and has a title. */
function expectAccessible(page: BrowserPage): void {
  expect(page.html).toMatch(/<html lang="vi">/);
  expect(/<title>([^<]+)<\/title>/.exec(page.html)?.[1]?.trim()).toBeTruthy();
  const inputs = [...page.html.matchAll(/<input\b[^>]*>/g)].map((m) => m[0]).filter((i) => !/type="hidden"/.test(i));
  for (const input of inputs) {
    const id = /\sid="([^"]+)"/.exec(input)?.[1];
    expect({ input, labelled: id !== undefined && page.html.includes(`<label for="${id}">`) }).toEqual({
      input,
      labelled: true,
    });
  }
  for (const button of page.html.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/g)) {
    expect(button[1]?.replace(/<[^>]+>/g, '').trim()).toBeTruthy();
  }
}

/** The form-action sources of a page's policy: where its form, and the redirects after it, may go. */
const formTargets = (page: BrowserPage) =>
  /form-action ([^;]+)/.exec(page.headers.get('content-security-policy') ?? '')?.[1]?.split(' ') ?? [];

async function token(discovery: Discovery, form: Record<string, string>, origin = api.url) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(form),
  });
  return {
    status: response.status,
    allowOrigin: response.headers.get('access-control-allow-origin'),
    body: (await response.json()) as Record<string, string>,
  };
}

const me = (accessToken: string) =>
  fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { principal?: { subject: string; name: string }; grants?: { role: string }[] },
  }));

describe('signing in to the web app', () => {
  const browser = new Browser();
  const signedIn = { accessToken: '', refreshToken: '', idToken: '' };

  it('refuses an authorization request without PKCE, back at the app', async () => {
    const { config, discovery } = await setUp();
    const landed = await new Browser().request(authorizationRequest(config, discovery, false).url, { method: 'GET' });
    const callback = new URL(landed.url);
    expect(callback.origin + callback.pathname).toBe(`${api.url}/auth/callback`);
    expect(callback.searchParams.get('error')).toBe('invalid_request');
  });

  it('signs in by code and PKCE from the app’s loopback origin, with an access token the API accepts', async () => {
    const { config, discovery } = await setUp();
    const request = authorizationRequest(config, discovery);
    const signInPage = await browser.request(request.url, { method: 'GET' });
    expect(signInPage.status).toBe(200);
    expectAccessible(signInPage);
    // Its form posts here, and the redirects that follow end at the app: the policy must allow both.
    expect(formTargets(signInPage)).toEqual(["'self'", api.url]);

    const wrong = await browser.submit(formOf(signInPage), { login: 'nong.thi.ha', password: 'guessed' });
    expect(wrong.status).toBe(401);
    expectAccessible(wrong);

    const landed = await browser.submit(formOf(wrong), { login: 'nong.thi.ha', password: DEMO_PASSWORD });
    const callback = new URL(landed.url);
    expect(callback.origin + callback.pathname).toBe(`${api.url}/auth/callback`);
    expect(landed.html).toBe(INDEX);
    expect(callback.searchParams.get('state')).toBe(request.state);
    const code = callback.searchParams.get('code') ?? '';

    const exchange = {
      grant_type: 'authorization_code',
      client_id: config.clientId,
      redirect_uri: `${api.url}/auth/callback`,
      resource: config.audience,
    };
    const guessed = await token(discovery, { ...exchange, code, code_verifier: base64url(randomBytes(32)) });
    expect(guessed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // A refused exchange spends the code: the app signs in again with a new one.
    const again = authorizationRequest(config, discovery);
    const relanded = new URL((await browser.request(again.url, { method: 'GET' })).url);
    const answer = await token(discovery, {
      ...exchange,
      code: relanded.searchParams.get('code') ?? '',
      code_verifier: again.verifier,
    });
    expect(answer.status).toBe(200);
    expect(answer.allowOrigin).toBe(api.url);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', id_token: expect.any(String) });
    expect(answer.body.refresh_token).toEqual(expect.any(String));
    Object.assign(signedIn, {
      accessToken: answer.body.access_token,
      refreshToken: answer.body.refresh_token,
      idToken: answer.body.id_token,
    });

    expect(decodeProtectedHeader(signedIn.accessToken)).toMatchObject({ typ: 'at+jwt' });
    expect(decodeJwt(signedIn.accessToken)).toMatchObject({
      aud: API_AUDIENCE,
      iss: api.issuer,
      sub: 'nong.thi.ha',
      client_id: 'ocop-web',
      scope: expect.stringMatching(/\bapi\b/),
    });
    const who = await me(signedIn.accessToken);
    expect(who.status).toBe(200);
    expect(who.body.principal).toMatchObject({ subject: 'nong.thi.ha', name: 'Nông Thị Hà' });
    expect(who.body.grants?.map((g) => g.role).sort()).toEqual(['coordinator', 'province_admin']);
  });

  it('answers the token endpoint’s CORS for loopback origins only', async () => {
    const { discovery } = await setUp();
    const form = { grant_type: 'refresh_token', client_id: 'ocop-web', refresh_token: 'not-a-token' };
    expect((await token(discovery, form, 'http://localhost:5173')).allowOrigin).toBe('http://localhost:5173');
    expect((await token(discovery, form, 'https://ocop.example')).allowOrigin).toBeNull();
  });

  it('renews the access token by refresh token, which turns over with each use', async () => {
    const { config, discovery } = await setUp();
    const form = { grant_type: 'refresh_token', client_id: config.clientId, resource: config.audience };
    const renewed = await token(discovery, { ...form, refresh_token: signedIn.refreshToken });
    expect(renewed.status).toBe(200);
    expect(decodeJwt(renewed.body.access_token ?? '')).toMatchObject({ aud: API_AUDIENCE, sub: 'nong.thi.ha' });
    expect((await me(renewed.body.access_token ?? '')).status).toBe(200);
    expect(renewed.body.refresh_token).not.toBe(signedIn.refreshToken);
    const reused = await token(discovery, { ...form, refresh_token: signedIn.refreshToken });
    expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    signedIn.refreshToken = renewed.body.refresh_token ?? '';
  });

  it('signs out at the provider and returns to the app, which must sign in anew', async () => {
    const { config, discovery } = await setUp();
    const endSession = (returnTo: string) => {
      const url = new URL(discovery.end_session_endpoint);
      url.search = new URLSearchParams({
        id_token_hint: signedIn.idToken,
        client_id: config.clientId,
        post_logout_redirect_uri: returnTo,
        state: 'bye',
      }).toString();
      return url.href;
    };
    const elsewhere = await browser.request(endSession('https://ocop.example/'), { method: 'GET' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.html).toMatch(/post_logout_redirect_uri/);

    const confirm = await browser.request(endSession(`${api.url}/`), { method: 'GET' });
    expect(confirm.status).toBe(200);
    expectAccessible(confirm);
    expect(formTargets(confirm)).toEqual(["'self'", api.url]);
    const back = await browser.submit(formOf(confirm, 'op.logoutForm'), { logout: 'yes' });
    expect(new URL(back.url).href).toBe(`${api.url}/?state=bye`);
    expect(back.html).toBe(INDEX);

    const refresh = await token(discovery, {
      grant_type: 'refresh_token',
      client_id: config.clientId,
      refresh_token: signedIn.refreshToken,
    });
    expect(refresh).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const signInAgain = await browser.request(authorizationRequest(config, discovery).url, { method: 'GET' });
    expect(formOf(signInAgain).action).toMatch(/\/interaction\/[^/]+\/login$/);
  });
});
