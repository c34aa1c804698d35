// Ids of cycles and products, with more than one round (đợt) a year: the ids
// that existed before rounds keep working everywhere.
import {
  CycleId,
  cycleId,
  cycleIdOf,
  cycleOfProduct,
  ProductId,
  productId,
  provinceOfId,
  roundOf,
  serialOfProduct,
} from '../../domain/ids';

describe('ids of rounds', () => {
  it('gives the first round the id a year always had, and a later one its number', () => {
    expect(cycleId('CB', 2026)).toBe('CB-2026');
    expect(cycleId('CB', 2026, 1)).toBe('CB-2026');
    expect(cycleId('CB', 2026, 2)).toBe('CB-2026-D2');
    expect(cycleIdOf({ province: 'HG', year: 2027, round: 3 })).toBe('HG-2027-D3');
    expect(productId('CB-2026-D2', 1)).toBe('CB-2026-D2-0001');
  });

  it.each([
    ['CB-2026-0007', 'CB-2026', 'CB', 1, 7],
    ['CB-2026-D2-0001', 'CB-2026-D2', 'CB', 2, 1],
    ['HCM-2027-D9-1234', 'HCM-2027-D9', 'HCM', 9, 1234],
  ])('%s belongs to cycle %s of %s, round %i, serial %i', (product, cycle, province, round, serial) => {
    expect(ProductId.safeParse(product).success).toBe(true);
    expect(cycleOfProduct(product)).toBe(cycle);
    expect(serialOfProduct(product)).toBe(serial);
    expect(CycleId.safeParse(cycle).success).toBe(true);
    expect(provinceOfId(product)).toBe(province);
    expect(provinceOfId(cycle)).toBe(province);
    expect(roundOf(cycle)).toBe(round);
  });

  it.each(['CB-2026-D1', 'CB-2026-D10', 'CB-2026-2', 'CB-2026-D2-', 'cb-2026'])('refuses %s as a cycle id', (id) => {
    expect(CycleId.safeParse(id).success).toBe(false);
  });

  it.each(['CB-2026-D1-0001', 'CB-2026-D2-001', 'CB-2026-D2'])('refuses %s as a product id', (id) => {
    expect(ProductId.safeParse(id).success).toBe(false);
  });
});
