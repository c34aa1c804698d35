// The local stack's embedded PostgreSQL, for a machine that has none: made in
// an empty data directory on the first start and reused on the next, on a free
// port, letting `postgres` in without a password as the default DATABASE_URL
// expects, and gone from its port once stopped.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { answers, freePort } from '../../scripts/stack/net';
import { ROOT } from '../support/env';

const PROBE = path.join(ROOT, 'test/support/embedded-postgres-probe.ts');

describe('the embedded PostgreSQL of the local stack', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ocop-embedded-postgres-'));
    // Run as root, PostgreSQL runs as the postgres user, which must get through to its data directory.
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('initialises its data directory once, answers a query on its port, and stops', async () => {
    const port = await freePort();
    const dataDir = path.join(dir, 'postgres');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', PROBE, dataDir, String(port)],
      { cwd: ROOT },
    );
    const { answers: asked, logged } = JSON.parse(stdout) as {
      answers: { user: string; version: string }[];
      logged: string[];
    };
    expect(asked).toEqual([
      { user: 'postgres', version: expect.stringMatching(/^17\./) },
      { user: 'postgres', version: expect.stringMatching(/^17\./) },
    ]);
    expect(logged).toEqual([`initialised an embedded PostgreSQL in ${dataDir}`]);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(await answers('127.0.0.1', port)).toBe(false);
  }, 30_000);
});
