// What `npm run dev` takes after `--`, and the Temporal dev server's arguments
// it implies; apart from dev-env.ts so they can be checked without starting anything.
import path from 'node:path';
import type { Config } from '../worker/config';
import { OCOP_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

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

/** The Temporal CLI's arguments for the dev server: its state in .data/temporal.sqlite, or in memory. */
export function devServerArgs(config: Config, dataDir: string, inMemory: boolean): string[] {
  const [ip = '127.0.0.1', port = '7233'] = config.temporal.address.split(':');
  return [
    'server',
    'start-dev',
    ...(inMemory ? [] : ['--db-filename', path.join(dataDir, 'temporal.sqlite')]),
    '--ip',
    ip === 'localhost' ? '127.0.0.1' : ip,
    '--port',
    port,
    '--ui-port',
    String(UI_PORT),
    '--namespace',
    config.temporal.namespace,
    '--log-level',
    'error',
    ...OCOP_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${key.type}`]),
  ];
}
