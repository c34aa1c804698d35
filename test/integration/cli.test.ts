// The built `ocop` as a user runs it: an HTTP client of the API and nothing
// more, with text by default, one JSON object with --json, and an exit code
// and one stderr line per kind of error.
import { spawnSync } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { type ApiUnderTest, startApi } from '../support/api';
import { ocop } from '../support/cli';
import { ROOT } from '../support/env';

/** A port nothing listens on: one the system just gave out and took back. */
function closedPort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

describe('ocop', () => {
  let api: ApiUnderTest;
  let token: string;
  const env = () => ({ OCOP_API_URL: api.url, OCOP_TOKEN: token });

  beforeAll(async () => {
    api = await startApi();
    token = await api.tokenFor('nong.thi.ha');
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('loads nothing of the engine: no database, Temporal, worker or notification code', () => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'dist/client/cli/main.js'))});
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    const loaded = (JSON.parse(child.stdout) as string[]).map((file) => path.relative(ROOT, file));
    expect(loaded).toContain('dist/client/cli/main.js');
    expect(loaded).toContain('dist/client/api-client.js');
    const engine = /^dist\/(db|worker|activities|workflows|api)\/|node_modules\/(@temporalio|pg|kysely|nodemailer)\//;
    expect(loaded.filter((file) => engine.test(file))).toEqual([]);
  });

  it('--help lists the commands, and --as is gone', async () => {
    const run = await ocop(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: ocop');
    expect(run.stdout).toMatch(/login \[options\]/);
    expect(run.stdout).toMatch(/status \[options\]/);
    const withdraw = await ocop(['product', 'withdraw', '--help']);
    expect(withdraw.stdout).not.toContain('--as');
    const old = await ocop(['product', 'withdraw', '--product', 'CB-2023-0001', '--as', 'coordinator:x'], env());
    expect(old).toMatchObject({ code: 2, stdout: '' });
    expect(old.stderr).toContain("error: unknown option '--as'");
  });

  it.each([
    [['status', '--product', 'CB-2023-0999'], 3, /^ocop: .*CB-2023-0999.*not found/i],
    [['status', '--product', 'nonsense'], 2, /^ocop: --product: must look like CB-2023-0007/],
    [['status'], 2, /error: required option '--product <id>' not specified/],
    [['product', 'list', '--limit', '500'], 2, /^ocop: --limit: must be at most 200$/],
  ])('%j exits %i with one line', async (args, code, message) => {
    const run = await ocop(args, env());
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('says when the API cannot be reached, and exits 5', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await ocop(['status', '--product', 'CB-2023-0001'], { OCOP_API_URL: url, OCOP_TOKEN: 'x' });
    expect(run).toMatchObject({ code: 5, stdout: '' });
    expect(run.stderr).toBe(`ocop: cannot reach the OCOP API at ${url}: connection refused\n`);
  });

  it('without a token it says to sign in, and exits 6', async () => {
    const run = await ocop(['cycle', 'list'], {
      OCOP_API_URL: api.url,
      XDG_CONFIG_HOME: path.join(ROOT, 'no-such-dir'),
    });
    expect(run).toMatchObject({
      code: 6,
      stdout: '',
      stderr: 'ocop: not signed in: run ocop login, or set OCOP_TOKEN\n',
    });
  });

  it('a bad OCOP_API_URL is refused with exit 2, naming it', async () => {
    const run = await ocop(['cycle', 'list'], { OCOP_API_URL: 'ftp://example', OCOP_TOKEN: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ocop: OCOP_API_URL: must be an http\(s\) URL/);
  });
});
