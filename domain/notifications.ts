// Who hears about a deadline, when, and in what words. The reminder policy is
// data that a rule set or a cycle overrides kind by kind; the templates turn a
// notification's facts into Vietnamese (the default) or English. Everything
// here is pure, so workflows may plan reminders with it.
import { z } from 'zod';
import { formatDateVN } from './dates';
import { type DurationParts, IsoDuration, parseDuration } from './duration';
import { findProvince } from './provinces';
import { DeadlineKind, Instant, LevelId, type Role, Stage } from './schemas';

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Who a notification is for. The subject's address comes from its registration, the others' from contacts. */
export const Audience = z.enum(['subject', 'officer', 'council_secretary', 'inspector', 'coordinator']);
export type Audience = z.infer<typeof Audience>;

/** Audiences that belong to one level; inspection teams and coordinators serve the whole province. */
export const LEVEL_BOUND: readonly Role[] = ['officer', 'council_secretary'];

/** The role an audience acts in: a subject acts as the producer. */
export function audienceRole(audience: Audience): Role {
  return audience === 'subject' ? 'producer' : audience;
}

export const NotificationTemplate = z.enum([
  'deadline-reminder',
  'deadline-escalation',
  'certificate-expiry',
  'inspection-due',
  'registration-closing',
  'lapsed-digest',
  'cycle-report',
]);
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

const audiences = z.array(Audience).min(1, 'must name at least one audience');

const KindPolicy = z.object({
  /** Reminders go out this long before the deadline; none is an allowed choice. */
  offsets: z.array(IsoDuration).max(5),
  recipients: audiences,
  /** Who is told when the deadline passes with nothing done. */
  escalateTo: audiences,
});
export type KindPolicy = z.infer<typeof KindPolicy>;
export type NotificationPolicy = Record<DeadlineKind, KindPolicy>;

/** The certifying body tells the subject at least this many days before a certificate expires. */
export const EXPIRY_NOTICE_DAYS = 30;

/** The shortest a duration can be, in days: a month may have 28. */
function shortestDays(iso: string): number {
  const p: DurationParts = parseDuration(iso);
  return p.years * 365 + p.months * 28 + p.weeks * 7 + p.days + (p.hours * 3600 + p.minutes * 60 + p.seconds) / 86_400;
}

export const NotificationPolicyOverrides = z
  .partialRecord(DeadlineKind, KindPolicy.partial())
  .superRefine((overrides, ctx) => {
    const expiry = overrides['certificate-expiry'];
    if (expiry?.offsets && !expiry.offsets.some((offset) => shortestDays(offset) >= EXPIRY_NOTICE_DAYS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificate-expiry', 'offsets'],
        message: `must include one of at least ${EXPIRY_NOTICE_DAYS} days (P${EXPIRY_NOTICE_DAYS}D): the subject is told at least ${EXPIRY_NOTICE_DAYS} days before the certificate expires`,
      });
    }
    if (expiry?.recipients && !expiry.recipients.includes('subject')) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificate-expiry', 'recipients'],
        message: 'must include subject: the certificate holder is told before its certificate expires',
      });
    }
  });
export type NotificationPolicyOverrides = z.input<typeof NotificationPolicyOverrides>;

const BEFORE_DUE = ['P7D', 'P1D'];

export const DEFAULT_POLICY: NotificationPolicy = {
  dossier: { offsets: BEFORE_DUE, recipients: ['subject'], escalateTo: ['officer', 'coordinator'] },
  'dossier-review': { offsets: BEFORE_DUE, recipients: ['officer'], escalateTo: ['coordinator'] },
  supplement: { offsets: BEFORE_DUE, recipients: ['subject'], escalateTo: ['officer', 'coordinator'] },
  evaluation: { offsets: BEFORE_DUE, recipients: ['council_secretary'], escalateTo: ['coordinator'] },
  // The post-inspection due notice: a month ahead for the team to plan, a week ahead for the subject to prepare.
  inspection: { offsets: ['P30D', 'P7D'], recipients: ['inspector', 'subject'], escalateTo: ['coordinator'] },
  'corrective-action': {
    offsets: BEFORE_DUE,
    recipients: ['subject', 'inspector'],
    escalateTo: ['inspector', 'coordinator'],
  },
  'certificate-expiry': { offsets: [`P${EXPIRY_NOTICE_DAYS}D`], recipients: ['subject'], escalateTo: ['coordinator'] },
};

/** The defaults with each layer's overrides laid over them in order, e.g. the rule set's, then the cycle's. */
export function resolvePolicy(...layers: (NotificationPolicyOverrides | undefined)[]): NotificationPolicy {
  const policy = { ...DEFAULT_POLICY };
  for (const layer of layers) {
    const overrides = NotificationPolicyOverrides.parse(layer ?? {});
    for (const kind of DeadlineKind.options) {
      const given = Object.entries(overrides[kind] ?? {}).filter(([, value]) => value !== undefined);
      policy[kind] = { ...policy[kind], ...Object.fromEntries(given) };
    }
  }
  return policy;
}

export function audienceFor(
  kind: DeadlineKind,
  event: 'reminder' | 'escalation',
  policy: NotificationPolicy = DEFAULT_POLICY,
): readonly Audience[] {
  return event === 'reminder' ? policy[kind].recipients : policy[kind].escalateTo;
}

/** Who a notification goes to when its sender names no one: the policy's audience for its deadline. */
export function defaultAudience(
  template: NotificationTemplate,
  kind: DeadlineKind | null,
  policy: NotificationPolicy = DEFAULT_POLICY,
): readonly Audience[] {
  if (kind === null || template === 'lapsed-digest' || template === 'cycle-report') return ['coordinator'];
  return audienceFor(kind, template === 'deadline-escalation' ? 'escalation' : 'reminder', policy);
}

/** The roles a contact may have: a subject's address comes from its registration. */
const ContactRole = z.enum(['officer', 'council_secretary', 'inspector', 'coordinator'], {
  error:
    "must be officer, council_secretary, inspector or coordinator (a subject's address comes from its registration)",
});

/** A person or office that receives notifications for a province, a role and a level ('' for any level). */
export const Contact = z.object({
  province: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => findProvince(code) !== undefined, {
      error: (issue) => `unknown province "${String(issue.input)}": must be a province code such as CB (Cao Bằng)`,
    }),
  role: ContactRole,
  level: z
    .union([LevelId, z.literal(''), z.literal('*')], {
      error: 'must be commune, district, province or central, or empty (or *) for any level',
    })
    .default('')
    .transform((level) => (level === '*' ? '' : level)),
  name: z.string().trim().min(1, 'must not be empty'),
  email: z.email('must be an email address such as thu.ky@example.vn'),
  webhookUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
});
export type Contact = z.output<typeof Contact>;

const LapsedItem = z.object({
  productId: z.string(),
  productName: z.string(),
  subjectName: z.string().optional(),
  deadlineKind: DeadlineKind,
  dueAt: Instant,
});

/** The facts a template may show; each template shows those it has. */
export const NotificationData = z.object({
  productId: z.string().nullish(),
  productName: z.string().optional(),
  subjectName: z.string().optional(),
  recipientName: z.string().optional(),
  stage: Stage.optional(),
  deadlineKind: DeadlineKind.nullish(),
  level: LevelId.nullish(),
  dueAt: Instant.optional(),
  /** How long before the deadline a reminder goes out, e.g. P7D. */
  offset: IsoDuration.optional(),
  certificateNo: z.string().optional(),
  /** Which yearly post-inspection is due. */
  round: z.number().int().positive().optional(),
  cycleId: z.string().optional(),
  /** When a cycle's registration closes, for the notice that it soon will. */
  registrationClosesAt: Instant.optional(),
  registered: z.number().int().optional(),
  targets: z.array(z.string()).optional(),
  lapsed: z.array(LapsedItem).optional(),
});
export type NotificationData = z.input<typeof NotificationData>;
type Facts = z.output<typeof NotificationData>;

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

interface Phrases {
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
  };
  stage: Record<Stage, string>;
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
  };
  escalationNext: string;
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
  },
  stage: {
    REGISTERED: 'Đã đăng ký, chờ nộp hồ sơ',
    DOSSIER_REVIEW: 'Thẩm định hồ sơ',
    AWAITING_SUPPLEMENT: 'Chờ bổ sung hồ sơ',
    EVALUATION: 'Đánh giá, phân hạng',
    CERTIFIED: 'Đã được công nhận',
    POST_INSPECTION: 'Hậu kiểm',
    NOT_RANKED: 'Không đạt hạng',
    REJECTED: 'Hồ sơ bị từ chối',
    WITHDRAWN: 'Đã rút hồ sơ',
    LAPSED: 'Chấm dứt do quá hạn',
    REVOKED: 'Bị thu hồi',
    EXPIRED: 'Hết hiệu lực',
    SUPERSEDED: 'Đã được thay thế',
  },
  level: { commune: 'Xã', district: 'Huyện', province: 'Tỉnh', central: 'Trung ương' },
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
  },
  escalationNext: 'Văn phòng Điều phối OCOP tỉnh xem xét gia hạn hoặc xử lý theo quy định.',
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
  },
  stage: {
    REGISTERED: 'Registered, dossier awaited',
    DOSSIER_REVIEW: 'Dossier review',
    AWAITING_SUPPLEMENT: 'Awaiting a dossier supplement',
    EVALUATION: 'Evaluation and ranking',
    CERTIFIED: 'Certified',
    POST_INSPECTION: 'Post-inspection',
    NOT_RANKED: 'Not ranked',
    REJECTED: 'Dossier rejected',
    WITHDRAWN: 'Withdrawn',
    LAPSED: 'Lapsed',
    REVOKED: 'Revoked',
    EXPIRED: 'Expired',
    SUPERSEDED: 'Superseded',
  },
  level: { commune: 'commune', district: 'district', province: 'province', central: 'central' },
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
  },
  escalationNext: 'The provincial OCOP coordination office extends the deadline or acts under the rules.',
  waitingFor: 'Still awaited',
  lapsedNext: 'Review each application; extend where there is good reason, or inform the subject.',
  reportNext: (cycleId) => `See the full report with: ocop report --cycle ${cycleId}`,
  footer: 'Sent automatically by the OCOP cycle engine; please do not reply.',
};

const PHRASES: Record<Locale, Phrases> = { vi: VI, en: EN };

/** P7D as "7 ngày" or "7 days". */
export function durationInWords(iso: string, locale: Locale): string {
  const parts = parseDuration(iso);
  const units = PHRASES[locale].units;
  return (Object.keys(units) as (keyof DurationParts)[])
    .filter((unit) => parts[unit] > 0)
    .map((unit) => `${parts[unit]} ${units[unit][parts[unit] === 1 ? 0 : 1]}`)
    .join(' ');
}

/** A message as paragraphs of lines: text joins them with blank lines, HTML with <p>. */
type Blocks = string[][];

function facts(f: Facts, p: Phrases, dueLabel: string): string[] {
  const date = f.dueAt ? formatDateVN(f.dueAt) : undefined;
  const product = f.productName && f.productId ? `${f.productName} (${f.productId})` : f.productName;
  const lines: [string, string | undefined][] = [
    [p.label.product, product],
    [p.label.subject, f.subjectName],
    [p.label.stage, f.stage && p.stage[f.stage]],
    [p.label.level, f.level ? p.level[f.level] : undefined],
    [p.label.certificate, f.certificateNo],
    [dueLabel, date],
  ];
  return lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`);
}

function compose(f: Facts, p: Phrases, subject: string, body: Blocks): { subject: string; blocks: Blocks } {
  return { subject, blocks: [[p.greeting(f.recipientName)], ...body.filter((b) => b.length), [p.footer]] };
}

function build(template: NotificationTemplate, f: Facts, locale: Locale): { subject: string; blocks: Blocks } {
  const p = PHRASES[locale];
  const product = f.productName ?? f.productId ?? '';
  const date = f.dueAt ? formatDateVN(f.dueAt) : '';
  const kind = f.deadlineKind ?? 'dossier';
  const task = p.task[kind];
  const next = (sentence: string) => [`${p.label.next}: ${sentence}`];
  switch (template) {
    case 'deadline-reminder': {
      const left = f.offset ? durationInWords(f.offset, locale) : undefined;
      return compose(f, p, p.subject.reminder(task, product, date), [
        [p.lead.reminder(task, left)],
        facts(f, p, p.label.deadline),
        next(p.next[kind]),
      ]);
    }
    case 'deadline-escalation':
      return compose(f, p, p.subject.escalation(task, product, date), [
        [p.lead.escalation(task, date)],
        facts(f, p, p.label.deadline),
        next(p.escalationNext),
        [`${p.waitingFor}: ${p.next[kind]}`],
      ]);
    case 'certificate-expiry': {
      const number = f.certificateNo ?? '';
      return compose(f, p, p.subject.certificateExpiry(number, product, date), [
        [p.lead.certificateExpiry(number, date)],
        facts(f, p, p.label.expires),
        next(p.next['certificate-expiry']),
      ]);
    }
    case 'inspection-due':
      return compose(f, p, p.subject.inspectionDue(product, date), [
        [p.lead.inspectionDue(date, f.round)],
        facts(f, p, p.label.deadline),
        next(p.next.inspection),
      ]);
    case 'registration-closing': {
      // Notices queued before registrationClosesAt existed carried the closing date as dueAt.
      const closes = f.registrationClosesAt ? formatDateVN(f.registrationClosesAt) : date;
      const dossierDue = f.registrationClosesAt ? date : undefined;
      return compose(f, p, p.subject.registrationClosing(product, closes), [
        [p.lead.registrationClosing(closes, dossierDue)],
        facts(f, p, p.label.deadline),
        next(p.next.dossier),
      ]);
    }
    case 'lapsed-digest': {
      const lapsed = f.lapsed ?? [];
      return compose(f, p, p.subject.lapsedDigest(lapsed.length, f.cycleId), [
        [
          p.lead.lapsedDigest(lapsed.length),
          ...lapsed.map((item) => p.lead.lapsedLine(item, p.task[item.deadlineKind], formatDateVN(item.dueAt))),
        ],
        next(p.lapsedNext),
      ]);
    }
    case 'cycle-report': {
      const cycleId = f.cycleId ?? '';
      return compose(f, p, p.subject.cycleReport(cycleId), [
        [p.lead.cycleReport(cycleId, f.registered ?? 0)],
        f.targets?.length ? [p.lead.targets, ...f.targets.map((t) => `- ${t}`)] : [],
        next(p.reportNext(cycleId)),
      ]);
    }
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** One notification in words: a subject line, a plain-text body and the same body as HTML. */
export function renderNotification(
  template: NotificationTemplate,
  locale: Locale,
  data: NotificationData,
): RenderedNotification {
  const { subject, blocks } = build(template, NotificationData.parse(data), locale);
  const paragraphs = blocks.map((lines) => `<p>${lines.map(escapeHtml).join('<br>\n')}</p>`).join('\n');
  return {
    subject,
    text: `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`,
    html: `<!DOCTYPE html>\n<html lang="${locale}">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${paragraphs}\n</body>\n</html>\n`,
  };
}
