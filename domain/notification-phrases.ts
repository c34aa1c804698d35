// The words of every notification, in Vietnamese (the default) and English: labels, the names of stages and
// levels, what falls due and who acts next, and each template's subject and opening line.
import type { z } from 'zod';
import type { DurationParts } from './duration';
import type { LapsedItem } from './notification-render';
import type { Locale } from './notifications';
import type { RevocationGround } from './recognition';
import type { DeadlineKind, LevelId, Stage } from './schemas';

export interface Phrases {
  greeting(name?: string): string;
  label: {
    product: string;
    subject: string;
    stage: string;
    level: string;
    certificate: string;
    deadline: string;
    expires: string;
    next: string;
    decision: string;
    ground: string;
    findings: string;
  };
  stage: Record<Stage, string>;
  /** The grounds of a revocation (căn cứ thu hồi), as the catalogue names them. */
  ground: Record<RevocationGround, string>;
  level: Record<LevelId, string>;
  /** What falls due, as a noun phrase: "nộp hồ sơ sản phẩm". */
  task: Record<DeadlineKind, string>;
  /** Who does what next, in a sentence. */
  next: Record<DeadlineKind, string>;
  units: Record<keyof DurationParts, [one: string, many: string]>;
  subject: {
    reminder(task: string, product: string, date: string): string;
    escalation(task: string, product: string, date: string): string;
    certificateExpiry(number: string, product: string, date: string): string;
    inspectionDue(product: string, date: string): string;
    registrationClosing(product: string, closes: string): string;
    lapsedDigest(count: number, cycleId?: string): string;
    cycleReport(cycleId: string): string;
    reevaluationReferral(product: string): string;
    certificateRevoked(number: string, product: string): string;
  };
  lead: {
    reminder(task: string, left?: string): string;
    escalation(task: string, date: string): string;
    certificateExpiry(number: string, date: string): string;
    inspectionDue(date: string, round?: number): string;
    registrationClosing(closes: string, dossierDue?: string): string;
    lapsedDigest(count: number): string;
    lapsedLine(item: z.output<typeof LapsedItem>, task: string, date: string): string;
    cycleReport(cycleId: string, registered: number): string;
    targets: string;
    reevaluationReferral(number: string): string;
    certificateRevoked(number: string, decision: string, date: string, authority: string): string;
  };
  escalationNext: string;
  referralNext: string;
  revokedNext: string;
  waitingFor: string;
  lapsedNext: string;
  reportNext(cycleId: string): string;
  footer: string;
}

const VI: Phrases = {
  greeting: (name) => `Kính gửi ${name ?? 'Quý cơ quan, đơn vị'},`,
  label: {
    product: 'Sản phẩm',
    subject: 'Chủ thể',
    stage: 'Giai đoạn',
    level: 'Cấp',
    certificate: 'Giấy chứng nhận',
    deadline: 'Hạn',
    expires: 'Ngày hết hiệu lực',
    next: 'Việc cần làm',
    decision: 'Quyết định',
    ground: 'Căn cứ thu hồi',
    findings: 'Kết luận hậu kiểm',
  },
  stage: {
    REGISTERED: 'Đã đăng ký, chờ nộp hồ sơ',
    DOSSIER_REVIEW: 'Thẩm định hồ sơ',
    AWAITING_SUPPLEMENT: 'Chờ bổ sung hồ sơ',
    EVALUATION: 'Đánh giá, phân hạng',
    AWAITING_DECISION: 'Chờ quyết định công nhận',
    CERTIFIED: 'Đã được công nhận',
    POST_INSPECTION: 'Hậu kiểm',
    REVOCATION_PROPOSED: 'Đề nghị thu hồi, chờ quyết định',
    NOT_RANKED: 'Không đạt hạng',
    REJECTED: 'Hồ sơ bị từ chối',
    WITHDRAWN: 'Đã rút hồ sơ',
    LAPSED: 'Chấm dứt do quá hạn',
    REVOKED: 'Bị thu hồi',
    EXPIRED: 'Hết hiệu lực',
    SUPERSEDED: 'Đã được thay thế',
  },
  level: { commune: 'Xã', district: 'Huyện', province: 'Tỉnh', central: 'Trung ương' },
  ground: {
    'no-reevaluation': 'không đánh giá lại trong thời hạn 36 tháng',
    'mandatory-criteria': 'không còn đáp ứng các tiêu chí bắt buộc',
    'quality-mismatch': 'sản phẩm không đúng chất lượng, nhãn, bao bì đã được công nhận',
    'food-safety': 'vi phạm quy định về an toàn thực phẩm',
    'production-suspended': 'ngừng sản xuất',
    other: 'lý do khác',
  },
  task: {
    dossier: 'nộp hồ sơ sản phẩm',
    'dossier-review': 'thẩm định hồ sơ',
    supplement: 'bổ sung hồ sơ',
    evaluation: 'đánh giá, phân hạng',
    inspection: 'hậu kiểm',
    'corrective-action': 'khắc phục sau hậu kiểm',
    'certificate-expiry': 'đánh giá lại trước khi giấy chứng nhận hết hiệu lực',
  },
  next: {
    dossier:
      'Chủ thể hoàn thiện và nộp hồ sơ sản phẩm (phiếu đăng ký, báo cáo tự đánh giá kèm minh chứng, mẫu sản phẩm) cho cơ quan tiếp nhận trước hạn.',
    'dossier-review':
      'Cán bộ tiếp nhận kiểm tra hồ sơ và ghi nhận kết quả thẩm định: chấp nhận, yêu cầu bổ sung hoặc từ chối.',
    supplement: 'Chủ thể nộp các tài liệu bổ sung mà cán bộ thẩm định đã yêu cầu trước hạn.',
    evaluation: 'Thư ký hội đồng tổ chức họp hội đồng đánh giá, phân hạng và ghi nhận kết quả chấm điểm trước hạn.',
    inspection:
      'Đoàn hậu kiểm kiểm tra sản phẩm tại cơ sở (sản xuất, chất lượng, truy xuất nguồn gốc, nhãn và bao bì, sử dụng nhãn OCOP) và ghi nhận kết quả; chủ thể chuẩn bị hồ sơ, sổ sách cho đoàn.',
    'corrective-action':
      'Chủ thể khắc phục các tồn tại theo kết luận hậu kiểm; đoàn hậu kiểm kiểm tra lại và ghi nhận kết quả trước hạn.',
    'certificate-expiry':
      'Chủ thể nộp hồ sơ đánh giá lại, kèm báo cáo tình hình từ khi được công nhận, trước ngày giấy chứng nhận hết hiệu lực; sau ngày này sản phẩm không được sử dụng nhãn OCOP.',
  },
  units: {
    years: ['năm', 'năm'],
    months: ['tháng', 'tháng'],
    weeks: ['tuần', 'tuần'],
    days: ['ngày', 'ngày'],
    hours: ['giờ', 'giờ'],
    minutes: ['phút', 'phút'],
    seconds: ['giây', 'giây'],
  },
  subject: {
    reminder: (task, product, date) => `[OCOP] Nhắc hạn ${task}: ${product} – hạn ${date}`,
    escalation: (task, product, date) => `[OCOP] Quá hạn ${task}: ${product} – hạn ${date}`,
    certificateExpiry: (number, product, date) =>
      `[OCOP] Giấy chứng nhận OCOP số ${number} hết hiệu lực ngày ${date}: ${product}`,
    inspectionDue: (product, date) => `[OCOP] Thông báo hậu kiểm định kỳ: ${product} – hạn ${date}`,
    registrationClosing: (product, closes) => `[OCOP] Sắp đóng đăng ký chu trình OCOP: ${product} – ngày ${closes}`,
    lapsedDigest: (count, cycleId) => `[OCOP] Tổng hợp hồ sơ quá hạn${cycleId ? ` ${cycleId}` : ''}: ${count} sản phẩm`,
    cycleReport: (cycleId) => `[OCOP] Báo cáo kết quả chu trình ${cycleId}`,
    reevaluationReferral: (product) => `[OCOP] Đề nghị đánh giá lại sản phẩm OCOP sau hậu kiểm: ${product}`,
    certificateRevoked: (number, product) => `[OCOP] Thông báo thu hồi giấy chứng nhận OCOP số ${number}: ${product}`,
  },
  lead: {
    reminder: (task, left) => (left ? `Còn ${left} nữa là đến hạn ${task}.` : `Sắp đến hạn ${task}.`),
    escalation: (task, date) => `Đã quá hạn ${task} (${date}) mà chưa có kết quả.`,
    certificateExpiry: (number, date) => `Giấy chứng nhận sản phẩm OCOP số ${number} sẽ hết hiệu lực ngày ${date}.`,
    inspectionDue: (date, round) =>
      `Sản phẩm đến kỳ hậu kiểm định kỳ${round ? ` lần ${round}` : ''}; hạn hoàn thành ngày ${date}.`,
    registrationClosing: (closes, dossierDue) =>
      `Chu trình OCOP đóng đăng ký ngày ${closes}. Sản phẩm đã đăng ký nhưng chưa nộp hồ sơ` +
      (dossierDue ? `; hạn nộp hồ sơ là ngày ${dossierDue}.` : '.'),
    lapsedDigest: (count) => `${count} sản phẩm đã quá hạn mà không có hành động và không được gia hạn:`,
    lapsedLine: (item, task, date) =>
      `- ${item.productId} · ${item.productName}${item.subjectName ? ` · ${item.subjectName}` : ''}: ${task}, hạn ${date}`,
    cycleReport: (cycleId, registered) => `Chu trình ${cycleId} đã kết thúc với ${registered} sản phẩm đăng ký.`,
    targets: 'Chỉ tiêu (thực hiện/kế hoạch):',
    reevaluationReferral: (number) =>
      `Qua hậu kiểm, đoàn hậu kiểm đề nghị đánh giá lại sản phẩm. Giấy chứng nhận số ${number} vẫn còn hiệu lực cho đến khi có kết quả đánh giá lại.`,
    certificateRevoked: (number, decision, date, authority) =>
      `Theo Quyết định số ${decision} ngày ${date} của ${authority}, giấy chứng nhận sản phẩm OCOP số ${number} bị thu hồi.`,
  },
  escalationNext: 'Văn phòng Điều phối OCOP tỉnh xem xét gia hạn hoặc xử lý theo quy định.',
  referralNext:
    'Chủ thể khắc phục các nội dung đoàn hậu kiểm đã nêu và nộp hồ sơ đánh giá lại theo hướng dẫn của Văn phòng Điều phối OCOP tỉnh.',
  revokedNext:
    'Kể từ ngày quyết định có hiệu lực, sản phẩm không được sử dụng nhãn, biểu trưng OCOP; chủ thể gỡ bỏ nhãn OCOP trên sản phẩm, bao bì và tài liệu quảng bá.',
  waitingFor: 'Việc còn chờ',
  lapsedNext: 'Xem xét từng hồ sơ; gia hạn nếu có lý do chính đáng, hoặc thông báo cho chủ thể.',
  reportNext: (cycleId) => `Xem báo cáo chi tiết bằng lệnh: ocop report --cycle ${cycleId}`,
  footer: 'Thư này được gửi tự động từ hệ thống điều hành chu trình OCOP; vui lòng không trả lời thư này.',
};

const EN: Phrases = {
  greeting: (name) => `Dear ${name ?? 'colleague'},`,
  label: {
    product: 'Product',
    subject: 'Subject',
    stage: 'Stage',
    level: 'Level',
    certificate: 'Certificate',
    deadline: 'Deadline',
    expires: 'Expires on',
    next: 'What to do next',
    decision: 'Decision',
    ground: 'Ground for revocation',
    findings: 'Post-inspection findings',
  },
  stage: {
    REGISTERED: 'Registered, dossier awaited',
    DOSSIER_REVIEW: 'Dossier review',
    AWAITING_SUPPLEMENT: 'Awaiting a dossier supplement',
    EVALUATION: 'Evaluation and ranking',
    AWAITING_DECISION: 'Awaiting the recognition decision',
    CERTIFIED: 'Certified',
    POST_INSPECTION: 'Post-inspection',
    REVOCATION_PROPOSED: 'Revocation proposed, decision awaited',
    NOT_RANKED: 'Not ranked',
    REJECTED: 'Dossier rejected',
    WITHDRAWN: 'Withdrawn',
    LAPSED: 'Lapsed',
    REVOKED: 'Revoked',
    EXPIRED: 'Expired',
    SUPERSEDED: 'Superseded',
  },
  level: { commune: 'commune', district: 'district', province: 'province', central: 'central' },
  ground: {
    'no-reevaluation': 'not re-evaluated within the 36 months',
    'mandatory-criteria': 'no longer meets the mandatory criteria',
    'quality-mismatch': 'the goods do not match the certified quality, label or packaging',
    'food-safety': 'food-safety violations',
    'production-suspended': 'production stopped',
    other: 'other ground',
  },
  task: {
    dossier: 'dossier submission',
    'dossier-review': 'dossier review',
    supplement: 'dossier supplement',
    evaluation: 'council evaluation',
    inspection: 'post-inspection',
    'corrective-action': 'corrective action after post-inspection',
    'certificate-expiry': 're-evaluation before the certificate expires',
  },
  next: {
    dossier:
      'The subject completes and submits the product dossier (registration form, self-assessment report with evidence, product samples) to the receiving office before the deadline.',
    'dossier-review':
      'The receiving officer checks the dossier and records the review: accept, request a supplement, or reject.',
    supplement: 'The subject submits the documents the reviewing officer asked for before the deadline.',
    evaluation: 'The council secretary convenes the evaluation council and records its scores before the deadline.',
    inspection:
      'The post-inspection team checks the product on site (production, quality, traceability, label and packaging, use of the OCOP mark) and records the result; the subject prepares its records for the team.',
    'corrective-action':
      'The subject corrects what the post-inspection found; the team re-checks and records the result before the deadline.',
    'certificate-expiry':
      'The subject applies for re-evaluation, with a report on the years since recognition, before the certificate expires; after that date the product may no longer use the OCOP mark.',
  },
  units: {
    years: ['year', 'years'],
    months: ['month', 'months'],
    weeks: ['week', 'weeks'],
    days: ['day', 'days'],
    hours: ['hour', 'hours'],
    minutes: ['minute', 'minutes'],
    seconds: ['second', 'seconds'],
  },
  subject: {
    reminder: (task, product, date) => `[OCOP] Reminder: ${task} for ${product} due ${date}`,
    escalation: (task, product, date) => `[OCOP] Overdue: ${task} for ${product} was due ${date}`,
    certificateExpiry: (number, product, date) => `[OCOP] OCOP certificate ${number} expires on ${date}: ${product}`,
    inspectionDue: (product, date) => `[OCOP] Post-inspection due: ${product} by ${date}`,
    registrationClosing: (product, closes) => `[OCOP] OCOP cycle registration closes ${closes}: ${product}`,
    lapsedDigest: (count, cycleId) => `[OCOP] Lapsed applications${cycleId ? ` in ${cycleId}` : ''}: ${count}`,
    cycleReport: (cycleId) => `[OCOP] Report of cycle ${cycleId}`,
    reevaluationReferral: (product) => `[OCOP] Referred to re-evaluation after post-inspection: ${product}`,
    certificateRevoked: (number, product) => `[OCOP] OCOP certificate ${number} revoked: ${product}`,
  },
  lead: {
    reminder: (task, left) => (left ? `The ${task} is due in ${left}.` : `The ${task} is due soon.`),
    escalation: (task, date) => `The ${task} was due on ${date} and nothing has been recorded.`,
    certificateExpiry: (number, date) => `OCOP certificate ${number} expires on ${date}.`,
    inspectionDue: (date, round) =>
      `The product is due for its${round ? ` round ${round}` : ''} periodic post-inspection by ${date}.`,
    registrationClosing: (closes, dossierDue) =>
      `Registration for the OCOP cycle closes on ${closes}. The product is registered but has no dossier yet` +
      (dossierDue ? `; dossiers are due on ${dossierDue}.` : '.'),
    lapsedDigest: (count) => `${count} applications passed a deadline with no action and no extension:`,
    lapsedLine: (item, task, date) =>
      `- ${item.productId} · ${item.productName}${item.subjectName ? ` · ${item.subjectName}` : ''}: ${task}, due ${date}`,
    cycleReport: (cycleId, registered) => `Cycle ${cycleId} has ended with ${registered} registered products.`,
    targets: 'Targets (actual/goal):',
    reevaluationReferral: (number) =>
      `The post-inspection team refers the product to re-evaluation. Certificate ${number} stays valid until the re-evaluation decides.`,
    certificateRevoked: (number, decision, date, authority) =>
      `By decision ${decision} of ${date}, ${authority} revokes OCOP certificate ${number}.`,
  },
  escalationNext: 'The provincial OCOP coordination office extends the deadline or acts under the rules.',
  referralNext:
    'The subject corrects what the post-inspection found and applies for re-evaluation as the provincial OCOP office directs.',
  revokedNext:
    'From the decision on, the product may not use the OCOP mark; the subject removes it from products, packaging and promotion.',
  waitingFor: 'Still awaited',
  lapsedNext: 'Review each application; extend where there is good reason, or inform the subject.',
  reportNext: (cycleId) => `See the full report with: ocop report --cycle ${cycleId}`,
  footer: 'Sent automatically by the OCOP cycle engine; please do not reply.',
};

export const PHRASES: Record<Locale, Phrases> = { vi: VI, en: EN };
