// `ocop users` from the built binary: the province admin grants a new district
// officer a role, the audit lists the change, the revocation ends it; anyone
// else is refused.
import type { Grant, GrantChange } from '../../client/api-client';
import { type ApiUnderTest, startApi } from '../support/api';
import { ocop } from '../support/cli';

const NEWCOMER = 'nguyen.van.moi';

describe('ocop users', () => {
  let api: ApiUnderTest;
  const tokens: Record<string, string> = {};
  const as = (login: string, args: string[]) => ocop(args, { OCOP_API_URL: api.url, OCOP_TOKEN: tokens[login] ?? '' });
  const grantArgs = [
    'users',
    'grant',
    '--subject',
    NEWCOMER,
    '--name',
    'Nguyễn Văn Mới',
    '--role',
    'dossier_officer',
    '--province',
    'CB',
    '--unit',
    '047',
    '--level',
    'district',
    '--reason',
    'Quyết định 12/QĐ-UBND',
  ];

  beforeAll(async () => {
    api = await startApi();
    for (const login of ['nong.thi.ha', 'be.van.duc']) tokens[login] = await api.tokenFor(login);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('users grant, then users list and users changes show the grant and who gave it, then revoke ends it', async () => {
    const granted = await as('nong.thi.ha', [...grantArgs, '--json']);
    expect(granted).toMatchObject({ code: 0, stderr: '' });
    const grant = JSON.parse(granted.stdout) as Grant;
    expect(grant).toMatchObject({
      subject: NEWCOMER,
      role: 'dossier_officer',
      scope: { province: 'CB', unit: '047', level: 'district' },
      revokedAt: null,
    });

    const listed = JSON.parse(
      (await as('nong.thi.ha', ['users', 'list', '--subject', NEWCOMER, '--json'])).stdout,
    ) as Grant[];
    expect(listed.map((g) => g.id)).toEqual([grant.id]);
    const table = await as('nong.thi.ha', ['users', 'list', '--subject', NEWCOMER]);
    expect(table.stdout).toMatch(
      new RegExp(
        `${grant.id}\\s+${NEWCOMER.replaceAll('.', '\\.')}\\s+dossier_officer\\s+CB, unit 047, level district`,
      ),
    );

    const changes = await as('nong.thi.ha', ['users', 'changes', '--json']);
    expect(changes.code).toBe(0);
    expect(JSON.parse(changes.stdout) as GrantChange[]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ grantId: grant.id, change: 'granted', reason: 'Quyết định 12/QĐ-UBND' }),
      ]),
    );

    const revoked = await as('nong.thi.ha', ['users', 'revoke', '--grant', grant.id, '--reason', 'Chuyển công tác']);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked ${grant.id}\n` });
    const after = JSON.parse((await as('nong.thi.ha', ['users', 'changes', '--json'])).stdout) as GrantChange[];
    expect(
      after
        .filter((c) => c.grantId === grant.id)
        .map((c) => c.change)
        .sort(),
    ).toEqual(['granted', 'revoked']);
    const text = await as('nong.thi.ha', ['users', 'changes']);
    expect(text.stdout).toMatch(/revoked\s+\S+\s+.*Chuyển công tác/);
  });

  it('a district officer may not grant: exit 4, naming the grant it lacks, and nothing is granted', async () => {
    const run = await as('be.van.duc', [...grantArgs.slice(0, 3), 'someone.else', ...grantArgs.slice(4)]);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toMatch(/^ocop: .*province_admin.*CB/);
    const listed = JSON.parse(
      (await as('nong.thi.ha', ['users', 'list', '--subject', 'someone.else', '--json'])).stdout,
    ) as Grant[];
    expect(listed).toEqual([]);
  });

  it("a grant whose scope breaks its role's rules is refused before it is sent, naming the field", async () => {
    const run = await as('nong.thi.ha', [
      'users',
      'grant',
      '--subject',
      NEWCOMER,
      '--role',
      'subject',
      '--province',
      'CB',
      '--reason',
      'x',
    ]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^ocop: grant: scope\.subjectId: /);
  });
});
