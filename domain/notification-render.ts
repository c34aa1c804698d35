// A notification's facts in words: a subject line, a plain-text body and the same body as HTML, in the
// recipient's language (the phrases are in notification-phrases.ts).
import { z } from 'zod';
import { formatDateVN } from './dates';
import { type DurationParts, IsoDuration, parseDuration } from './duration';
import { PHRASES, type Phrases } from './notification-phrases';
import type { Locale, NotificationTemplate } from './notifications';
import { RevocationGround } from './recognition';
import { DeadlineKind, Instant, LevelId, Stage } from './schemas';

export const LapsedItem = z.object({
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
  /** What a post-inspection found, for a referral to re-evaluation or a revocation. */
  findings: z.string().optional(),
  /** The issuing authority's decision, for a revocation. */
  decisionNo: z.string().optional(),
  decidedOn: Instant.optional(),
  authority: z.string().optional(),
  ground: RevocationGround.optional(),
  note: z.string().optional(),
});
export type NotificationData = z.input<typeof NotificationData>;
type Facts = z.output<typeof NotificationData>;

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

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
    case 'reevaluation-referral':
      return compose(f, p, p.subject.reevaluationReferral(product), [
        [p.lead.reevaluationReferral(f.certificateNo ?? '')],
        facts(f, p, p.label.deadline),
        f.findings ? [`${p.label.findings}: ${f.findings}`] : [],
        next(p.referralNext),
      ]);
    case 'certificate-revoked':
      return revoked(f, p, product);
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

/** The announcement of a revocation: the decision, its ground and what the subject may no longer do. */
function revoked(f: Facts, p: Phrases, product: string): { subject: string; blocks: Blocks } {
  const number = f.certificateNo ?? '';
  const decided = f.decidedOn ? formatDateVN(f.decidedOn) : '';
  const ground = f.ground ? p.ground[f.ground] : undefined;
  const lines: [string, string | undefined][] = [
    [p.label.decision, f.decisionNo && `${f.decisionNo} (${decided}, ${f.authority ?? ''})`],
    [p.label.ground, ground && (f.note ? `${ground}: ${f.note}` : ground)],
    [p.label.findings, f.findings],
  ];
  return compose(f, p, p.subject.certificateRevoked(number, product), [
    [p.lead.certificateRevoked(number, f.decisionNo ?? '', decided, f.authority ?? '')],
    facts(f, p, p.label.deadline),
    lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`),
    [`${p.label.next}: ${p.revokedNext}`],
  ]);
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
