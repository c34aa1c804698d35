// What a registration must say about the product it re-rates.
import { RegisterProduct } from '../../domain/cycle';
import type { ApplicationKind } from '../../domain/schemas';

const registration = (kind: ApplicationKind, previousProductId?: string) => ({
  actor: { id: 'vp-ocop-cb', role: 'coordinator' },
  product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
  subject: { id: 'htx-trung-khanh', name: 'HTX Trùng Khánh', type: 'cooperative' },
  kind,
  previousProductId,
});

const issues = (value: unknown) =>
  RegisterProduct.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('a registration and the product it re-rates', () => {
  it.each(['re-evaluation', 'upgrade'] as const)('%s: names the earlier product', (kind) => {
    expect(issues(registration(kind))).toEqual([
      `previousProductId: required for a ${kind}: the product whose certificate it replaces`,
    ]);
    expect(issues(registration(kind, 'CB-2020-0007'))).toEqual([]);
  });

  it('a new product names none', () => {
    expect(issues(registration('new'))).toEqual([]);
    expect(issues(registration('new', 'CB-2020-0007'))).toEqual([
      'previousProductId: only a re-evaluation or an upgrade names a previous product',
    ]);
  });
});
