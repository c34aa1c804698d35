// What the web scenario stands on: the web app built from the sources into the
// run's build directory, the dev OpenID provider, and the API serving that build,
// each `node <build>/...` as production runs them.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../scripts/temporal-binaries';
import { type ApiStack, startApiStack } from './api-stack';
import type { Context } from './scenarios';

export interface WebStack extends ApiStack {
  /** The built app the API serves (OCOP_WEB_DIST). */
  webDist: string;
}

/** `vite build` of web/ into `<dir>/web-dist`, as `npm run build:web` builds web/dist. */
export function buildWeb(dir: string): string {
  const out = path.join(dir, 'web-dist');
  const root = projectRoot();
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(root, 'web', 'vite.config.mts'),
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit', cwd: root },
  );
  return out;
}

/** Builds the app and the API, then starts the provider and the API on the scenario's database and task queue. */
export async function startWebStack(ctx: Context, databaseUrl: string, taskQueue: string): Promise<WebStack> {
  const webDist = buildWeb(path.dirname(ctx.build.engineBundle));
  const stack = await startApiStack(ctx, databaseUrl, taskQueue, {
    logName: 'web-api',
    env: { OCOP_WEB_DIST: webDist },
  });
  return { ...stack, webDist };
}
