// The API's configuration, checked once at start-up like the worker's: the
// Temporal and PostgreSQL settings are the worker's own (worker/config.ts), the
// rest says where the API listens and whose tokens it accepts. The API holds no
// SMTP or webhook secrets: notifications are sent by the worker.
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../scripts/temporal-binaries';
import { type Config as WorkerConfig, configError, loadConfig } from '../worker/config';

const port = z.coerce.number().int().min(0).max(65535);

const ApiEnv = z.object({
  OCOP_API_HOST: z.string().min(1).max(255).default('127.0.0.1'),
  OCOP_API_PORT: port.default(8480),
  OCOP_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of the OpenID provider' }),
  OCOP_API_AUDIENCE: z.string().min(1).max(255).default('urn:ocop:api'),
  OCOP_WEB_ORIGIN: z.url({ protocol: /^https?$/, error: 'must be an origin such as http://127.0.0.1:5173' }).optional(),
  OCOP_WEB_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be an OAuth client id: 1 to 255 visible ASCII characters')
    .default('ocop-web'),
  OCOP_WEB_DIST: z.string().min(1).max(4096).optional(),
  OCOP_TEMPORAL_UI_URL: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) URL of Temporal UI, e.g. http://localhost:8233' })
    .optional(),
  OCOP_API_RATE_LIMIT: z.coerce.number().int().positive().max(100_000).default(600),
  OCOP_API_TRUST_PROXY: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  OCOP_API_CLOCK_TOLERANCE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be at least 0')
    .max(300, 'must be at most 300')
    .default(30),
});

export interface ApiConfig {
  host: string;
  port: number;
  /** The OpenID provider whose access tokens are accepted. */
  issuer: string;
  audience: string;
  /** The web app's origin, the only one CORS lets in; none when unset. */
  webOrigin: string | undefined;
  /** The OpenID client the web app signs in as (a public client: PKCE, no secret). */
  webClientId: string;
  /** The built web app (index.html and assets/), served at "/". */
  webDist: string;
  /** Temporal UI, for the links province staff follow to a workflow's history; none when unset. */
  temporalUiUrl: string | undefined;
  /** Requests per principal (or per address before sign-in) per minute. */
  rateLimitPerMinute: number;
  trustProxy: boolean;
  /** How far a token's exp/nbf may be off this host's clock, for providers whose clocks drift a little. */
  clockToleranceSeconds: number;
  temporal: WorkerConfig['temporal'];
  /** The keys of the codec endpoint (api/routes/codec.ts): the worker's and every client's. */
  payloadKeys: WorkerConfig['payloadKeys'];
  databaseUrl: string;
  databasePoolSize: number;
  /** Private addresses and ranges a contact's webhook may name (OCOP_WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate: readonly string[];
}

const WORKER_ONLY = ['SMTP_URL', 'SMTP_FROM', 'WEBHOOK_URL', 'WEBHOOK_SECRET'];

function withoutWorkerSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !WORKER_ONLY.includes(name)));
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadApiConfig(env: NodeJS.ProcessEnv): ApiConfig {
  // Only the variables the API uses reach the worker's parser, so a worker-only secret never matters here.
  const worker = loadConfig(withoutWorkerSecrets(env));
  const parsed = ApiEnv.safeParse(env);
  if (!parsed.success) throw configError(parsed.error);
  const api = parsed.data;
  return {
    host: api.OCOP_API_HOST,
    port: api.OCOP_API_PORT,
    issuer: api.OCOP_OIDC_ISSUER.replace(/\/$/, ''),
    audience: api.OCOP_API_AUDIENCE,
    webOrigin: api.OCOP_WEB_ORIGIN ? new URL(api.OCOP_WEB_ORIGIN).origin : undefined,
    webClientId: api.OCOP_WEB_CLIENT_ID,
    webDist: path.resolve(api.OCOP_WEB_DIST ?? path.join(projectRoot(), 'web', 'dist')),
    temporalUiUrl: api.OCOP_TEMPORAL_UI_URL?.replace(/\/+$/, ''),
    rateLimitPerMinute: api.OCOP_API_RATE_LIMIT,
    trustProxy: api.OCOP_API_TRUST_PROXY === 'true',
    clockToleranceSeconds: api.OCOP_API_CLOCK_TOLERANCE_SECONDS,
    temporal: worker.temporal,
    payloadKeys: worker.payloadKeys,
    databaseUrl: worker.databaseUrl,
    databasePoolSize: worker.databasePoolSize,
    webhookAllowPrivate: worker.notify.webhookAllowPrivate,
  };
}
