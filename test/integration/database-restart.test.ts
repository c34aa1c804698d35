// The worker's pool must survive the server dropping its idle connections, as
// a PostgreSQL restart does: pg reports it as an 'error' event on the pool,
// which crashes the process when nothing listens for it.
import { sql } from 'kysely';
import { createDb } from '../../db/connection';
import { databaseUrl, openDb } from '../support/env';

/** Until the server no longer lists the backend: its socket is closed, and the client told why. */
async function backendGone(admin: ReturnType<typeof openDb>, pid: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await sql`select 1 from pg_stat_activity where pid = ${pid}::integer`.execute(admin);
    if (rows.length === 0) return;
  }
  throw new Error(`backend ${pid} still listed after 200 looks`);
}

describe('a database pool when the server drops its connections', () => {
  it('notes the dropped idle connection and serves the next query on a new one', async () => {
    let noticed: (error: Error) => void = () => undefined;
    const dropped = new Promise<Error>((resolve) => (noticed = resolve));
    const db = createDb(databaseUrl(), { max: 1, onIdleError: (error) => noticed(error) });
    const admin = openDb();
    try {
      const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const pid = before.rows[0]!.pid;
      // What a restart does to every backend, done to this one only.
      await sql`select pg_terminate_backend(${pid}::integer)`.execute(admin);
      expect((await dropped).message).toMatch(/terminating connection due to administrator command/);
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      expect(after.rows[0]!.pid).not.toBe(pid);
    } finally {
      await db.destroy();
      await admin.destroy();
    }
  });

  it('survives the same drop with no listener of its own, as the worker and the CLI open it', async () => {
    const db = createDb(databaseUrl(), { max: 1 });
    const admin = openDb();
    try {
      const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      const pid = before.rows[0]!.pid;
      await sql`select pg_terminate_backend(${pid}::integer)`.execute(admin);
      await backendGone(admin, pid);
      // The idle client has read the server's goodbye by now. Without the pool's own listener
      // that 'error' event throws out of the event loop and fails this test.
      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      expect(after.rows[0]!.pid).not.toBe(pid);
    } finally {
      await db.destroy();
      await admin.destroy();
    }
  });
});
