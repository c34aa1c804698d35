// The API scenario's own processes: the dev OpenID provider and the API, each
// `node <build>/...` as production runs them, so the API's CPU is its own to
// read and its event loop is not the driver's. Both are compiled into the
// run's build directory alongside the worker.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../scripts/temporal-binaries';
import type { Context } from './scenarios';
import { type NodeProcess, spawnNode } from './stack';

// The API's processes are tracked with the workers': stopAll stops them too.

export interface ApiBuild {
  api: string;
  provider: string;
}

/** Compiles the API's and the provider's entry points into `dir`, the run's build of the worker. */
export function buildApi(dir: string): ApiBuild {
  const root = projectRoot();
  const tsconfig = path.join(dir, 'tsconfig.api.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(root, 'bench', 'tsconfig.build.json'),
      files: [path.join(root, 'api', 'main.ts'), path.join(root, 'api', 'identity', 'main.ts')],
      include: [],
    }),
  );
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', tsconfig, '--noCheck', '--outDir', dir],
    { stdio: 'inherit' },
  );
  return { api: path.join(dir, 'api', 'main.js'), provider: path.join(dir, 'api', 'identity', 'main.js') };
}

export interface Service extends NodeProcess {
  /** What the ready line named: the provider's issuer, the API's address. */
  url: string;
}

const START_TIMEOUT_MS = 60_000;

/** Starts `node <script>` and resolves with the URL its ready line names (`ready`'s first group). */
export async function spawnService(
  script: string,
  env: Record<string, string>,
  logFile: string,
  ready: RegExp,
): Promise<Service> {
  const started = await spawnNode(script, env, logFile, ready, { timeoutMs: START_TIMEOUT_MS });
  const url = started.ready[1];
  if (!url) {
    await started.stop();
    throw new Error(`${script}'s ready line names no URL: ${started.ready[0]}`);
  }
  return { pid: started.pid, url, stop: started.stop };
}

export const AUDIENCE = 'urn:ocop:api';
/** Above any rate the bench reaches: the limit is the API's to enforce, not the bench's to measure. */
export const RATE_LIMIT = '100000';

export interface ApiStack {
  provider: Service;
  api: Service;
}

/** The dev OpenID provider and the built API on the scenario's database and task queue; `env` adds to the API's. */
export async function startApiStack(
  ctx: Context,
  databaseUrl: string,
  taskQueue: string,
  options: { logName: string; env?: Record<string, string> },
): Promise<ApiStack> {
  const built = buildApi(path.dirname(ctx.build.engineBundle));
  const provider = await spawnService(
    built.provider,
    { OCOP_IDP_PORT: '0', OCOP_IDP_HOST: '127.0.0.1', OCOP_IDP_ISSUER: '', OCOP_API_AUDIENCE: AUDIENCE },
    path.join(ctx.logDir, `${options.logName}-provider.log`),
    /OpenID provider ready at (\S+)/,
  );
  try {
    const api = await spawnService(
      built.api,
      {
        ...ctx.workerEnv,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATABASE_URL: databaseUrl,
        OCOP_OIDC_ISSUER: provider.url,
        OCOP_API_AUDIENCE: AUDIENCE,
        OCOP_API_HOST: '127.0.0.1',
        OCOP_API_PORT: '0',
        OCOP_API_RATE_LIMIT: RATE_LIMIT,
        ...options.env,
      },
      path.join(ctx.logDir, `${options.logName}.log`),
      /API ready at (\S+)/,
    );
    return { provider, api };
  } catch (error) {
    await provider.stop();
    throw error;
  }
}
