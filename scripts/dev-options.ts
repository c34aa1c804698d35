// What `npm run dev` takes after `--`, and the Temporal dev server it implies;
// apart from dev-env.ts so they can be checked without starting anything.
import path from 'node:path';
import type { Config } from '../worker/config';
import type { DevServerOptions } from './stack/temporal';

export const UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

/** The part of the dev environment's options the command line sets. */
export interface DevOptions {
  database?: string;
  recreateDatabase?: boolean;
  inMemoryTemporal?: boolean;
}

/** `npm run dev -- --fresh`: Temporal in memory and a database of its own, made anew; the usual ones stay as they are. */
export const FRESH: DevOptions = { inMemoryTemporal: true, database: 'ocop_dev_fresh', recreateDatabase: true };

/** The options `npm run dev` takes after `--`; anything else is refused by name. */
export function devOptions(argv: readonly string[]): DevOptions {
  const unknown = argv.filter((arg) => arg !== '--fresh');
  if (unknown.length) {
    throw new Error(
      `unknown option ${unknown.join(' ')}; the only one is --fresh (Temporal in memory, a new database)`,
    );
  }
  return argv.includes('--fresh') ? FRESH : {};
}

/** The dev server of `npm run dev` and the demo: its state in `dataDir`/temporal.sqlite, or in memory. */
export function devServerOptions(config: Config, dataDir: string, inMemory: boolean): DevServerOptions {
  return {
    address: config.temporal.address,
    namespaces: [config.temporal.namespace],
    uiPort: UI_PORT,
    dbFile: inMemory ? null : path.join(dataDir, 'temporal.sqlite'),
  };
}
