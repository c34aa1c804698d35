// Opening the worker's and the client's connections, failing with one line
// that says what could not be reached rather than a stack trace.
import { toClientOptions } from '@temporalio/envconfig';
import { sql, type Kysely } from 'kysely';
import { createDb } from '../db/connection';
import type { Database } from '../db/database';
import { describeDatabaseError } from '../db/errors';
import type { Config } from './config';

export class StartupError extends Error {
  override name = 'StartupError';
}

export async function openDatabase(config: Config): Promise<Kysely<Database>> {
  const db = createDb(config.databaseUrl, { max: config.databasePoolSize });
  try {
    await sql`select 1`.execute(db);
    return db;
  } catch (error) {
    await db.destroy();
    throw new StartupError(
      describeDatabaseError(error, config.databaseUrl) ?? `PostgreSQL: ${(error as Error).message}`,
    );
  }
}

/**
 * Connection options shared by the worker's NativeConnection and the client's
 * Connection, as the Temporal CLI makes them from the same profile: mTLS with a
 * client certificate, or TLS with an API key (Temporal Cloud), or plain for the
 * local dev server.
 */
export function temporalConnectionOptions(config: Config) {
  return toClientOptions(config.temporal).connectionOptions;
}

export function describeTemporalError(error: unknown, address: string): string {
  const message = (error as Error).message ?? String(error);
  const reason = /connect|refused|dns|transport|unavailable|deadline/i.test(message)
    ? 'the server is not reachable'
    : message.split('\n')[0];
  return `cannot reach Temporal at ${address}: ${reason}`;
}
