// Who `ocop` acts as: a token from OCOP_TOKEN, or the one `ocop login` kept,
// refreshed at the provider when it has expired. The provider is the issuer
// the API names at GET /healthz, unless --issuer or OCOP_ISSUER says otherwise.
import * as oidc from 'openid-client';
import { ApiClient } from '../api-client';
import { type Credentials, readCredentials, writeCredentials } from './credentials';
import { CliError, EXIT, invalid } from './errors';

export const DEFAULT_API_URL = 'http://127.0.0.1:8480';
export const DEFAULT_CLIENT_ID = 'ocop-cli';
export const DEFAULT_AUDIENCE = 'urn:ocop:api';
/** A token this close to its expiry is refreshed first, so it does not expire on the way. */
const EXPIRY_MARGIN_MS = 60_000;
// `api` is the scope the provider issues an API access token under: a sign-in without it gets none.
const SCOPE = 'openid offline_access api';

export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.OCOP_API_URL?.trim() || DEFAULT_API_URL;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw invalid(`OCOP_API_URL: must be an http(s) URL, e.g. ${DEFAULT_API_URL}; got ${value.slice(0, 200)}`);
  }
  return value;
}

const ACTION_TIMEOUT_MS = 120_000;

/** The API, acting as whoever the environment or the credentials file says. */
export function connect(env: NodeJS.ProcessEnv = process.env): ApiClient {
  let token: Promise<string> | null = null;
  return new ApiClient({
    baseUrl: apiUrl(env),
    token: () => (token ??= accessToken(env)),
    timeoutMs: ACTION_TIMEOUT_MS,
  });
}

/** The API without a token, for what it tells anyone: its health and its issuer. */
export const anonymous = (env: NodeJS.ProcessEnv = process.env) => new ApiClient({ baseUrl: apiUrl(env) });

async function accessToken(env: NodeJS.ProcessEnv): Promise<string> {
  const fromEnv = env.OCOP_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  const saved = readCredentials(env);
  if (!saved) throw new CliError(EXIT.notSignedIn, 'not signed in: run ocop login, or set OCOP_TOKEN');
  if (!saved.expiresAt || Date.parse(saved.expiresAt) - EXPIRY_MARGIN_MS > Date.now()) return saved.accessToken;
  if (!saved.refreshToken) {
    throw new CliError(EXIT.notSignedIn, 'not signed in: your session has expired; run ocop login');
  }
  return (await refresh(saved, env)).accessToken;
}

async function refresh(saved: Credentials, env: NodeJS.ProcessEnv): Promise<Credentials> {
  const config = await providerConfig(saved.issuer, saved.clientId);
  let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  try {
    tokens = await oidc.refreshTokenGrant(config, saved.refreshToken ?? '', { resource: saved.audience });
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) {
      throw new CliError(
        EXIT.notSignedIn,
        `not signed in: the provider refused to renew your session (${error.error}); run ocop login`,
      );
    }
    throw providerError(error, saved.issuer);
  }
  const renewed = credentialsOf(tokens, saved.issuer, saved.clientId, saved.audience, saved);
  writeCredentials(renewed, env);
  return renewed;
}

export interface Provider {
  issuer: string;
  audience: string;
  clientId: string;
  /** Where the issuer came from, for the user to see. */
  source: '--issuer' | 'OCOP_ISSUER' | 'GET /healthz';
}

/** The provider to sign in at: --issuer, OCOP_ISSUER, or the issuer the API names at GET /healthz. */
export async function provider(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Provider> {
  const clientId = env.OCOP_CLIENT_ID?.trim() || DEFAULT_CLIENT_ID;
  const fromEnv = env.OCOP_ISSUER?.trim();
  const audience = env.OCOP_API_AUDIENCE?.trim();
  if (flag || fromEnv) {
    return {
      issuer: checkIssuer(flag ?? fromEnv ?? '', flag ? '--issuer' : 'OCOP_ISSUER'),
      audience: audience || DEFAULT_AUDIENCE,
      clientId,
      source: flag ? '--issuer' : 'OCOP_ISSUER',
    };
  }
  const health = await anonymous(env).health();
  if (typeof health.issuer !== 'string' || !health.issuer) {
    throw invalid(`--issuer: the API at ${apiUrl(env)} names no issuer at /healthz; give --issuer or OCOP_ISSUER`);
  }
  return {
    issuer: checkIssuer(health.issuer, 'GET /healthz issuer'),
    audience: audience || (typeof health.audience === 'string' && health.audience) || DEFAULT_AUDIENCE,
    clientId,
    source: 'GET /healthz',
  };
}

function checkIssuer(value: string, what: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw invalid(`${what}: must be an http(s) URL; got ${value.slice(0, 200)}`);
  }
  return value;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export async function providerConfig(issuer: string, clientId: string): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  // Plain HTTP only on this machine, as the embedded dev provider runs; anywhere else TLS is required.
  const execute = url.protocol === 'http:' && LOOPBACK.test(url.hostname) ? [oidc.allowInsecureRequests] : [];
  try {
    return await oidc.discovery(url, clientId, undefined, oidc.None(), { execute });
  } catch (error) {
    throw providerError(error, issuer);
  }
}

export function providerError(error: unknown, issuer: string): CliError {
  if (error instanceof oidc.ResponseBodyError) {
    const detail = error.error_description ? `: ${error.error_description}` : '';
    const code = error.error === 'invalid_grant' ? EXIT.notSignedIn : EXIT.refused;
    return new CliError(code, `the provider at ${issuer} refused: ${error.error}${detail}`);
  }
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED' || (error as { code?: string }).code === 'OAUTH_REQUEST_FAILED') {
    return new CliError(EXIT.unavailable, `cannot reach the OpenID provider at ${issuer}`);
  }
  return new CliError(EXIT.failure, `the OpenID provider at ${issuer}: ${(error as Error).message}`);
}

export function credentialsOf(
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  issuer: string,
  clientId: string,
  audience: string,
  previous?: Credentials,
): Credentials {
  const claims = tokens.claims() ?? unverifiedClaims(tokens.access_token);
  const expiresIn = tokens.expiresIn();
  return {
    version: 1,
    issuer,
    clientId,
    audience,
    accessToken: tokens.access_token,
    // A provider that rotates refresh tokens sends a new one; one that does not keeps the old one valid.
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    expiresAt: expiresIn === undefined ? undefined : new Date(Date.now() + expiresIn * 1000).toISOString(),
    subject: claims?.sub ?? previous?.subject,
    name: typeof claims?.name === 'string' ? claims.name : (previous?.name ?? null),
  };
}

/**
 * The claims of a JWT access token, read without checking them: only to show
 * who signed in when the provider sent no ID token. The API verifies the token.
 */
function unverifiedClaims(token: string): { sub?: string; name?: unknown } | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return typeof payload === 'object' && payload !== null ? (payload as { sub?: string; name?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

export { SCOPE };
