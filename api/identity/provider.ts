// The dev OpenID provider (oidc-provider 8): the demo people sign in here, the CLI
// by the device flow, the web app by authorization code + PKCE, the portal by
// client credentials. Every access token is a JWT for the API's audience, so the
// API verifies tokens from this provider exactly as it would from a real one.
// Plain node only: oidc-provider is an ES module that jest does not transform.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors, type ClientMetadata, type Configuration, type ResourceServer } from 'oidc-provider';
import { DEMO_SERVICE_CLIENTS, findDemoAccount } from './demo-accounts';
import { handleInteraction, INTERACTION_PATH } from './interactions';
import { allowLoopbackSignOutPorts, LOOPBACK_ORIGIN } from './loopback';
import { createMemoryAdapter } from './memory-store';
import {
  deviceCodeConfirmPage,
  deviceCodeInputPage,
  deviceSuccessPage,
  errorPage,
  logoutPage,
  pageCsp,
  signedOutPage,
} from './pages';
import { PASSWORD_GRANT, PASSWORD_GRANT_PARAMETERS, passwordGrantHandler } from './password-grant';

export const DEFAULT_AUDIENCE = 'urn:ocop:api';
export const DEFAULT_ACCESS_TTL_SECONDS = 3600;
/** The API's one scope; clients ask for it with `openid` (and `offline_access` for refresh tokens). */
export const API_SCOPE = 'api';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DAY = 24 * 3600;

export interface DevProviderOptions {
  port: number;
  host?: string;
  issuer?: string;
  audience?: string;
  accessTokenTtlSeconds?: number;
  /** Private signing keys (a JWKS); an ES256 key pair is made at start when absent. */
  jwks?: { keys: JWK[] };
}

export interface DevProvider {
  issuer: string;
  close(): Promise<void>;
}

async function generatedSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

function signingAlgorithm(key: JWK): 'ES256' | 'RS256' {
  if (key.alg === 'ES256') return 'ES256';
  if (key.alg === 'RS256') return 'RS256';
  if (key.kty === 'EC' && key.crv === 'P-256') return 'ES256';
  if (key.kty === 'RSA') return 'RS256';
  throw new Error(`signing key ${key.kid ?? ''} must be an EC P-256 or RSA key (ES256 or RS256)`);
}

const OCOP_CLIENTS: ClientMetadata[] = [
  {
    client_id: 'ocop-cli',
    client_name: 'ocop (dòng lệnh / command line)',
    token_endpoint_auth_method: 'none',
    grant_types: [DEVICE_CODE_GRANT, 'refresh_token', PASSWORD_GRANT],
    response_types: [],
    redirect_uris: [],
  },
  {
    client_id: 'ocop-web',
    client_name: 'OCOP web',
    // native: a loopback redirect URI then matches on any port (RFC 8252 7.3), and so,
    // by allowLoopbackSignOutPorts, does the page the app returns to after signing out.
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/auth/callback', 'http://localhost/auth/callback'],
    post_logout_redirect_uris: ['http://127.0.0.1/', 'http://localhost/'],
  },
  ...DEMO_SERVICE_CLIENTS.map((service): ClientMetadata => ({
    client_id: service.clientId,
    client_secret: service.secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  })),
];

/** The pages the provider renders itself: signing out, and the device flow's. */
const PAGES: Pick<NonNullable<Configuration['features']>, 'rpInitiatedLogout' | 'deviceFlow'> = {
  rpInitiatedLogout: {
    enabled: true,
    async logoutSource(ctx, form) {
      ctx.type = 'html';
      const returnsTo = ctx.oidc.params?.post_logout_redirect_uri;
      ctx.set('content-security-policy', pageCsp(typeof returnsTo === 'string' ? returnsTo : undefined));
      ctx.body = logoutPage(form, ctx.oidc.client?.clientName ?? ctx.oidc.client?.clientId);
    },
    async postLogoutSuccessSource(ctx) {
      ctx.type = 'html';
      ctx.set('content-security-policy', pageCsp());
      ctx.body = signedOutPage();
    },
  },
  deviceFlow: {
    enabled: true,
    async userCodeInputSource(ctx, form, out, err) {
      ctx.type = 'html';
      ctx.body = deviceCodeInputPage(form, err !== undefined, out?.error_description);
    },
    async userCodeConfirmSource(ctx, form, client, _deviceInfo, userCode) {
      ctx.type = 'html';
      ctx.body = deviceCodeConfirmPage(form, client.clientName ?? client.clientId, userCode);
    },
    async successSource(ctx) {
      ctx.type = 'html';
      ctx.body = deviceSuccessPage(ctx.oidc.client?.clientName ?? 'OCOP');
    },
  },
};

function apiResourceServer(audience: string, ttl: number, key: JWK): ResourceServer {
  return {
    scope: API_SCOPE,
    audience,
    accessTokenTTL: ttl,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: signingAlgorithm(key) } },
  };
}

function configuration(audience: string, ttl: number, key: JWK): Configuration {
  const alg = signingAlgorithm(key);
  const api = apiResourceServer(audience, ttl, key);
  return {
    adapter: createMemoryAdapter(),
    clients: OCOP_CLIENTS,
    clientDefaults: { id_token_signed_response_alg: alg },
    jwks: { keys: [key] } as Configuration['jwks'],
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name'] },
    scopes: ['openid', 'offline_access', 'profile'],
    async findAccount(_ctx, sub) {
      const account = findDemoAccount(sub);
      if (!account) return undefined;
      return { accountId: account.login, claims: () => ({ sub: account.login, name: account.name }) };
    },
    async extraTokenClaims(_ctx, token) {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      const account = typeof accountId === 'string' ? findDemoAccount(accountId) : undefined;
      return account ? { name: account.name } : undefined;
    },
    // A public client signing in by code and PKCE (the web app) renews its access token by refresh
    // token; oidc-provider would otherwise issue one only for offline_access asked with prompt=consent.
    // Such a token ends with the sign-in session, when the person signs out.
    async issueRefreshToken(_ctx, client, code) {
      if (!client.grantTypeAllowed('refresh_token')) return false;
      return (
        code.scopes.has('offline_access') || (client.clientAuthMethod === 'none' && code.kind === 'AuthorizationCode')
      );
    },
    formats: {
      customizers: {
        async jwt(_ctx, _token, jwt) {
          jwt.payload.nbf = jwt.payload.iat;
        },
      },
    },
    features: {
      ...PAGES,
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        async getResourceServerInfo(_ctx, indicator) {
          if (indicator !== audience) throw new errors.InvalidTarget(`the only resource is ${audience}`);
          return api;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin) => LOOPBACK_ORIGIN.test(origin),
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error ?? 'server_error'), out.error_description);
    },
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      AuthorizationCode: 60,
      DeviceCode: 600,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 14 * DAY,
      Session: 14 * DAY,
      RefreshToken: 14 * DAY,
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the provider on host:port (port 0 picks a free one, shown in the issuer). */
export async function startDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  const host = options.host ?? '127.0.0.1';
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const ttl = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
  if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > DAY) {
    throw new Error(`the access token TTL must be a whole number of seconds from 1 to ${DAY}, got ${ttl}`);
  }
  const key = options.jwks?.keys[0] ?? (await generatedSigningKey());

  // The issuer names the port, which is known only once listening (port 0 in tests);
  // the request handler is attached in the same turn, before any request is read.
  const server = http.createServer();
  const port = await listen(server, options.port, host);
  const issuer = options.issuer ?? `http://${host}:${port}`;

  const provider = new Provider(issuer, configuration(audience, ttl, key));
  allowLoopbackSignOutPorts(provider);
  provider.registerGrantType(PASSWORD_GRANT, passwordGrantHandler(audience, apiResourceServer(audience, ttl, key)), [
    ...PASSWORD_GRANT_PARAMETERS,
    'resource',
  ]);
  // Errors are counted, not described: their context may hold tokens or codes.
  provider.on('server_error', (_ctx: unknown, error: Error) => {
    process.stderr.write(`OpenID provider error: ${error.name}\n`);
  });

  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', issuer).pathname);
    if (match) void handleInteraction(provider, req, res, match[2] !== undefined);
    else void callback(req, res);
  });

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
