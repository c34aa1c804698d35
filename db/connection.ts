import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './database';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/ocop';

// NUMERIC arrives as a string by default to protect precision; scores have two
// decimals, which a double holds exactly enough for display and comparison.
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

/** Why a DATABASE_URL cannot be used, or undefined when it can. */
export function databaseUrlProblem(value: string): string | undefined {
  try {
    const { protocol, hostname, pathname } = new URL(value);
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') return 'must start with postgres:// or postgresql://';
    if (!hostname && !new URL(value).searchParams.get('host')) return 'must name a host';
    if (pathname.length <= 1) return 'must name a database, e.g. postgresql://localhost:5432/ocop';
    return undefined;
  } catch {
    return 'must be a URL such as postgresql://user@localhost:5432/ocop';
  }
}

/**
 * A pool that rides through a database restart. pg emits 'error' on the pool
 * when the server drops an idle connection (a restart, a failover,
 * pg_terminate_backend); with no listener Node treats it as an uncaught error
 * and the worker dies. The dropped client is already discarded, and the next
 * query opens a new one, so noting the error is all there is to do.
 */
export function createPool(databaseUrl: string, options: { max?: number; onIdleError?: (error: Error) => void } = {}) {
  const pool = new Pool({ connectionString: databaseUrl, max: options.max ?? 10 });
  pool.on('error', options.onIdleError ?? (() => undefined));
  return pool;
}

export function createDb(
  databaseUrl: string,
  options: { max?: number; onIdleError?: (error: Error) => void } = {},
): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, options) }) });
}
