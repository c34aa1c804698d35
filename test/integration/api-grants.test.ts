// Grants through the API, over real HTTP with tokens from the real provider: a
// province admin gives a grant and its holder can act at once; revoked, it is
// refused again; a coordinator, another province's admin and an admin about its
// own grants are refused, naming what is missing; every change is audited with
// who made it and under which grant.
import { useApi } from '../support/api';

const api = useApi({ taskQueue: 'api-grants' });

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

async function call(login: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await api.tokenFor(login)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const ADMIN = 'nong.thi.ha';
const OFFICER = 'be.van.duc';
/** A cycle nobody started: past the grant check, the report answers 404 instead of 403. */
const REPORT = '/v1/cycles/CB-2099/report';

describe('grants through the API', () => {
  it('records each accepted change in api_actions with who made it and under which grant, and a refused one not', async () => {
    const me = await call(ADMIN, 'GET', '/v1/me');
    const principalId = (me.body.principal as { id: string }).id;
    const adminGrant = (me.body.grants as { id: string; role: string }[]).find((g) => g.role === 'province_admin');
    const actionsOf = (id: string) =>
      api.db
        .selectFrom('api_actions')
        .select(['principal_id', 'grant_id', 'operation', 'method', 'route', 'status'])
        .where('principal_id', '=', id)
        .orderBy('id')
        .execute();
    const before = await actionsOf(principalId);

    const given = await call(ADMIN, 'POST', '/v1/grants', {
      subject: 'ma.thi.lan',
      role: 'inspector',
      scope: { province: 'CB' },
      reason: 'Hỗ trợ đoàn hậu kiểm',
    });
    expect(given.status).toBe(201);
    const refused = await call(ADMIN, 'POST', '/v1/grants', {
      subject: 'ma.thi.lan',
      role: 'inspector',
      scope: { province: 'BK' },
      reason: 'tỉnh khác',
    });
    expect(refused.status).toBe(403);
    const revoked = await call(ADMIN, 'DELETE', `/v1/grants/${String(given.body.id)}`, { reason: 'Xong đợt' });
    expect(revoked.status).toBe(200);

    expect((await actionsOf(principalId)).slice(before.length)).toEqual([
      {
        principal_id: principalId,
        grant_id: adminGrant?.id,
        operation: 'manageGrants',
        method: 'POST',
        route: '/v1/grants',
        status: 201,
      },
      {
        principal_id: principalId,
        grant_id: adminGrant?.id,
        operation: 'manageGrants',
        method: 'DELETE',
        route: '/v1/grants/:id',
        status: 200,
      },
    ]);
  });

  it('gives a grant its holder can use at once, revokes it, and audits both with who and under which grant', async () => {
    expect((await call(OFFICER, 'GET', REPORT)).status).toBe(403);

    const given = await call(ADMIN, 'POST', '/v1/grants', {
      subject: OFFICER,
      role: 'coordinator',
      scope: { province: 'CB' },
      reason: 'Thay chị Hà trong kỳ nghỉ phép',
    });
    expect(given.status).toBe(201);
    const me = await call(ADMIN, 'GET', '/v1/me');
    const issuer = (me.body.principal as { issuer: string }).issuer;
    expect(given.body).toMatchObject({ issuer, subject: OFFICER, role: 'coordinator', scope: { province: 'CB' } });
    const grantId = String(given.body.id);

    expect((await call(OFFICER, 'GET', REPORT)).status).toBe(404);
    const listed = await call(ADMIN, 'GET', `/v1/grants?subject=${OFFICER}`);
    expect((listed.body.items as { id: string }[]).map((g) => g.id)).toContain(grantId);

    // A coordinator is not a province admin: it grants nothing, and is told what it lacks.
    const byCoordinator = await call(OFFICER, 'POST', '/v1/grants', {
      subject: 'hoang.van.nam',
      role: 'inspector',
      scope: { province: 'CB' },
      reason: 'thử',
    });
    expect(byCoordinator.status).toBe(403);
    expect(byCoordinator.type).toMatch(/^application\/problem\+json/);
    expect(byCoordinator.body.missingGrant).toBe('a province_admin grant for CB');

    const revoked = await call(ADMIN, 'DELETE', `/v1/grants/${grantId}`, { reason: 'Chị Hà đã đi làm lại' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await call(OFFICER, 'GET', REPORT);
    expect(refused.status).toBe(403);
    expect(refused.body.missingGrant).toMatch(/coordinator grant for CB/);

    const again = await call(ADMIN, 'DELETE', `/v1/grants/${grantId}`, { reason: 'lần nữa' });
    expect(again.status).toBe(409);

    const adminGrant = (me.body.grants as { id: string; role: string }[]).find((g) => g.role === 'province_admin');
    const changes = await call(ADMIN, 'GET', `/v1/grant-changes?grantId=${grantId}`);
    expect(changes.status).toBe(200);
    expect(
      (changes.body.items as Record<string, unknown>[]).map(({ change, by, reason }) => ({ change, by, reason })),
    ).toEqual([
      {
        change: 'granted',
        by: { issuer, subject: ADMIN, grantId: adminGrant?.id },
        reason: 'Thay chị Hà trong kỳ nghỉ phép',
      },
      { change: 'revoked', by: { issuer, subject: ADMIN, grantId: adminGrant?.id }, reason: 'Chị Hà đã đi làm lại' },
    ]);
  });

  it('grant changes audited: each add and revoke names, in the API and in grant_changes, who made it and the grant used', async () => {
    const SECOND_ADMIN = 'dam.quang.vinh';
    const GRANTEE = 'ma.thi.lan';
    const me = await call(ADMIN, 'GET', '/v1/me');
    const issuer = (me.body.principal as { issuer: string }).issuer;
    const adminGrant = (me.body.grants as { id: string; role: string }[]).find((g) => g.role === 'province_admin');
    expect(adminGrant).toBeDefined();

    const deputy = await call(ADMIN, 'POST', '/v1/grants', {
      subject: SECOND_ADMIN,
      role: 'province_admin',
      scope: { province: 'CB' },
      reason: 'Anh Vinh quản trị thay trong đợt đánh giá',
    });
    expect(deputy.status).toBe(201);
    const deputyGrant = String(deputy.body.id);
    // The deputy acts under its new grant, so its changes must name it and that grant, not the first admin.
    const given = await call(SECOND_ADMIN, 'POST', '/v1/grants', {
      subject: GRANTEE,
      role: 'inspector',
      scope: { province: 'CB' },
      reason: 'Hậu kiểm sản phẩm năm nay',
    });
    expect(given.status).toBe(201);
    const inspectorGrant = String(given.body.id);
    expect(
      (await call(SECOND_ADMIN, 'DELETE', `/v1/grants/${inspectorGrant}`, { reason: 'Đã xong đợt hậu kiểm' })).status,
    ).toBe(200);
    expect((await call(ADMIN, 'DELETE', `/v1/grants/${deputyGrant}`, { reason: 'Hết đợt đánh giá' })).status).toBe(200);
    // Revoked, the deputy's grant no longer lets it change grants, and that refusal is no change.
    const late = await call(SECOND_ADMIN, 'POST', '/v1/grants', {
      subject: GRANTEE,
      role: 'inspector',
      scope: { province: 'CB' },
      reason: 'muộn',
    });
    expect(late.status).toBe(403);

    const byAdmin = { issuer, subject: ADMIN, grantId: adminGrant?.id };
    const byDeputy = { issuer, subject: SECOND_ADMIN, grantId: deputyGrant };
    const expected = [
      { grantId: deputyGrant, change: 'granted', by: byAdmin, reason: 'Anh Vinh quản trị thay trong đợt đánh giá' },
      { grantId: inspectorGrant, change: 'granted', by: byDeputy, reason: 'Hậu kiểm sản phẩm năm nay' },
      { grantId: inspectorGrant, change: 'revoked', by: byDeputy, reason: 'Đã xong đợt hậu kiểm' },
      { grantId: deputyGrant, change: 'revoked', by: byAdmin, reason: 'Hết đợt đánh giá' },
    ];

    const listed: Record<string, unknown>[] = [];
    for (const grantId of [deputyGrant, inspectorGrant]) {
      const answer = await call(ADMIN, 'GET', `/v1/grant-changes?grantId=${grantId}`);
      expect(answer.status).toBe(200);
      listed.push(...(answer.body.items as Record<string, unknown>[]));
    }
    listed.sort((a, b) => Number(a.id) - Number(b.id));
    expect(listed.map(({ grantId, change, by, reason }) => ({ grantId, change, by, reason }))).toEqual(expected);
    expect(listed[1]?.details).toMatchObject({ subject: GRANTEE, role: 'inspector', scope: { province: 'CB' } });

    const rows = await api.db
      .selectFrom('grant_changes as c')
      .leftJoin('principals as p', (join) =>
        join.onRef('p.issuer', '=', 'c.by_issuer').onRef('p.subject', '=', 'c.by_subject'),
      )
      .select(['c.id', 'c.grant_id', 'c.change', 'c.by_issuer', 'c.by_subject', 'c.by_grant_id', 'c.reason'])
      .select('p.display_name')
      .where('c.grant_id', 'in', [deputyGrant, inspectorGrant])
      .orderBy('c.id')
      .execute();
    expect(
      rows.map((r) => ({
        grantId: String(r.grant_id),
        change: r.change,
        by: {
          issuer: r.by_issuer,
          subject: r.by_subject,
          grantId: r.by_grant_id === null ? null : String(r.by_grant_id),
        },
        reason: r.reason,
      })),
    ).toEqual(expected);
    expect(rows.map((r) => String(r.id))).toEqual(listed.map((c) => c.id));
    // The principals who made the changes are the ones who signed in, with the names their tokens carry.
    expect(rows.map((r) => r.display_name)).toEqual(['Nông Thị Hà', 'Đàm Quang Vinh', 'Đàm Quang Vinh', 'Nông Thị Hà']);
  });

  it("refuses another province's grants, an admin's own grants, and a scope that breaks its role's rule", async () => {
    const elsewhere = await call(ADMIN, 'POST', '/v1/grants', {
      subject: OFFICER,
      role: 'coordinator',
      scope: { province: 'BK' },
      reason: 'không được',
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.missingGrant).toBe('a province_admin grant for BK');
    expect((await call(ADMIN, 'GET', '/v1/grants?province=BK')).status).toBe(403);
    expect((await call(ADMIN, 'GET', '/v1/grant-changes?province=BK')).status).toBe(403);

    const own = await call(ADMIN, 'POST', '/v1/grants', {
      subject: ADMIN,
      role: 'inspector',
      scope: { province: 'CB' },
      reason: 'tự cấp',
    });
    expect(own.status).toBe(403);
    expect(String(own.body.detail)).toMatch(/own grants/);

    const noUnit = await call(ADMIN, 'POST', '/v1/grants', {
      subject: 'hoang.van.nam',
      role: 'dossier_officer',
      scope: { province: 'CB', level: 'district' },
      reason: 'thiếu huyện',
    });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/scope\.unit$/) })]),
    );

    // None of the refusals above left a change behind: no change by the admin names the admin.
    const changes = await call(ADMIN, 'GET', '/v1/grant-changes?limit=500');
    expect(
      (changes.body.items as { by: { subject: string }; details: { subject?: string } }[]).filter(
        (c) => c.by.subject === ADMIN && c.details.subject === ADMIN,
      ),
    ).toEqual([]);

    const unknown = await call(ADMIN, 'DELETE', '/v1/grants/999999999', { reason: 'không có' });
    expect(unknown.status).toBe(404);
    expect((await call(OFFICER, 'DELETE', '/v1/grants/999999999', { reason: 'không có' })).status).toBe(403);
  });
});
