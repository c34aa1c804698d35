// `ocop decision` and the decision actions of `ocop product` from the built
// binary against the API, each with its exit code: the coordinator records a
// decision from a file, a product not awaiting one makes it exit 4, a bad file
// exits 2 naming the field, nobody signed in exits 6; anyone lists and exports
// the announcement; the coordinator revokes by decision.
import path from 'node:path';
import type { DecisionSummary, RecognitionDecisionAnswer } from '../../client/api-client';
import { RecordCouncilResult } from '../../domain/product';
import type { Stage } from '../../domain/schemas';
import { ocop } from '../support/cli';
import { type CliSession, cliSession } from '../support/cli-session';
import { eventually, ROOT } from '../support/env';
import { coordinator, DOSSIER, districtOfficer, hatDe, inspector, secretary } from '../support/fixtures';

const YEAR = 2054;
const CYCLE = `CB-${YEAR}`;
const AUTHORITY = 'UBND huyện Trùng Khánh';
const LOGINS = ['nong.thi.ha', 'htx.hatde'];
let serial = 0;

describe('ocop decision', () => {
  let session: CliSession;
  const as = (login: string, args: string[]) => session.as(login, args);

  async function stageIs(id: string, stage: Stage) {
    await eventually(
      () => session.api.db.selectFrom('products').select('stage').where('id', '=', id).executeTakeFirst(),
      (row) => row?.stage === stage,
      20_000,
    );
  }

  /** A product at DOSSIER_REVIEW, or rated three stars by its district council and awaiting the decision. */
  async function productAt(stage: 'DOSSIER_REVIEW' | 'AWAITING_DECISION') {
    const id = `${CYCLE}-${String(++serial).padStart(4, '0')}`;
    const { client } = session.api;
    await client.startProductApplication(hatDe(id));
    await client.act(id, 'submitDossier', { actor: coordinator, documents: DOSSIER });
    if (stage === 'AWAITING_DECISION') {
      await client.act(id, 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } });
      const sheets = ['tv-1', 'tv-2', 'tv-3'].map((memberId, i) => ({
        memberId,
        parts: { A: 25, B: 15, C: 22 },
        ...(i === 0 ? { chair: true } : {}),
      }));
      const result = { actor: secretary('district'), level: 'district', meetingDate: new Date().toISOString() };
      await client.act(
        id,
        'recordCouncilResult',
        RecordCouncilResult.parse({ ...result, councilSize: 3, round: 1, sheets }),
      );
    }
    await stageIs(id, stage);
    return id;
  }

  const decisionFile = (name: string, number: string, products: string[], more: object = {}) =>
    session.file(name, {
      number,
      decidedOn: new Date().toISOString(),
      authority: AUTHORITY,
      level: 'district',
      products: products.map((productId) => ({ productId })),
      ...more,
    });

  beforeAll(async () => {
    session = await cliSession(LOGINS);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('records a decision from a file, lists it and exports it; a refused product exits 4', async () => {
    const [first, second, reviewing] = await Promise.all([
      productAt('AWAITING_DECISION'),
      productAt('AWAITING_DECISION'),
      productAt('DOSSIER_REVIEW'),
    ]);
    const number = `301/QĐ-UBND-${YEAR}`;
    const file = decisionFile('decision.json', number, [first, second]);
    const recorded = await as('nong.thi.ha', ['decision', 'record', '--file', file, '--json']);
    expect(recorded).toMatchObject({ code: 0, stderr: '' });
    const answer = JSON.parse(recorded.stdout) as RecognitionDecisionAnswer;
    expect(answer).toMatchObject({ changed: true, accepted: 2, refused: 0 });

    const again = await as('nong.thi.ha', ['decision', 'record', '--file', file]);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('already recorded: nothing changed');

    const partly = decisionFile('partly.json', `302/QĐ-UBND-${YEAR}`, [reviewing]);
    const refused = await as('nong.thi.ha', ['decision', 'record', '--file', partly]);
    expect(refused).toMatchObject({ code: 4, stderr: 'ocop: 1 of 1 products refused; see the list\n' });
    expect(refused.stdout).toContain(reviewing);

    // The announcement needs no sign-in.
    const env = { OCOP_API_URL: session.api.url, XDG_CONFIG_HOME: path.join(ROOT, 'no-such-dir') };
    const list = await ocop(['decision', 'list', '--cycle', CYCLE, '--json'], env);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    const decisions = JSON.parse(list.stdout) as DecisionSummary[];
    expect(decisions).toEqual([expect.objectContaining({ decisionId: answer.decisionId, number, products: 2 })]);
    const shown = await ocop(['decision', 'show', answer.decisionId ?? ''], env);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toContain(first);
    expect(shown.stdout).toContain(second);
    const notAnId = await ocop(['decision', 'show', 'QĐ-1'], env);
    expect(notAnId).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^ocop: decisionId: must be a decision id/),
    });
    const exported = await ocop(['decision', 'export', answer.decisionId ?? ''], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(3);
    expect(exported.stdout).toContain(number);
  });

  it('names the field of a bad file with exit 2, a caller not signed in with 6, a producer with 4', async () => {
    const id = await productAt('AWAITING_DECISION');
    const noAuthority = decisionFile('bad.json', `303/QĐ-UBND-${YEAR}`, [id], { authority: '' });
    const bad = await as('nong.thi.ha', ['decision', 'record', '--file', noAuthority]);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^ocop: --file: authority: must name the authority/);
    const missing = await as('nong.thi.ha', ['decision', 'record']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--file/);

    const file = decisionFile('ok.json', `304/QĐ-UBND-${YEAR}`, [id]);
    const nobody = await ocop(['decision', 'record', '--file', file], {
      OCOP_API_URL: session.api.url,
      XDG_CONFIG_HOME: path.join(ROOT, 'no-such-dir'),
    });
    expect(nobody).toMatchObject({ code: 6, stderr: 'ocop: not signed in: run ocop login, or set OCOP_TOKEN\n' });
    const producer = await as('htx.hatde', ['decision', 'record', '--file', file]);
    expect(producer.code).toBe(4);
    expect(producer.stderr).toMatch(/coordinator grant/);
  });

  it('revokes a certificate by decision with ocop product revoke', async () => {
    const id = await productAt('AWAITING_DECISION');
    const recognised = await as('nong.thi.ha', [
      'product',
      'recognize',
      '--product',
      id,
      '--decision-number',
      `305/QĐ-UBND-${YEAR}`,
      '--decided-on',
      new Date().toISOString(),
      '--authority',
      AUTHORITY,
    ]);
    expect(recognised).toMatchObject({ code: 0, stderr: '' });
    await stageIs(id, 'POST_INSPECTION');
    await session.api.client.act(id, 'recordInspection', {
      actor: inspector,
      inspectedAt: new Date().toISOString(),
      result: { outcome: 'revocation-proposed', ground: 'quality-mismatch', findings: 'Nhãn không đúng' },
    });
    await stageIs(id, 'REVOCATION_PROPOSED');
    const flags = ['--product', id, '--ground', 'quality-mismatch', '--decision-number', `306/QĐ-UBND-${YEAR}`];
    const noDate = await as('nong.thi.ha', ['product', 'revoke', ...flags, '--authority', AUTHORITY]);
    expect(noDate.code).toBe(2);
    expect(noDate.stderr).toMatch(/decision\.decidedOn/);
    const revoked = await as('nong.thi.ha', [
      'product',
      'revoke',
      ...flags,
      '--decided-on',
      new Date().toISOString(),
      '--authority',
      AUTHORITY,
      '--json',
    ]);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(revoked.stdout)).toMatchObject({ stage: 'REVOKED' });
    await stageIs(id, 'REVOKED');
    const listed = await as('htx.hatde', ['decision', 'revocations', '--province', 'CB']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toContain(id);
  });
});
