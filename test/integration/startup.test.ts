// Bad configuration and unreachable services stop a program with a message
// that names what is wrong, never a stack trace: one line, or zod's issues
// each with the variable it is at.
import { sql } from 'kysely';
import { createDb } from '../../db/connection';
import { runNode } from '../support/cli';
import { databaseUrl, devServerAddress } from '../support/env';

const lines = (text: string) => text.trim().split('\n');

describe('the worker refuses to start', () => {
  it.each([
    [{ DATABASE_URL: 'nonsense' }, ['worker: invalid configuration:', '✖ must be a URL', '  → at DATABASE_URL']],
    [
      { TEMPORAL_ADDRESS: 'no-port' },
      ['worker: invalid configuration:', '✖ must be host:port', '  → at TEMPORAL_ADDRESS'],
    ],
    [
      { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/ocop' },
      ['worker: cannot reach PostgreSQL at postgresql://postgres@127.0.0.1:1/ocop: connection refused'],
    ],
    [
      { TEMPORAL_ADDRESS: '127.0.0.1:1' },
      ['worker: cannot reach Temporal at 127.0.0.1:1: the server is not reachable'],
    ],
  ])('with %j', async (env, expected) => {
    const run = await runNode('dist/worker/main.js', [], { DATABASE_URL: databaseUrl(), ...env });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual(expected.map((line) => expect.stringContaining(line)));
  });
});

describe('npm run db:migrate', () => {
  const url = new URL(databaseUrl());
  url.pathname = `/${url.pathname.slice(1)}_migrate`;
  const admin = () => {
    const u = new URL(databaseUrl());
    u.pathname = '/postgres';
    return createDb(u.toString(), { max: 1 });
  };

  beforeAll(async () => {
    const db = admin();
    await sql`create database ${sql.id(url.pathname.slice(1))}`.execute(db);
    await db.destroy();
  });

  afterAll(async () => {
    const db = admin();
    await sql`drop database if exists ${sql.id(url.pathname.slice(1))} with (force)`.execute(db);
    await db.destroy();
  });

  async function tables(): Promise<string[]> {
    const db = createDb(url.toString(), { max: 1 });
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(db);
    await db.destroy();
    return rows.map((r) => r.name);
  }

  it('migrates up, down by the last migration, and up again', async () => {
    const env = { DATABASE_URL: url.toString() };
    const up = (await runNode('dist/db/migrate.js', ['up'], env)).stdout;
    // The last migration is whichever came last; the tables below are those every later one keeps.
    const last = [...up.matchAll(/(\d{4}_\w+): Up Success/g)].at(-1)?.[1];
    expect(last).toMatch(/^\d{4}_/);
    expect(await tables()).toEqual(
      expect.arrayContaining([
        'api_actions',
        'certificate_counters',
        'certificates',
        'contacts',
        'cycles',
        'grant_changes',
        'grants',
        'inspections',
        'notification_deliveries',
        'notifications',
        'principals',
        'product_events',
        'products',
        'registrations',
        'score_sheets',
        'subjects',
      ]),
    );
    expect((await runNode('dist/db/migrate.js', ['up'], env)).stdout).toContain('nothing to migrate');
    expect((await runNode('dist/db/migrate.js', ['down'], env)).stdout).toContain(`${last}: Down Success`);
    expect((await runNode('dist/db/migrate.js', ['up'], env)).code).toBe(0);
  });

  it('gives each inspection finding its yearly round, and back', async () => {
    const env = { DATABASE_URL: url.toString() };
    await runNode('dist/db/migrate.js', ['up'], env);
    // Down by every migration after 0004, whichever they are by now, and 0004 itself.
    const downToBefore0004 = async () => {
      const downs: string[] = [];
      while (!downs.at(-1)?.includes('0004_inspection_rounds: Down Success') && downs.length < 30) {
        downs.push((await runNode('dist/db/migrate.js', ['down'], env)).stdout);
      }
      expect(downs.at(-1)).toContain('0004_inspection_rounds: Down Success');
    };
    await downToBefore0004();
    const db = createDb(url.toString(), { max: 1 });
    try {
      // Before 0004: a corrective action and its re-check in round 1, counted as "rounds" 1 and 2.
      await sql`insert into inspections (product_id, round, due_at, outcome, details) values
        ('CB-2023-0001', 1, now(), 'corrective-action', '{"round": 1}'),
        ('CB-2023-0001', 2, now(), 'pass', '{"round": 1}'),
        ('CB-2023-0001', 3, now(), 'pass', '{}')`.execute(db);
      expect((await runNode('dist/db/migrate.js', ['up'], env)).code).toBe(0);
      const after = await sql<{ seq: number; round: number }>`
        select seq, round from inspections order by seq`.execute(db);
      expect(after.rows).toEqual([
        { seq: 1, round: 1 },
        { seq: 2, round: 1 },
        { seq: 3, round: 3 },
      ]);
      await downToBefore0004();
      const before = await sql<{ round: number }>`select round from inspections order by round`.execute(db);
      expect(before.rows.map((r) => r.round)).toEqual([1, 2, 3]);
      await sql`delete from inspections`.execute(db);
    } finally {
      await db.destroy();
      await runNode('dist/db/migrate.js', ['up'], env);
    }
  });

  it('names a database that does not exist', async () => {
    const missing = new URL(url);
    missing.pathname = '/no_such_ocop_db';
    const run = await runNode('dist/db/migrate.js', ['up'], { DATABASE_URL: missing.toString() });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `db:migrate: PostgreSQL at ${missing.toString()}: the database does not exist (create it, or set DATABASE_URL)`,
    ]);
  });
});

describe('npm run dev -- --fresh', () => {
  it('refuses a Temporal server that already answers, whose state a fresh run must not find', async () => {
    const address = devServerAddress();
    const run = await runNode('dist/scripts/dev.js', ['--fresh'], { TEMPORAL_ADDRESS: address });
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      `dev: --fresh: a Temporal server already answers at ${address} and holds what earlier runs left; ` +
        'stop it, or set TEMPORAL_ADDRESS to a free host:port',
    ]);
  });

  it('refuses an option it does not know', async () => {
    const run = await runNode('dist/scripts/dev.js', ['--frsh'], {});
    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      'dev: unknown option --frsh; the only one is --fresh (Temporal in memory, a new database)',
    ]);
  });
});
