// The list's query as the API, the CLI and the web app read it: the filters by
// subject type, council level and kind of application take the domain's codes
// and nothing else, and the sort and page size keep their defaults.
import { ProductListQuery } from '../../domain/product-list';

describe('ProductListQuery', () => {
  it('takes a subject type, a level and a kind of application, each one of the domain’s codes', () => {
    expect(
      ProductListQuery.parse({ subjectType: 'cooperative_group', level: 'district', kind: 're-evaluation' }),
    ).toEqual({ subjectType: 'cooperative_group', level: 'district', kind: 're-evaluation', sort: 'name', limit: 50 });
    for (const subjectType of ['cooperative', 'cooperative_group', 'enterprise', 'household']) {
      expect(ProductListQuery.safeParse({ subjectType }).success).toBe(true);
    }
    for (const level of ['commune', 'district', 'province', 'central']) {
      expect(ProductListQuery.safeParse({ level }).success).toBe(true);
    }
    for (const kind of ['new', 're-evaluation', 'upgrade']) {
      expect(ProductListQuery.safeParse({ kind }).success).toBe(true);
    }
  });

  it('refuses other codes, naming each field, and any parameter it does not know', () => {
    const refused = ProductListQuery.safeParse({ subjectType: 'farm', level: 'village', kind: 'renewal' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['kind', 'level', 'subjectType']);
    // The representation is the route's to take, not the list's.
    expect(ProductListQuery.safeParse({ format: 'csv' }).success).toBe(false);
  });
});
