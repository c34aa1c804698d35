// Configuration comes from the environment and is checked once at start-up:
// a missing or malformed value stops the program with a line that names it.
import { z } from 'zod';
import { DEFAULT_DATABASE_URL, databaseUrlProblem } from '../db/connection';

const positiveInt = z.coerce.number().int().positive();
const optionalPath = z.string().min(1).optional();

const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ocop'),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_PATH: optionalPath,
  TEMPORAL_TLS_KEY_PATH: optionalPath,
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
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  const clientCert =
    env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? { certPath: env.TEMPORAL_TLS_CERT_PATH, keyPath: env.TEMPORAL_TLS_KEY_PATH }
      : undefined;
  return {
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      apiKey: env.TEMPORAL_API_KEY,
      clientCert,
      /** How long a client waits for a worker to answer an action. */
      actionTimeoutMs: env.ACTION_TIMEOUT_SECONDS * 1000,
    },
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
      locale: env.NOTIFY_LOCALE,
      // Development has no mail server: the log shows what would have been sent.
      logChannel: env.NOTIFY_LOG ? env.NOTIFY_LOG === 'true' : !env.SMTP_URL && !env.WEBHOOK_URL,
    },
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  if (Boolean(parsed.data.TEMPORAL_TLS_CERT_PATH) !== Boolean(parsed.data.TEMPORAL_TLS_KEY_PATH)) {
    throw new ConfigError(
      'invalid configuration: TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together',
    );
  }
  if (parsed.data.WEBHOOK_URL && !parsed.data.WEBHOOK_SECRET) {
    throw new ConfigError('invalid configuration: WEBHOOK_URL needs WEBHOOK_SECRET, which signs every webhook');
  }
  return toConfig(parsed.data);
}
