// One valid payload of every Update the engine takes, each field filled, for
// the property tests to spoil one field at a time.
import type { z } from 'zod';
import { ExtendCalendar, RegisterProduct, RegisterProducts } from '../../domain/cycle';
import { ACTION_SCHEMAS } from '../../domain/product';

const actor = { id: 'cb-trungkhanh-nn', role: 'officer', level: 'district', principalId: '12', grantId: '7' };
const at = '2026-06-01T08:00:00+07:00';
const decision = { number: '1234/QĐ-UBND', decidedOn: at, authority: 'UBND tỉnh Cao Bằng' };
const registration = {
  actor: { id: 'htx-trung-khanh', role: 'producer' },
  product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
  subject: { id: 'htx-trung-khanh', name: 'HTX Nông nghiệp Trùng Khánh', type: 'cooperative', email: 'htx@example.vn' },
  unit: '047',
  kind: 'new',
};

export interface UpdateCase {
  update: string;
  schema: z.ZodType;
  payload: unknown;
}

const A = ACTION_SCHEMAS;

export const UPDATE_CASES: UpdateCase[] = [
  { update: 'submitDossier', schema: A.submitDossier, payload: { actor, documents: ['don-dang-ky.pdf', 'phieu.pdf'] } },
  {
    update: 'reviewDossier',
    schema: A.reviewDossier,
    payload: { actor, decision: { outcome: 'request-supplement', missing: ['giấy chứng nhận'], dueAt: at } },
  },
  {
    update: 'reviewDossier',
    schema: A.reviewDossier,
    payload: { actor, decision: { outcome: 'reject', reason: 'Hồ sơ không đủ' } },
  },
  { update: 'submitSupplement', schema: A.submitSupplement, payload: { actor, documents: ['bo-sung.pdf'] } },
  {
    update: 'recordCouncilResult',
    schema: A.recordCouncilResult,
    payload: {
      actor: { ...actor, role: 'council_secretary' },
      level: 'district',
      meetingDate: at,
      sheets: [{ memberId: 'tv-1', parts: { A: 30, B: 20 }, criteria: { 'A1.1': 2 }, chair: true }],
      councilSize: 3,
      round: 1,
      subGroup: 'food.processed',
      mandatoryFailed: ['A1', { criterion: 'A2', forStars: 4 }],
      failedCriteria: ['c1'],
      bonus: 0.5,
    },
  },
  {
    update: 'recordInspection',
    schema: A.recordInspection,
    payload: {
      actor: { id: 'doan-hau-kiem-cb', role: 'inspector' },
      inspectedAt: at,
      result: { outcome: 'corrective-action', findings: 'Nhãn mác\nchưa đúng', dueAt: at },
    },
  },
  {
    update: 'recordInspection',
    schema: A.recordInspection,
    payload: { actor, inspectedAt: at, result: { outcome: 'revocation-proposed', ground: 'other', findings: 'Ngừng' } },
  },
  { update: 'withdraw', schema: A.withdraw, payload: { actor, reason: 'Chủ thể rút hồ sơ' } },
  { update: 'extendDeadline', schema: A.extendDeadline, payload: { actor, until: at, reason: 'Mưa lũ' } },
  {
    update: 'recordRecognitionDecision',
    schema: A.recordRecognitionDecision,
    payload: { actor, decision, certificateNumber: '05/2026/OCOP' },
  },
  {
    update: 'recordRevocationDecision',
    schema: A.recordRevocationDecision,
    payload: { actor, outcome: 'revoke', decision, ground: 'food-safety', note: 'Vi phạm' },
  },
  { update: 'registerProduct', schema: RegisterProduct, payload: registration },
  { update: 'registerProducts', schema: RegisterProducts, payload: { registrations: [registration, registration] } },
  {
    update: 'extendCalendar',
    schema: ExtendCalendar,
    payload: { actor: { id: 'vp-ocop-cb', role: 'coordinator' }, deadline: 'dossierDeadline', until: at, reason: 'Lũ' },
  },
];
