// `ocop login`, `whoami` and `logout` from the built binary against the real
// API and its OpenID provider: the password grant for a demo account, the
// device flow approved in a browser at the provider's own pages, the token
// file readable only by its user, OCOP_TOKEN for scripts, and a refresh.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../api/identity/demo-accounts';
import type { Me } from '../../client/api-client';
import { type ApiUnderTest, startApi } from '../support/api';
import { approveDeviceCode, configHome, ocop, ocopLive } from '../support/cli';

describe('ocop login, whoami and logout', () => {
  let api: ApiUnderTest;
  const homes: ReturnType<typeof configHome>[] = [];
  const home = () => {
    const created = configHome();
    homes.push(created);
    return created.dir;
  };
  const envOf = (dir: string, extra: Record<string, string> = {}) => ({
    OCOP_API_URL: api.url,
    XDG_CONFIG_HOME: dir,
    ...extra,
  });
  const credentials = (dir: string) => path.join(dir, 'ocop', 'credentials.json');
  const login = (dir: string, user: string, password = DEMO_PASSWORD, ...flags: string[]) =>
    ocop(['login', '--user', user, '--password-stdin', ...flags], envOf(dir), `${password}\n`);

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    await api?.stop();
    for (const created of homes) created.remove();
  });

  it('login --password-stdin signs a demo account in at the issuer the API names, and keeps the token 0600', async () => {
    const dir = home();
    const run = await login(dir, 'nong.thi.ha');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Signed in as Nông Thị Hà (nong.thi.ha) at ${api.issuer} (from GET /healthz)`);
    expect(run.stdout).toMatch(/coordinator\s+CB/);

    expect(statSync(credentials(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(credentials(dir))).mode & 0o777).toBe(0o700);
    const saved = readFileSync(credentials(dir), 'utf8');
    expect(saved).not.toContain(DEMO_PASSWORD);
    expect(JSON.parse(saved)).toMatchObject({ issuer: api.issuer, clientId: 'ocop-cli', subject: 'nong.thi.ha' });

    const whoami = await ocop(['whoami', '--json'], envOf(dir));
    expect(whoami.code).toBe(0);
    const me = JSON.parse(whoami.stdout) as Me;
    expect(me.principal).toMatchObject({ subject: 'nong.thi.ha', name: 'Nông Thị Hà', kind: 'person' });
    expect(me.grants.map((g) => g.role).sort()).toEqual(['coordinator', 'province_admin']);
  });

  it('--issuer names the provider itself; a wrong password is refused with exit 6 and writes nothing', async () => {
    const dir = home();
    const wrong = await login(dir, 'be.van.duc', 'not-the-password', '--issuer', api.issuer);
    expect(wrong.code).toBe(6);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toBe('ocop: not signed in: the provider refused the login or password of be.van.duc\n');
    expect(() => statSync(credentials(dir))).toThrow(/ENOENT/);

    const right = await login(dir, 'be.van.duc', DEMO_PASSWORD, '--issuer', api.issuer, '--json');
    expect(right.code).toBe(0);
    expect(JSON.parse(right.stdout)).toMatchObject({ subject: 'be.van.duc', issuerFrom: '--issuer' });
  });

  it('never takes a password on the command line', async () => {
    const run = await ocop(['login', '--user', 'nong.thi.ha'], envOf(home()));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ocop: --password-stdin: is required with --user; ocop never takes a password on the command line\n',
    );
    const unknown = await ocop(['login', '--user', 'nong.thi.ha', '--password', DEMO_PASSWORD], envOf(home()));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown option '--password'");
  });

  it('the device flow prints a link and a code; approved in a browser at the provider, ocop is signed in', async () => {
    const dir = home();
    const live = ocopLive(['login', '--json'], envOf(dir));
    const [, uri, code] = await live.stderrMatch(/open (\S+) and enter the code (\S+)/);
    expect(new URL(uri ?? '').origin).toBe(new URL(api.issuer).origin);

    await approveDeviceCode(uri ?? '', code ?? '', 'luc.thi.mai', DEMO_PASSWORD);
    const run = await live.done;
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ subject: 'luc.thi.mai', name: 'Lục Thị Mai' });
    expect(statSync(credentials(dir)).mode & 0o777).toBe(0o600);

    const whoami = await ocop(['whoami'], envOf(dir));
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toMatch(/^Lục Thị Mai \(luc\.thi\.mai\), person/);
    expect(whoami.stdout).toMatch(/council_secretary\s+CB, unit 047, level district/);

    // The device flow gave a refresh token: an expired access token is renewed with it before the request.
    const before = JSON.parse(readFileSync(credentials(dir), 'utf8')) as { accessToken: string; refreshToken?: string };
    expect(before.refreshToken).toEqual(expect.any(String));
    writeFileSync(
      credentials(dir),
      JSON.stringify({ ...before, expiresAt: new Date(Date.now() - 1000).toISOString() }),
    );
    const renewed = await ocop(['whoami', '--json'], envOf(dir));
    expect(renewed.code).toBe(0);
    expect((JSON.parse(renewed.stdout) as Me).principal.subject).toBe('luc.thi.mai');
    const after = JSON.parse(readFileSync(credentials(dir), 'utf8')) as { accessToken: string; expiresAt: string };
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now());
    expect(statSync(credentials(dir)).mode & 0o777).toBe(0o600);
  });

  it('OCOP_TOKEN wins over the file; a token the API does not accept exits 6', async () => {
    const dir = home();
    await login(dir, 'nong.thi.ha');
    const token = await api.tokenFor('trieu.thi.hong');
    const asInspector = await ocop(['whoami', '--json'], envOf(dir, { OCOP_TOKEN: token }));
    expect(asInspector.code).toBe(0);
    expect((JSON.parse(asInspector.stdout) as Me).principal.subject).toBe('trieu.thi.hong');

    const tampered = await ocop(['whoami'], envOf(dir, { OCOP_TOKEN: `${token.slice(0, -4)}AAAA` }));
    expect(tampered.code).toBe(6);
    expect(tampered.stdout).toBe('');
    expect(tampered.stderr).toMatch(/^ocop: not signed in: .+; run ocop login\n$/);
  });

  it('logout forgets the token; then a command exits 6 and says to sign in', async () => {
    const dir = home();
    await login(dir, 'ma.thi.lan');
    const out = await ocop(['logout'], envOf(dir));
    expect(out).toMatchObject({ code: 0, stdout: `Signed out: removed ${credentials(dir)}\n` });
    const whoami = await ocop(['whoami'], envOf(dir));
    expect(whoami).toMatchObject({
      code: 6,
      stdout: '',
      stderr: 'ocop: not signed in: run ocop login, or set OCOP_TOKEN\n',
    });
  });
});
