// The product list and a product's page over real HTTP: filters, sorting,
// keyset pages, what each principal may see, and a timeline that names who
// acted under which grant.
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import { getAs, useApi } from '../support/api';
import { eventually } from '../support/env';
import { DOSSIER, hatDe, inDays } from '../support/fixtures';

const api = useApi({ taskQueue: 'api-products' });
const YEAR = 2098;
const CYCLE = `CB-${YEAR}`;
const { hatDeTrungKhanh: HAT_DE, nongSanHoaAn: HOA_AN } = DEMO_SUBJECT_IDS;

interface Item {
  productId: string;
  name: string;
  unit: string | null;
  subjectId: string;
  group: string;
  stage: string;
  nextDeadline: string | null;
}

const get = <T = Record<string, unknown>>(login: string, path: string) => getAs<T>(api, login, path);

const list = (login: string, query: string) =>
  get<{ items: Item[]; nextCursor: string | null; total: number; errors?: unknown }>(
    login,
    `/v1/products?cycle=${CYCLE}&${query}`,
  );

describe('the product list and a product through the API', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    const rows = [
      ['Hạt dẻ rang Trùng Khánh', HAT_DE, '047', 'food', 20],
      ['Bánh hạt dẻ Trùng Khánh', HAT_DE, '047', 'food', 10],
      ['Rượu hạt dẻ 100% Trùng Khánh', HAT_DE, '047', 'beverage', 30],
      ['Gạo nếp Hòa An', HOA_AN, '051', 'food', 15],
      ['Miến dong Hòa An', HOA_AN, '051', 'food', 25],
      ['Trà giảo cổ lam Hòa An', HOA_AN, '051', 'beverage', 5],
      ['Mật ong bạc hà Bảo Lạc', 'htx-bao-lac-2098', '043', 'food', 40],
    ] as const;
    for (const [i, [name, subject, unit, group, days]] of rows.entries()) {
      const id = `${CYCLE}-${String(i + 1).padStart(4, '0')}`;
      ids.push(id);
      await api.client.startProductApplication(
        hatDe(id, {
          product: { name, group },
          subject: { id: subject, name: `Chủ thể ${subject}`, type: 'cooperative' },
          unit,
          deadlines: { dossier: inDays(days), evaluation: {} },
        }),
      );
    }
    await eventually(
      () => api.db.selectFrom('products').select('id').where('cycle_id', '=', CYCLE).execute(),
      (found) => found.length === rows.length,
      20_000,
    );
  });

  it('pages through the whole list by cursor, in the order of a single page', async () => {
    const whole = await list('nong.thi.ha', 'sort=name&limit=200');
    expect(whole.status).toBe(200);
    expect(whole.body.items).toHaveLength(7);
    expect(whole.body.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        'nong.thi.ha',
        `sort=name&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      // Every page counts the whole list.
      expect(page.body.total).toBe(7);
      seen.push(...page.body.items.map((i) => i.productId));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(whole.body.items.map((i) => i.productId));
  });

  it('sorts by deadline both ways, and pages a descending sort too', async () => {
    const ascending = await list('nong.thi.ha', 'sort=deadline&limit=200');
    const dueDates = ascending.body.items.map((i) => i.nextDeadline ?? '');
    expect(dueDates).toEqual([...dueDates].sort());
    expect(ascending.body.items[0]?.name).toBe('Trà giảo cổ lam Hòa An');
    const first = await list('nong.thi.ha', 'sort=-deadline&limit=4');
    const rest = await list('nong.thi.ha', `sort=-deadline&limit=4&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...rest.body.items].map((i) => i.productId)).toEqual(
      [...ascending.body.items].reverse().map((i) => i.productId),
    );
    // A cursor is only good for the sort that made it.
    const mixed = await list('nong.thi.ha', `sort=name&cursor=${first.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ field: 'cursor', rule: expect.any(String) }]);
  });

  it('filters by unit, subject, group, stage, deadline and a part of the name', async () => {
    const names = async (query: string) => {
      const { items, total } = (await list('nong.thi.ha', `${query}&limit=200`)).body;
      expect(total).toBe(items.length);
      return items.map((i) => i.name).sort();
    };
    expect(await names('unit=051')).toEqual(['Gạo nếp Hòa An', 'Miến dong Hòa An', 'Trà giảo cổ lam Hòa An']);
    expect(await names(`subject=${HOA_AN}&group=beverage`)).toEqual(['Trà giảo cổ lam Hòa An']);
    expect(await names(`deadlineBefore=${encodeURIComponent(inDays(12))}`)).toEqual([
      'Bánh hạt dẻ Trùng Khánh',
      'Trà giảo cổ lam Hòa An',
    ]);
    expect(await names('q=H%E1%BA%A0T%20D%E1%BA%BA')).toHaveLength(3); // "HẠT DẺ", whatever the case
    // % and _ are text, not wildcards.
    expect(await names('q=100%25')).toEqual(['Rượu hạt dẻ 100% Trùng Khánh']);
    expect(await names('q=_')).toEqual([]);
    expect(await names('stage=DOSSIER_REVIEW')).toEqual([]);
    const tooLong = await list('nong.thi.ha', `q=${'a'.repeat(101)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([{ field: 'q', rule: 'must be at most 100 characters' }]);
    const tooMany = await list('nong.thi.ha', 'limit=201');
    expect(tooMany.body.errors).toEqual([{ field: 'limit', rule: 'must be at most 200' }]);
  });

  it('shows a producer only its products and an officer only its district', async () => {
    const subjects = (await list('htx.hatde', 'limit=200')).body.items.map((i) => i.subjectId);
    expect(subjects).toEqual([HAT_DE, HAT_DE, HAT_DE]);
    const other = (await list('cty.nongsan.hoaan', 'limit=200')).body.items.map((i) => i.subjectId);
    expect(other).toEqual([HOA_AN, HOA_AN, HOA_AN]);
    const district = (await list('be.van.duc', 'limit=200')).body;
    expect(district.items.map((i) => i.unit)).toEqual(['047', '047', '047']);
    expect(district.total).toBe(3);
    // Asking for another's products gives none, not an error that tells they exist.
    expect((await list('htx.hatde', `subject=${HOA_AN}`)).body.items).toEqual([]);
  });

  it("shows a product's timeline with who acted and under which grant, to those who may see it", async () => {
    const id = ids[0] as string;
    const token = await api.tokenFor('htx.hatde');
    const submitted = await fetch(`${api.url}/v1/products/${id}/dossier`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ documents: DOSSIER }),
    });
    expect(submitted.status).toBe(200);
    await eventually(
      () => api.db.selectFrom('products').select('stage').where('id', '=', id).executeTakeFirst(),
      (row) => row?.stage === 'DOSSIER_REVIEW',
    );
    const page = await get<{
      product: Item;
      state: { stage: string; history: unknown[] };
      timeline: { action: string; actor: Record<string, unknown> }[];
      scores: unknown[];
      certificate: unknown;
      inspections: unknown[];
    }>('nong.thi.ha', `/v1/products/${id}`);
    expect(page.status).toBe(200);
    expect(page.body.product).toMatchObject({ productId: id, stage: 'DOSSIER_REVIEW', unit: '047' });
    expect(page.body.state.stage).toBe('DOSSIER_REVIEW');
    expect(page.body.timeline.map((t) => t.action)).toEqual(['register', 'submitDossier']);
    expect(page.body.timeline[1]?.actor).toMatchObject({
      id: HAT_DE,
      role: 'producer',
      name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh',
      principalId: expect.any(String),
      grantId: expect.any(String),
      grant: { role: 'subject', province: 'CB', unit: null, level: null },
    });
    expect(page.body).toMatchObject({ scores: [], certificate: null, inspections: [] });

    expect((await get('htx.hatde', `/v1/products/${id}`)).status).toBe(200);
    const refused = await get<{ missingGrant: string }>('cty.nongsan.hoaan', `/v1/products/${id}`);
    expect(refused.status).toBe(403);
    // Another producer is not told whose product it is.
    expect(refused.body.missingGrant).not.toContain(HAT_DE);
    const officer = await get<{ missingGrant: string }>('hoang.van.nam', `/v1/products/${id}`);
    expect(officer.status).toBe(403);
    // The province's own staff are told what would serve.
    expect(officer.body.missingGrant).toContain('unit 047');
  });

  it('serves an OpenAPI 3.1 document naming every route and its problems', async () => {
    const response = await fetch(`${api.url}/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/products',
        '/v1/products/{productId}',
        '/v1/products/{productId}/dossier',
        '/v1/cycles',
      ]),
    );
    expect(Object.keys(document.paths['/v1/products/{productId}/dossier']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', '503']),
    );
  });
});
