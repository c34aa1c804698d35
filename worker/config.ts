// Configuration comes from the environment and is checked once at start-up:
// a missing or malformed value stops the program with a message that names it.
// Temporal's connection is the Temporal CLI's: its TEMPORAL_* variables over
// the TOML profile TEMPORAL_PROFILE picks, so `temporal` and the engine reach
// the same server with the same settings.
import { type ClientConfigProfile, loadClientConfigProfile } from '@temporalio/envconfig';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, databaseUrlProblem } from '../db/connection';
import { ALLOW_PRIVATE_VARIABLE, AllowedPrivateTargets } from '../domain/webhook-targets';
import { DEVELOPMENT_KEYS, isDevelopmentKey, PayloadKeyList, type PayloadKeys } from './payload-codec';

const positiveInt = z.coerce.number().int().positive();
const optionalPath = z.string().min(1).optional();
// The names used before the CLI's: refused rather than ignored, so an old deployment does not connect without its certificate.
const renamed = (name: string) => z.never({ error: `is now ${name}, the Temporal CLI's name` }).optional();

const PayloadEnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  OCOP_PAYLOAD_KEYS: PayloadKeyList.optional(),
  OCOP_PAYLOAD_KEY_ID: z.string().min(1).optional(),
  OCOP_PAYLOAD_ENCRYPTION: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
});
type PayloadEnv = z.infer<typeof PayloadEnvSchema>;

const EnvSchema = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
      .default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('ocop'),
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    TEMPORAL_TLS_CLIENT_CERT_PATH: optionalPath,
    TEMPORAL_TLS_CLIENT_KEY_PATH: optionalPath,
    TEMPORAL_TLS_CERT_PATH: renamed('TEMPORAL_TLS_CLIENT_CERT_PATH'),
    TEMPORAL_TLS_KEY_PATH: renamed('TEMPORAL_TLS_CLIENT_KEY_PATH'),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .superRefine((value, ctx) => {
        const problem = databaseUrlProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    DATABASE_POOL_SIZE: positiveInt.default(10),
    WORKFLOW_BUNDLE_PATH: optionalPath,
    WORKER_MAX_CACHED_WORKFLOWS: positiveInt.optional(),
    WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt.optional(),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: positiveInt.optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    [ALLOW_PRIVATE_VARIABLE]: AllowedPrivateTargets,
    SMTP_FROM: z
      .string()
      .regex(
        /^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/,
        'must be an address, e.g. OCOP <no-reply@ocop.local>',
      )
      .optional(),
    NOTIFY_LOCALE: z.enum(['vi', 'en']).default('vi'),
    NOTIFY_LOG: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    ACTION_TIMEOUT_SECONDS: positiveInt.default(60),
    ...PayloadEnvSchema.shape,
  })
  .superRefine(checkPayloadKeys)
  .superRefine((env, ctx) => {
    const together = (name: string, other: string) =>
      ctx.addIssue({ code: 'custom', path: [name], message: `must be set with ${other}` });
    if (env.TEMPORAL_TLS_CLIENT_CERT_PATH && !env.TEMPORAL_TLS_CLIENT_KEY_PATH) {
      together('TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_CLIENT_CERT_PATH');
    }
    if (env.TEMPORAL_TLS_CLIENT_KEY_PATH && !env.TEMPORAL_TLS_CLIENT_CERT_PATH) {
      together('TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH');
    }
    if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'must be set with WEBHOOK_URL: it signs every webhook',
      });
    }
  });

/**
 * Outside production an unset key list means the development key, so encryption
 * is on wherever the engine runs; production needs its own keys, or clear text
 * asked for by name (OCOP_PAYLOAD_ENCRYPTION=off).
 */
function checkPayloadKeys(env: PayloadEnv, ctx: z.RefinementCtx): void {
  const issue = (name: keyof PayloadEnv, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  const keys = env.OCOP_PAYLOAD_KEYS;
  const production = env.NODE_ENV === 'production';
  if (env.OCOP_PAYLOAD_ENCRYPTION === 'off') {
    if (keys) issue('OCOP_PAYLOAD_ENCRYPTION', 'must not be off while OCOP_PAYLOAD_KEYS is set');
    return;
  }
  if (!keys) {
    if (env.OCOP_PAYLOAD_KEY_ID) issue('OCOP_PAYLOAD_KEYS', 'must be set with OCOP_PAYLOAD_KEY_ID');
    else if (production) {
      issue('OCOP_PAYLOAD_KEYS', 'must be set in production (id:base64key,...), or OCOP_PAYLOAD_ENCRYPTION=off');
    }
    return;
  }
  if (!env.OCOP_PAYLOAD_KEY_ID)
    issue('OCOP_PAYLOAD_KEY_ID', 'must be set with OCOP_PAYLOAD_KEYS: the key new payloads are encrypted with');
  else if (!keys.has(env.OCOP_PAYLOAD_KEY_ID)) {
    issue('OCOP_PAYLOAD_KEY_ID', `must be one of the ids in OCOP_PAYLOAD_KEYS (${[...keys.keys()].join(', ')})`);
  }
  if (production && [...keys.values()].some(isDevelopmentKey)) {
    issue('OCOP_PAYLOAD_KEYS', 'must not hold the development key in production');
  }
}

function payloadKeysOf(env: PayloadEnv): PayloadKeys | null {
  if (env.OCOP_PAYLOAD_ENCRYPTION === 'off') return null;
  if (!env.OCOP_PAYLOAD_KEYS || !env.OCOP_PAYLOAD_KEY_ID) return DEVELOPMENT_KEYS;
  return { currentId: env.OCOP_PAYLOAD_KEY_ID, keys: env.OCOP_PAYLOAD_KEYS };
}

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>, profile: ClientConfigProfile) {
  return {
    temporal: {
      ...profile,
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      apiKey: env.TEMPORAL_API_KEY,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      /** How long a client waits for a worker to answer an action. */
      actionTimeoutMs: env.ACTION_TIMEOUT_SECONDS * 1000,
    },
    /** What every payload to Temporal is encrypted with; null when encryption is turned off. */
    payloadKeys: payloadKeysOf(env),
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    worker: {
      workflowBundlePath: env.WORKFLOW_BUNDLE_PATH,
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
    notify: {
      smtpUrl: env.SMTP_URL,
      smtpFrom: env.SMTP_FROM,
      webhookUrl: env.WEBHOOK_URL,
      webhookSecret: env.WEBHOOK_SECRET,
      webhookAllowPrivate: env[ALLOW_PRIVATE_VARIABLE],
      locale: env.NOTIFY_LOCALE,
      // Development has no mail server: the log shows what would have been sent.
      logChannel: env.NOTIFY_LOG ? env.NOTIFY_LOG === 'true' : !env.SMTP_URL && !env.WEBHOOK_URL,
    },
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A ConfigError listing every issue zod found, each with the variable it is at. */
export function configError(error: z.ZodError): ConfigError {
  return new ConfigError(`invalid configuration:\n${z.prettifyError(error)}`);
}

/** The Temporal CLI's profile: the TOML file's (TEMPORAL_CONFIG_FILE or the CLI's default path), its variables over it. */
function temporalProfile(env: NodeJS.ProcessEnv): ClientConfigProfile {
  const variables = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  try {
    return loadClientConfigProfile({ overrideEnvVars: variables });
  } catch (error) {
    throw new ConfigError(
      `invalid configuration: Temporal profile (TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE): ${(error as Error).message}`,
    );
  }
}

/** Parses the environment; throws a ConfigError whose message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const profile = temporalProfile(env);
  // A profile's values are checked under the names of the variables that override them.
  const parsed = EnvSchema.safeParse({
    ...env,
    TEMPORAL_ADDRESS: profile.address,
    TEMPORAL_NAMESPACE: profile.namespace,
    TEMPORAL_API_KEY: profile.apiKey,
  });
  if (!parsed.success) throw configError(parsed.error);
  return toConfig(parsed.data, profile);
}
