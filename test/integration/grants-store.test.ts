// The grant and principal stores on the run's real PostgreSQL, migrated by the
// global setup (0005 included).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import {
  GrantChangeRefused,
  addGrant,
  getGrant,
  grantsOf,
  listGrantChanges,
  listGrants,
  revokeGrant,
} from '../../read-model/grants';
import { findPrincipal, upsertPrincipal } from '../../read-model/principals';
import { authorize } from '../../domain/access';
import { openDb } from '../support/env';

const ISSUER = 'http://127.0.0.1:8470';
const ADMIN = { issuer: ISSUER, subject: 'nong.thi.ha', grantId: null };

let db: Kysely<Database>;
/** Each test's own people, so tests never see each other's rows. */
const someone = (login: string) => `${login}.${randomUUID().slice(0, 8)}`;

beforeAll(() => {
  db = openDb();
});
afterAll(async () => {
  await db.destroy();
});

async function changesOf(grantId: string) {
  return db.selectFrom('grant_changes').selectAll().where('grant_id', '=', grantId).orderBy('id').execute();
}

async function refusal(promise: Promise<unknown>): Promise<GrantChangeRefused> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrantChangeRefused)) throw new Error(`expected a GrantChangeRefused, got ${String(error)}`);
  return error;
}

describe('principals', () => {
  it('are created once per issuer and subject, and follow the name the token gives', async () => {
    const subject = someone('be.van.duc');
    const first = await upsertPrincipal(db, { issuer: ISSUER, subject, name: 'Bế Văn Đức', kind: 'person' });
    const seenAt = await db
      .selectFrom('principals')
      .select('last_seen_at')
      .where('id', '=', first.id)
      .executeTakeFirst();

    const again = await upsertPrincipal(db, {
      issuer: ISSUER,
      subject,
      name: 'Bế Văn Đức (Trùng Khánh)',
      kind: 'person',
    });
    expect(again).toEqual({ ...first, name: 'Bế Văn Đức (Trùng Khánh)' });
    const nameless = await upsertPrincipal(db, { issuer: ISSUER, subject, name: null, kind: 'person' });
    expect(nameless.name).toBe('Bế Văn Đức (Trùng Khánh)');

    const rows = await db.selectFrom('principals').selectAll().where('subject', '=', subject).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.last_seen_at?.getTime()).toBeGreaterThanOrEqual(seenAt?.last_seen_at?.getTime() ?? Infinity);
    expect(await findPrincipal(db, ISSUER, subject)).toEqual(nameless);
    expect(await findPrincipal(db, 'http://elsewhere', subject)).toBeUndefined();
  });

  it('keep the same subject of another issuer apart', async () => {
    const subject = someone('portal-caobang');
    const ours = await upsertPrincipal(db, { issuer: ISSUER, subject, name: null, kind: 'service' });
    const theirs = await upsertPrincipal(db, { issuer: 'https://id.example.vn', subject, name: 'X', kind: 'person' });
    expect(theirs.id).not.toBe(ours.id);
    expect(ours).toMatchObject({ kind: 'service', name: null });
  });
});

describe('grants', () => {
  it('are added with their audit row in one go, and count for authorize', async () => {
    const subject = someone('be.van.duc');
    const added = await addGrant(
      db,
      { issuer: ISSUER, subject, role: 'dossier_officer', scope: { province: 'CB', unit: '047', level: 'district' } },
      ADMIN,
      '  Cán bộ tiếp nhận hồ sơ huyện Trùng Khánh ',
    );
    expect(added).toMatchObject({
      issuer: ISSUER,
      subject,
      role: 'dossier_officer',
      scope: { province: 'CB', unit: '047', level: 'district' },
      validUntil: null,
      revokedAt: null,
    });
    expect(added.scope).not.toHaveProperty('subjectId');
    expect(await getGrant(db, added.id)).toEqual(added);

    const changes = await changesOf(added.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      change: 'granted',
      by_issuer: ISSUER,
      by_subject: 'nong.thi.ha',
      by_grant_id: null,
      reason: 'Cán bộ tiếp nhận hồ sơ huyện Trùng Khánh',
      details: { subject, role: 'dossier_officer', scope: { province: 'CB', unit: '047', level: 'district' } },
    });

    const now = new Date();
    const held = await grantsOf(db, ISSUER, subject, now);
    expect(held).toEqual([added]);
    const own = { province: 'CB', product: { unit: '047', subjectId: 'hop-tac-xa', level: 'district' as const } };
    expect(authorize(held, 'reviewDossier', own, now)).toEqual({ allowed: true, grant: added });
    expect(authorize(held, 'reviewDossier', { ...own, product: { ...own.product, unit: '051' } }, now).allowed).toBe(
      false,
    );
  });

  it('count only within their period', async () => {
    const subject = someone('trieu.thi.hong');
    const later = await addGrant(
      db,
      { issuer: ISSUER, subject, role: 'inspector', scope: { province: 'CB' }, validFrom: '2099-01-01T00:00:00Z' },
      ADMIN,
      'next year',
    );
    const ended = await addGrant(
      db,
      {
        issuer: ISSUER,
        subject,
        role: 'coordinator',
        scope: { province: 'CB' },
        validFrom: '2020-01-01T00:00:00Z',
        validUntil: '2021-01-01T00:00:00Z',
      },
      ADMIN,
      'the 2020 cycle',
    );
    expect(await grantsOf(db, ISSUER, subject, new Date())).toEqual([]);
    expect(await grantsOf(db, ISSUER, subject, new Date('2099-06-01T00:00:00Z'))).toEqual([later]);
    expect(await grantsOf(db, ISSUER, subject, new Date('2020-06-01T00:00:00Z'))).toEqual([ended]);
    expect(ended.validUntil).toBe('2021-01-01T00:00:00.000Z');
  });

  it('are revoked once, with its audit row, and no longer count', async () => {
    const subject = someone('ma.thi.lan');
    const input = {
      issuer: ISSUER,
      subject,
      role: 'council_secretary' as const,
      scope: { province: 'CB', unit: '051', level: 'district' as const },
    };
    const added = await addGrant(db, input, ADMIN, 'Thư ký hội đồng huyện Hòa An');
    const by = { issuer: ISSUER, subject: 'nong.thi.ha', grantId: added.id };

    const revoked = await revokeGrant(db, added.id, by, 'chuyển công tác');
    expect(revoked.revokedAt).not.toBeNull();
    expect(await grantsOf(db, ISSUER, subject, new Date(Date.parse(revoked.revokedAt ?? '') + 1))).toEqual([]);
    expect((await changesOf(added.id)).map((c) => [c.change, c.reason, c.by_grant_id])).toEqual([
      ['granted', 'Thư ký hội đồng huyện Hòa An', null],
      ['revoked', 'chuyển công tác', added.id],
    ]);

    const again = await refusal(revokeGrant(db, added.id, by, 'twice'));
    expect(again.refusal).toBe('already-revoked');
    expect(again.message).toContain(`grant ${added.id} was already revoked at`);
    expect(await changesOf(added.id)).toHaveLength(2);

    // Revoked, the same grant may be given anew.
    const anew = await addGrant(db, input, ADMIN, 'quay lại');
    expect(anew.id).not.toBe(added.id);
  });

  it('refuse an unknown grant, a bad input, an empty reason and a duplicate, writing nothing', async () => {
    const subject = someone('hoang.van.nam');
    const before = await db
      .selectFrom('grant_changes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    expect((await refusal(revokeGrant(db, '999999999', ADMIN, 'x'))).refusal).toBe('not-found');
    expect((await refusal(revokeGrant(db, 'abc', ADMIN, 'x'))).refusal).toBe('not-found');

    const bad = await refusal(
      addGrant(
        db,
        { issuer: ISSUER, subject, role: 'dossier_officer', scope: { province: 'CB', level: 'district' } },
        ADMIN,
        'x',
      ),
    );
    expect([bad.refusal, bad.message]).toEqual([
      'invalid',
      'scope.unit: is required for a dossier_officer grant at level district',
    ]);
    const wrongUnit = await refusal(
      addGrant(
        db,
        { issuer: ISSUER, subject, role: 'dossier_officer', scope: { province: 'CB', unit: '046', level: 'district' } },
        ADMIN,
        'x',
      ),
    );
    expect(wrongUnit.message).toMatch(/^scope\.unit: must be one of Cao Bằng's districts: 040 Thành phố Cao Bằng/);
    const input = {
      issuer: ISSUER,
      subject,
      role: 'dossier_officer' as const,
      scope: { province: 'CB', unit: '051', level: 'district' as const },
    };
    expect((await refusal(addGrant(db, input, ADMIN, '   '))).message).toBe('reason: must not be empty');
    expect((await refusal(addGrant(db, input, ADMIN, 'x'.repeat(501)))).message).toBe(
      'reason: must be at most 500 characters',
    );
    const after = await db
      .selectFrom('grant_changes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst();
    expect(after?.n).toBe(before?.n);
    expect(await listGrants(db, { subject })).toEqual([]);

    const [first, second] = await Promise.allSettled([
      addGrant(db, input, ADMIN, 'Cán bộ huyện Hòa An'),
      addGrant(db, input, ADMIN, 'Cán bộ huyện Hòa An'),
    ]);
    const given = [first, second].filter((r) => r.status === 'fulfilled');
    const refused = [first, second].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(given).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(GrantChangeRefused);
    expect(refused[0]).toMatchObject({ refusal: 'duplicate' });
    expect(await listGrants(db, { subject })).toHaveLength(1);
  });

  it('list by filter, in pages of a bounded size', async () => {
    const subject = someone('luc.thi.mai');
    const ids: string[] = [];
    for (const unit of ['040', '042', '043']) {
      const g = await addGrant(
        db,
        { issuer: ISSUER, subject, role: 'council_secretary', scope: { province: 'CB', unit, level: 'district' } },
        ADMIN,
        `huyện ${unit}`,
      );
      ids.push(g.id);
    }
    await revokeGrant(db, ids[2] ?? '', ADMIN, 'hết nhiệm kỳ');

    expect((await listGrants(db, { subject })).map((g) => g.id)).toEqual(ids.slice(0, 2));
    expect((await listGrants(db, { subject, includeRevoked: true })).map((g) => g.id)).toEqual(ids);
    expect((await listGrants(db, { subject, role: 'inspector' })).map((g) => g.id)).toEqual([]);
    expect((await listGrants(db, { subject, province: 'LS' })).map((g) => g.id)).toEqual([]);
    const page1 = await listGrants(db, { subject, includeRevoked: true, limit: 2 });
    const page2 = await listGrants(db, { subject, includeRevoked: true, limit: 2, after: page1.at(-1)?.id });
    expect([...page1, ...page2].map((g) => g.id)).toEqual(ids);
    await expect(listGrants(db, { limit: 501 })).rejects.toThrow('limit: must be an integer from 1 to 500');
    await expect(listGrants(db, { limit: 0 })).rejects.toThrow(RangeError);

    const changes = await listGrantChanges(db, { grantId: ids[2], province: 'CB' });
    expect(changes.map((c) => [c.change, c.reason, c.by.subject])).toEqual([
      ['granted', 'huyện 043', 'nong.thi.ha'],
      ['revoked', 'hết nhiệm kỳ', 'nong.thi.ha'],
    ]);
    expect(await listGrantChanges(db, { grantId: ids[2], province: 'LS' })).toEqual([]);
  });
});
