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

export function createDb(databaseUrl: string, options: { max?: number } = {}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new Pool({ connectionString: databaseUrl, max: options.max ?? 10 }) }),
  });
}
