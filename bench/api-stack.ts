// The API scenario's own processes: the dev OpenID provider and the API, each
// `node <build>/...` as production runs them, so the API's CPU is its own to
// read and its event loop is not the driver's. Both are compiled into the
// run's build directory alongside the worker.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../scripts/temporal-binaries';

/** Every process the API scenario started and has not yet stopped; an interrupted run stops them too. */
const live = new Set<ChildProcess>();

export async function stopApiProcesses(): Promise<void> {
  await Promise.all([...live].map(stopService));
}

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

export interface Service {
  pid: number;
  /** What the ready line named: the provider's issuer, the API's address. */
  url: string;
  stop(): Promise<number | null>;
}

const START_TIMEOUT_MS = 60_000;

/** Starts `node <script>` and resolves with the URL its ready line names; its output goes to `logFile`. */
export async function spawnService(
  script: string,
  env: Record<string, string>,
  logFile: string,
  ready: RegExp,
): Promise<Service> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} was not ready within ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        if (output.length < 10_000) output += chunk.toString();
        const match = ready.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          child.stdout.off('data', onData);
          child.stderr.off('data', onData);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
      });
    });
    return { pid: child.pid!, url, stop: () => stopService(child) };
  } catch (error) {
    await stopService(child);
    throw error;
  }
}

async function stopService(child: ChildProcess): Promise<number | null> {
  live.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    return await exited;
  } finally {
    clearTimeout(killer);
  }
}
