// The API scenario's own processes: the dev OpenID provider and the API, each
// `node <build>/...` as production runs them, so the API's CPU is its own to
// read and its event loop is not the driver's. Both are compiled into the
// run's build directory alongside the worker.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../scripts/temporal-binaries';
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
