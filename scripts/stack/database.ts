// The stack's PostgreSQL: DATABASE_URL's server when one is given; else the
// system's on 127.0.0.1 (PGPORT, 5432) when it answers; else an embedded one
// on that port with its data in .data/postgres, started and stopped with the
// stack. And the engine's databases on it, made and migrated.
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, DEFAULT_DATABASE_URL } from '../../db/connection';
import { migrateUp } from '../../db/migrator';
import { projectRoot } from '../temporal-binaries';
import { answers, portFromEnv } from './net';

export interface DatabaseServer {
  /** DATABASE_URL, or the default database's URL on the local server. */
  url: string;
  /** Stops the embedded server; the others are not the stack's to stop. */
  stop(): Promise<void>;
}

const EMBEDDED_DATA_DIR = path.join(projectRoot(), '.data', 'postgres');

/** The server the stack's databases live on, started when it is the embedded one. */
export async function ensureDatabaseServer(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<DatabaseServer> {
  const nothing = async () => undefined;
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: nothing };
  const url = new URL(DEFAULT_DATABASE_URL);
  const port = portFromEnv(env, 'PGPORT', Number(url.port));
  url.port = String(port);
  if (await answers(url.hostname, port)) return { url: url.toString(), stop: nothing };
  const { startEmbeddedPostgres } = await import('./embedded-postgres');
  const server = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, port, log });
  log(
    `no PostgreSQL answered on ${url.host} and DATABASE_URL is unset: started an embedded one there (data in .data/postgres)`,
  );
  return { url: url.toString(), stop: server.stop };
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
