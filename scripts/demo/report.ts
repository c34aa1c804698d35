// What the demo prints beside the cycle's report (which `ocop report` formats):
// every product's outcome, and the words for levels, stages and subjects that
// its progress lines use, in Vietnamese for the province's coordinators.
import type { ProductView } from '../../client/api-client';
import { table } from '../../client/cli/format';
import { formatDateTimeVN } from '../../domain/dates';
import type { ActionAnswer, ProductState } from '../../domain/product';
import type { LevelId, Stage, SubjectType } from '../../domain/schemas';
import type { DemoProduct } from './products';

export const LEVEL_VN: Record<LevelId, string> = {
  commune: 'xã',
  district: 'huyện',
  province: 'tỉnh',
  central: 'Trung ương',
};

const STAGE_VN: Record<Stage, string> = {
  REGISTERED: 'đã đăng ký, chưa nộp hồ sơ',
  DOSSIER_REVIEW: 'đang thẩm định hồ sơ',
  AWAITING_SUPPLEMENT: 'chờ bổ sung hồ sơ',
  EVALUATION: 'đang đánh giá, phân hạng',
  AWAITING_DECISION: 'chờ quyết định công nhận',
  CERTIFIED: 'đã công nhận',
  POST_INSPECTION: 'đã công nhận, trong hậu kiểm',
  REVOCATION_PROPOSED: 'đề nghị thu hồi',
  NOT_RANKED: 'không xếp hạng',
  REJECTED: 'hồ sơ bị từ chối',
  WITHDRAWN: 'rút hồ sơ',
  LAPSED: 'quá hạn, không gia hạn',
  REVOKED: 'bị thu hồi',
  EXPIRED: 'hết hiệu lực',
  SUPERSEDED: 'được thay bằng kết quả mới',
};

export const SUBJECT_VN: Record<SubjectType, string> = {
  cooperative: 'Hợp tác xã',
  enterprise: 'Doanh nghiệp',
  household: 'Hộ kinh doanh',
  cooperative_group: 'Tổ hợp tác',
};

/** 63.4 -> "63,4", as Vietnamese write decimals. */
export function vn(value: number): string {
  return value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}

/** One line per product, by id: where it stands, each council's total, its stars and certificate. */
export function formatOutcomes(rows: { product: DemoProduct; state: ProductState }[]): string {
  const byId = [...rows].sort((a, b) => a.state.productId.localeCompare(b.state.productId));
  return table([
    ['Mã', 'Sản phẩm', 'Chủ thể', 'Kết quả', 'Điểm', 'Sao', 'Giấy chứng nhận'],
    ...byId.map(({ product, state }) => [
      state.productId,
      product.name,
      product.subject.name,
      STAGE_VN[state.stage],
      state.scores.map((s) => (s.total === null ? '—' : vn(s.total))).join(' → ') || '—',
      state.stars ? `${state.stars}★` : '',
      state.certificate?.number ?? '',
    ]),
  ]);
}

/** A product's timeline from GET /v1/products/{id}: each step with who took it and the grant it used. */
export function formatTimeline(timeline: ProductView['timeline']): string {
  return table([
    ['#', 'Lúc', 'Việc', 'Giai đoạn', 'Người làm', 'Vai trò', 'Quyền (grant)'],
    ...timeline.map((step) => [
      step.seq,
      formatDateTimeVN(step.at),
      step.action,
      `${step.stageFrom ?? '—'} → ${step.stageTo}`,
      step.actor.name ?? '—',
      step.actor.role,
      step.actor.grantId ?? '',
    ]),
  ]);
}

/** What a council's result did to the product, in the words of a coordinator. */
export function councilOutcome(state: ActionAnswer): string {
  const last = state.score;
  const points = last?.total == null ? '' : `${vn(last.total)} điểm`;
  switch (state.stage) {
    case 'AWAITING_DECISION':
      return `${points} → hội đồng xếp ${state.pendingRecognition?.stars ?? '?'}★, chờ quyết định công nhận`;
    case 'CERTIFIED':
      return `${points} → công nhận ${state.stars}★, giấy chứng nhận số ${state.certificate?.number ?? '—'}`;
    case 'EVALUATION': {
      const meanwhile = state.pendingRecognition
        ? `; tiềm năng 5 sao, trong khi chờ được đề nghị công nhận ${state.pendingRecognition.stars}★`
        : state.certificate
          ? `; tiềm năng 5 sao, trong khi chờ đã được công nhận ${state.stars}★ (giấy chứng nhận số ${state.certificate.number})`
          : '';
      return `${points} → chuyển Hội đồng cấp ${LEVEL_VN[state.level ?? 'province']}${meanwhile}`;
    }
    case 'NOT_RANKED':
      return last?.mandatoryFailed.length
        ? `${points} nhưng không đạt tiêu chí bắt buộc (${last.mandatoryFailed.join(', ')}) → không xếp hạng`
        : `${points} → không xếp hạng (dưới 50 điểm)`;
    default:
      return `${points} → ${state.stage}`;
  }
}
