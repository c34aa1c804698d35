// Cao Bằng products and the people who act on them, for tests.
import type {
  ProductApplicationInput,
  RecordCouncilResult,
  RecordInspection,
  RecordRecognitionDecision,
} from '../../domain/product';
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
    unit: '047',
    registeredBy: coordinator,
    deadlines: { dossier: inDays(30, now), evaluation: {} },
    ...overrides,
  };
}

/**
 * A council of three, all present, the chair first, whose every member scored
 * the same parts; the total is their sum.
 */
export function councilResult(
  level: NonNullable<Actor['level']>,
  parts: { A: number; B: number; C: number },
  options: Partial<RecordCouncilResult> = {},
): RecordCouncilResult {
  return {
    actor: secretary(level),
    level,
    meetingDate: new Date(Date.now() - 60_000).toISOString(),
    councilSize: 3,
    sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId, index) => ({ memberId, parts, ...(index ? {} : { chair: true }) })),
    ...options,
  };
}

/** The province's recognition decision, dated `at` (workflow time: it may not be in the future). */
export function recognitionDecision(
  at: number,
  options: Partial<Omit<RecordRecognitionDecision, 'decision'>> & { number?: string; authority?: string } = {},
): RecordRecognitionDecision {
  const { number = '1234/QĐ-UBND', authority = 'UBND tỉnh Cao Bằng', ...rest } = options;
  return {
    actor: coordinator,
    decision: { number, decidedOn: new Date(at).toISOString(), authority },
    ...rest,
  };
}

export const provinceOfficer: Actor = { id: 'so-nn-cao-bang', role: 'officer', level: 'province' };
export const otherProducer: Actor = { id: 'hkd-ha-quang', role: 'producer' };

/** What a subject sends with its registration form under Decision 148. */
export const DOSSIER = ['Phiếu đăng ký', 'Báo cáo tự đánh giá', 'Công bố chất lượng', 'Nhãn và bao bì'];

/** Part scores whose sum is `total`, each within the 148 maxima (A 40, B 25, C 35). */
export function partsFor(total: number): { A: number; B: number; C: number } {
  const A = Math.min(40, Math.round(total * 0.4));
  const B = Math.min(25, Math.round(total * 0.25));
  return { A, B, C: total - A - B };
}

/** A post-inspection team's finding, dated `at` (workflow time: it may not be in the future). */
export function inspection(result: RecordInspection['result'], at: number): RecordInspection {
  return { actor: inspector, inspectedAt: new Date(at).toISOString(), result };
}
