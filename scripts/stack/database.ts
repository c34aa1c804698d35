// The stack's PostgreSQL: DATABASE_URL's server, or the system's of the default
// URL; and the engine's databases on it, made and migrated.
import { sql } from 'kysely';
import { createDb, DEFAULT_DATABASE_URL } from '../../db/connection';
import { migrateUp } from '../../db/migrator';

export interface DatabaseServer {
  /** DATABASE_URL, or the default database's URL on the local server. */
  url: string;
  /** Stops the server if the stack started it. */
  stop(): Promise<void>;
}

/** The server the stack's databases live on. */
export async function ensureDatabaseServer(env: NodeJS.ProcessEnv): Promise<DatabaseServer> {
  return { url: env.DATABASE_URL || DEFAULT_DATABASE_URL, stop: async () => undefined };
}

/** A database of `serverUrl`'s server under another name. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on the server's `postgres` database, where databases are created and dropped. */
async function onServer<T>(url: string, work: (admin: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const admin = createDb(databaseUrl(url, 'postgres'), { max: 1 });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

const nameOf = (url: string) => new URL(url).pathname.slice(1);

/** Creates `url`'s database when it is missing (or anew, dropping it first), then migrates it; says if it created it. */
export async function prepareDatabase(
  url: string,
  options: { recreate?: boolean } = {},
): Promise<{ created: boolean }> {
  const name = nameOf(url);
  const created = await onServer(url, async (admin) => {
    if (options.recreate) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    const exists = await sql`select 1 from pg_database where datname = ${name}`.execute(admin);
    if (exists.rows.length > 0) return false;
    await sql`create database ${sql.id(name)}`.execute(admin);
    return true;
  });
  const db = createDb(url, { max: 1 });
  try {
    await migrateUp(db);
  } finally {
    await db.destroy();
  }
  return { created };
}

/** Drops `url`'s database, closing the connections still open to it. */
export function dropDatabase(url: string): Promise<void> {
  const name = nameOf(url);
  return onServer(
    url,
    async (admin) => void (await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)),
  );
}
