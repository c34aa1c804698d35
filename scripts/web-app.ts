// The web app for `npm start` and `npm run dev`: built into web/dist when its sources are newer than the build
// (the API serves that at "/"), and, for `npm run dev`, Vite's dev server with hot reload in front of the API.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './temporal-binaries';

const ROOT = projectRoot();
const WEB = join(ROOT, 'web');
const VITE = join(ROOT, 'node_modules', '.bin', 'vite');
const CONFIG = join(WEB, 'vite.config.mts');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(VITE, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite ${args[0]} exited with ${code}`))));
  });
}

/** Builds the app unless web/dist is newer than every source it is built from (the domain's schemas included). */
export async function ensureWebAppBuilt(log: (line: string) => void = console.log): Promise<void> {
  const built = join(WEB, 'dist', 'index.html');
  const sources = [join(WEB, 'src'), join(WEB, 'index.html'), join(WEB, 'public'), CONFIG, join(ROOT, 'domain')];
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(...sources.map(newestChange))) return;
  log('building the web app (web/dist)');
  await run(['build', '--config', CONFIG, '--logLevel', 'warn']);
}

export interface ViteDevServer {
  url: string;
  stop: () => Promise<void>;
}

/** Vite's dev server on OCOP_WEB_PORT (5173), forwarding /v1 to the API; the OpenID provider accepts any loopback port. */
export async function startViteDevServer(apiUrl: string): Promise<ViteDevServer> {
  const port = Number(process.env.OCOP_WEB_PORT ?? 5173);
  const child: ChildProcess = spawn(VITE, ['--config', CONFIG, '--clearScreen', 'false', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, OCOP_API_URL: apiUrl, OCOP_WEB_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child);
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Vite's dev server exited with ${child.exitCode} (is port ${new URL(url).port} taken?)`);
    const answered = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Vite's dev server did not answer at ${url} within 30 s`);
}
