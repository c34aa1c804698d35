// The product list by subject type, council level and kind of application,
// the count of what a filter matches, and the whole filtered list as CSV, as
// far as the caller may see it. In a database of its own, so that the types
// of the subjects are the ones registered here and a province's worth of rows
// written for the CSV's bound shows in no other test's lists.
import { parse } from 'csv-parse/sync';
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import { formatDateTimeVN } from '../../domain/dates';
import { productId, productWorkflowId } from '../../domain/ids';
import { PRODUCT_CSV_MAX_ROWS } from '../../domain/product-list';
import type { ApplicationKind, SubjectType } from '../../domain/schemas';
import { getAs, useApi } from '../support/api';
import { eventually } from '../support/env';
import { coordinator, DOSSIER, districtOfficer, hatDe, inDays } from '../support/fixtures';

const api = useApi({ taskQueue: 'api-products-csv', isolated: true });
const CYCLE = 'CB-2092';
/** Past cycles whose products, written straight into the read model, are more than one CSV holds. */
const PAST_YEARS = [2086, 2087, 2088];
const HAT_DE = DEMO_SUBJECT_IDS.hatDeTrungKhanh;

interface Item {
  productId: string;
  name: string;
  unit: string | null;
  subjectId: string;
  nextDeadline: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
  errors?: { field: string; rule: string }[];
}

const list = (login: string, query: string) => getAs<Page>(api, login, `/v1/products?cycle=${CYCLE}&${query}`);

async function csv(login: string, query: string, accept = 'text/csv') {
  const response = await fetch(`${api.url}/v1/products?${query}`, {
    headers: { authorization: `Bearer ${await api.tokenFor(login)}`, accept },
  });
  // As bytes: response.text() would drop the byte order mark the test looks for.
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    type,
    disposition: response.headers.get('content-disposition'),
    text,
    rows: type.startsWith('text/csv') ? (parse(text, { bom: true, columns: true }) as Record<string, string>[]) : [],
  };
}

describe('the product list by subject type, level and kind, its total, and its CSV', () => {
  const ROWS: [string, string, SubjectType, string, ApplicationKind][] = [
    ['Hạt dẻ sấy Trùng Khánh', HAT_DE, 'cooperative', '047', 'new'],
    ['Trà đắng Trùng Khánh', 'tht-tra-dang-2092', 'cooperative_group', '047', 'new'],
    ['Miến dong Hòa An', 'cty-mien-dong-2092', 'enterprise', '051', 'new'],
    ['Bánh cuốn Hòa An', 'hkd-banh-cuon-2092', 'household', '051', 'upgrade'],
    ['Mật ong Hòa An', 'hkd-mat-ong-2092', 'household', '051', 're-evaluation'],
  ];
  const id = (i: number) => productId(CYCLE, i + 1);

  beforeAll(async () => {
    for (const [i, [name, subject, type, unit, kind]] of ROWS.entries()) {
      await api.client.startProductApplication(
        hatDe(id(i), {
          product: { name, group: 'food' },
          subject: { id: subject, name: `Chủ thể ${subject}`, type },
          unit,
          kind,
          ...(kind === 'new' ? {} : { previousProductId: productId('CB-2090', i) }),
          deadlines: { dossier: inDays(10 + i), evaluation: {} },
        }),
      );
    }
    // The tea goes on to the district council, the only product at a level.
    await api.client.act(id(1), 'submitDossier', { actor: coordinator, documents: DOSSIER });
    await api.client.act(id(1), 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } });
    await eventually(
      () => api.db.selectFrom('products').select(['id', 'level']).where('cycle_id', '=', CYCLE).execute(),
      (found) => found.length === ROWS.length && found.some((p) => p.level === 'district'),
      20_000,
    );
  });

  it('filters by subject type, level and kind of application, and counts what the filter matches', async () => {
    const names = async (query: string) => {
      const page = await list('nong.thi.ha', `${query}&limit=200`);
      expect(page.body.total).toBe(page.body.items.length);
      return page.body.items.map((i) => i.name).sort();
    };
    expect(await names('subjectType=household')).toEqual(['Bánh cuốn Hòa An', 'Mật ong Hòa An']);
    expect(await names('subjectType=cooperative')).toEqual(['Hạt dẻ sấy Trùng Khánh']);
    expect(await names('level=district')).toEqual(['Trà đắng Trùng Khánh']);
    expect(await names('level=province')).toEqual([]);
    expect(await names('kind=re-evaluation')).toEqual(['Mật ong Hòa An']);
    expect(await names('kind=new&subjectType=enterprise')).toEqual(['Miến dong Hòa An']);
    expect(await names('subjectType=household&unit=047')).toEqual([]);

    // The total is the whole list's, whichever page is shown.
    const first = await list('nong.thi.ha', 'sort=name&limit=2');
    expect(first.body).toMatchObject({ total: 5, nextCursor: expect.any(String) });
    expect(first.body.items).toHaveLength(2);
    const second = await list('nong.thi.ha', `sort=name&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.total).toBe(5);
    // It counts only what the caller may see.
    expect((await list('be.van.duc', 'limit=1')).body.total).toBe(2);
    expect((await list('htx.hatde', 'subjectType=household')).body).toMatchObject({ items: [], total: 0 });

    const unknown = await list('nong.thi.ha', 'subjectType=farm&kind=renewal&level=village');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.field).sort()).toEqual(['kind', 'level', 'subjectType']);
  });

  it('answers CSV with every product of the filter in the sort asked, whatever the page size', async () => {
    const json = await list('nong.thi.ha', 'sort=-deadline&limit=200');
    const file = await csv('nong.thi.ha', `cycle=${CYCLE}&sort=-deadline&limit=1`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(`attachment; filename="ocop-products-${CYCLE}.csv"`);
    // A byte order mark, so that a spreadsheet reads the Vietnamese names as UTF-8.
    expect(file.text.startsWith('\uFEFFproduct_id,product_name,cycle_id,product_group,subject_id,unit,kind,')).toBe(
      true,
    );
    expect(file.rows.map((r) => r.product_id)).toEqual(json.body.items.map((i) => i.productId));
    const tea = file.rows.find((r) => r.product_id === id(1));
    const teaItem = json.body.items.find((i) => i.productId === id(1));
    expect(tea).toMatchObject({
      product_name: 'Trà đắng Trùng Khánh',
      cycle_id: CYCLE,
      subject_id: 'tht-tra-dang-2092',
      unit: '047',
      kind: 'new',
      stage: 'EVALUATION',
      level: 'district',
      stars: '',
      next_deadline: formatDateTimeVN(teaItem?.nextDeadline ?? ''),
    });
    expect(tea?.next_deadline).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);

    // ?format=csv says the same as the Accept header, and ?format=json wins over it.
    const byFormat = await csv('nong.thi.ha', `cycle=${CYCLE}&sort=-deadline&format=csv`, 'application/json');
    expect(byFormat.text).toBe(file.text);
    const asJson = await csv('nong.thi.ha', `cycle=${CYCLE}&format=json`);
    expect(asJson.type).toMatch(/^application\/json/);
    const filtered = await csv('nong.thi.ha', `cycle=${CYCLE}&subjectType=household`);
    expect(filtered.rows.map((r) => r.product_name).sort()).toEqual(['Bánh cuốn Hòa An', 'Mật ong Hòa An']);
  });

  it("holds in a CSV only what the caller may see: a district officer's district, a producer's own", async () => {
    const trungKhanh = await csv('be.van.duc', `cycle=${CYCLE}`);
    expect(trungKhanh.rows.map((r) => r.unit)).toEqual(['047', '047']);
    const hoaAn = await csv('hoang.van.nam', `cycle=${CYCLE}`);
    expect(hoaAn.rows.map((r) => r.unit)).toEqual(['051', '051', '051']);
    const own = await csv('htx.hatde', '');
    expect(own.disposition).toBe('attachment; filename="ocop-products-all.csv"');
    expect(own.rows.map((r) => r.subject_id)).toEqual([HAT_DE]);
    // Nobody learns of others' products by asking for them.
    expect((await csv('htx.hatde', `cycle=${CYCLE}&unit=051`)).rows).toEqual([]);
  });

  it(`refuses a CSV of more than ${PRODUCT_CSV_MAX_ROWS} products, and writes one of that many`, async () => {
    // Withdrawn products of three past cycles, one of them in Trùng Khánh and the rest in Hòa An.
    const rows = Array.from({ length: PRODUCT_CSV_MAX_ROWS + 1 }, (_, i) => {
      const year = PAST_YEARS[i % PAST_YEARS.length] ?? 0;
      const pastId = productId(`CB-${year}`, Math.floor(i / PAST_YEARS.length) + 1);
      return {
        id: pastId,
        workflow_id: productWorkflowId(pastId),
        cycle_id: `CB-${year}`,
        province: 'CB',
        year,
        name: `Sản phẩm ${i}`,
        product_group: 'food',
        subject_id: `chu-the-${i}`,
        kind: 'new',
        rule_set: 'OCOP_148_2023',
        stage: 'WITHDRAWN',
        unit: i === 0 ? '047' : '051',
        last_seq: 1,
        updated_at: new Date(),
      };
    });
    for (let start = 0; start < rows.length; start += 2000) {
      await api.db
        .insertInto('products')
        .values(rows.slice(start, start + 2000))
        .execute();
    }
    const page = await getAs<Page>(api, 'nong.thi.ha', '/v1/products?stage=WITHDRAWN&limit=1');
    expect(page.body.total).toBe(PRODUCT_CSV_MAX_ROWS + 1);
    const tooMany = await csv('nong.thi.ha', 'stage=WITHDRAWN');
    expect(tooMany.status).toBe(400);
    expect(tooMany.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(tooMany.text)).toMatchObject({ detail: expect.stringContaining('narrow it') });
    // The Hòa An officer sees one fewer: exactly as many as a CSV holds.
    const atTheBound = await csv('hoang.van.nam', 'stage=WITHDRAWN');
    expect(atTheBound.status).toBe(200);
    expect(atTheBound.rows).toHaveLength(PRODUCT_CSV_MAX_ROWS);
  });
});
