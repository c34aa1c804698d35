// Cao Bằng products and the people who act on them, for tests.
import type { ProductApplicationInput, RecordCouncilResult } from '../../domain/product';
import type { Actor } from '../../domain/schemas';

export const coordinator: Actor = { id: 'vp-ocop-cb', role: 'coordinator' };
export const producer: Actor = { id: 'htx-trung-khanh', role: 'producer' };
export const districtOfficer: Actor = { id: 'cb-trungkhanh-nn', role: 'officer', level: 'district' };
export const communeOfficer: Actor = { id: 'xa-dam-thuy', role: 'officer', level: 'commune' };
export const secretary = (level: Actor['level']): Actor => ({
  id: `thu-ky-${level}`,
  role: 'council_secretary',
  level,
});
export const inspector: Actor = { id: 'doan-hau-kiem-cb', role: 'inspector' };

const DAY = 24 * 60 * 60 * 1000;

export function inDays(days: number, from = Date.now()): string {
  return new Date(from + days * DAY).toISOString();
}

/** A product application of the cycle `cycleId`, with its dossier due in 30 days unless told otherwise. */
export function hatDe(
  productId: string,
  overrides: Partial<ProductApplicationInput> = {},
  now = Date.now(),
): ProductApplicationInput {
  const [province = 'CB', year = '2023'] = productId.split('-');
  return {
    productId,
    cycleId: `${province}-${year}`,
    province,
    year: Number(year),
    ruleSetId: 'OCOP_148_2023',
    product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
    subject: {
      id: producer.id,
      name: 'HTX Nông nghiệp Trùng Khánh',
      type: 'cooperative',
      email: 'htx.trungkhanh@example.vn',
    },
    registeredBy: coordinator,
    deadlines: { dossier: inDays(30, now), evaluation: {} },
    ...overrides,
  };
}

/** A council result whose every member scored the same parts; the total is their sum. */
export function councilResult(
  level: NonNullable<Actor['level']>,
  parts: { A: number; B: number; C: number },
  options: Partial<RecordCouncilResult> = {},
): RecordCouncilResult {
  return {
    actor: secretary(level),
    level,
    meetingDate: new Date(Date.now() - 60_000).toISOString(),
    sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId) => ({ memberId, parts })),
    ...options,
  };
}
