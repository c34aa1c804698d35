// A notification's facts in words: a subject line, a plain-text body and the same body as HTML, in the
// recipient's language. The words are i18next messages (templates/vi.ts, templates/en.ts), the HTML an Eta
// layout (templates/html.ts); both stay with the activities, out of the workflow bundle.
import i18next from 'i18next';
import { z } from 'zod';
import { formatDateVN } from '../../domain/dates';
import { type DurationParts, IsoDuration, parseDuration } from '../../domain/duration';
import type { Locale, NotificationTemplate } from '../../domain/notifications';
import { RevocationGround } from '../../domain/recognition';
import { DeadlineKind, Instant, LevelId, Stage } from '../../domain/schemas';
import { en } from './templates/en';
import { renderHtml } from './templates/html';
import { vi } from './templates/vi';

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

/** The form a message takes when it has an optional fact (vi.ts names them). */
type Form = 'soon' | 'round' | 'dossier' | 'cycle' | 'subject' | 'one' | 'other';
type Base<K extends string> = K extends `${infer B}_${Form}` ? B : K;
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];
type MessageKey = Keys<typeof vi>;
type Values = Record<string, string | number> & { context?: string };

const i18n = i18next.createInstance();
void i18n.init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: 'vi',
  fallbackLng: false,
  initAsync: false,
  // Text stays text; the HTML layout escapes what it shows.
  interpolation: { escapeValue: false },
});

type Say = (key: MessageKey, values?: Values) => string;

function sayIn(locale: Locale): Say {
  const t = i18n.getFixedT(locale);
  return (key, values) => t(key, values ?? {});
}

/** P7D as "7 ngày" or "7 days". */
export function durationInWords(iso: string, locale: Locale): string {
  return wordsFor(iso, sayIn(locale));
}

const UNITS: readonly (keyof DurationParts)[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];

function wordsFor(iso: string, say: Say): string {
  const parts = parseDuration(iso);
  return UNITS.filter((unit) => parts[unit] > 0)
    .map((unit) => say(`unit.${unit}`, { count: parts[unit] }))
    .join(' ');
}

/** A message as paragraphs of lines: text joins them with blank lines, HTML with <p>. */
type Blocks = string[][];
type Composed = { subject: string; blocks: Blocks };

const labelled = (lines: [string, string | undefined][]) =>
  lines.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`);

function facts(f: Facts, say: Say, dueLabel: string): string[] {
  const date = f.dueAt ? formatDateVN(f.dueAt) : undefined;
  const product = f.productName && f.productId ? `${f.productName} (${f.productId})` : f.productName;
  return labelled([
    [say('label.product'), product],
    [say('label.subject'), f.subjectName],
    [say('label.stage'), f.stage && say(`stage.${f.stage}`)],
    [say('label.level'), f.level ? say(`level.${f.level}`) : undefined],
    [say('label.certificate'), f.certificateNo],
    [dueLabel, date],
  ]);
}

function compose(f: Facts, say: Say, subject: string, body: Blocks): Composed {
  const greeting = say('greeting', { name: f.recipientName ?? say('anyone') });
  return { subject, blocks: [[greeting], ...body.filter((b) => b.length), [say('footer')]] };
}

function build(template: NotificationTemplate, f: Facts, say: Say): Composed {
  const product = f.productName ?? f.productId ?? '';
  const date = f.dueAt ? formatDateVN(f.dueAt) : '';
  const kind = f.deadlineKind ?? 'dossier';
  const task = say(`task.${kind}`);
  const next = (sentence: string) => [`${say('label.next')}: ${sentence}`];
  const number = f.certificateNo ?? '';
  switch (template) {
    case 'deadline-reminder': {
      const left = f.offset ? wordsFor(f.offset, say) : '';
      return compose(f, say, say('subject.reminder', { task, product, date }), [
        [say('lead.reminder', { task, left, context: left ? '' : 'soon' })],
        facts(f, say, say('label.deadline')),
        next(say(`next.${kind}`)),
      ]);
    }
    case 'deadline-escalation':
      return compose(f, say, say('subject.escalation', { task, product, date }), [
        [say('lead.escalation', { task, date })],
        facts(f, say, say('label.deadline')),
        next(say('next.escalation')),
        [`${say('label.waitingFor')}: ${say(`next.${kind}`)}`],
      ]);
    case 'certificate-expiry':
      return compose(f, say, say('subject.certificateExpiry', { number, product, date }), [
        [say('lead.certificateExpiry', { number, date })],
        facts(f, say, say('label.expires')),
        next(say('next.certificate-expiry')),
      ]);
    case 'inspection-due':
      return compose(f, say, say('subject.inspectionDue', { product, date }), [
        [say('lead.inspectionDue', { date, round: f.round ?? '', context: f.round ? 'round' : '' })],
        facts(f, say, say('label.deadline')),
        next(say('next.inspection')),
      ]);
    case 'registration-closing':
      return registrationClosing(f, say, product, date);
    case 'lapsed-digest':
      return lapsedDigest(f, say);
    case 'reevaluation-referral':
      return compose(f, say, say('subject.reevaluationReferral', { product }), [
        [say('lead.reevaluationReferral', { number })],
        facts(f, say, say('label.deadline')),
        labelled([[say('label.findings'), f.findings]]),
        next(say('next.referral')),
      ]);
    case 'certificate-revoked':
      return revoked(f, say, product);
    case 'cycle-report': {
      const cycleId = f.cycleId ?? '';
      return compose(f, say, say('subject.cycleReport', { cycleId }), [
        [say('lead.cycleReport', { cycleId, registered: f.registered ?? 0 })],
        f.targets?.length ? [say('lead.targets'), ...f.targets.map((t) => `- ${t}`)] : [],
        next(say('next.report', { cycleId })),
      ]);
    }
  }
}

function registrationClosing(f: Facts, say: Say, product: string, date: string): Composed {
  // Notices queued before registrationClosesAt existed carried the closing date as dueAt.
  const closes = f.registrationClosesAt ? formatDateVN(f.registrationClosesAt) : date;
  const context = f.registrationClosesAt ? 'dossier' : '';
  return compose(f, say, say('subject.registrationClosing', { product, closes }), [
    [say('lead.registrationClosing', { closes, dossierDue: date, context })],
    facts(f, say, say('label.deadline')),
    [`${say('label.next')}: ${say('next.dossier')}`],
  ]);
}

function lapsedDigest(f: Facts, say: Say): Composed {
  const lapsed = f.lapsed ?? [];
  const n = lapsed.length;
  const lines = lapsed.map((item) =>
    say('lead.lapsedLine', {
      productId: item.productId,
      productName: item.productName,
      subjectName: item.subjectName ?? '',
      task: say(`task.${item.deadlineKind}`),
      date: formatDateVN(item.dueAt),
      context: item.subjectName ? 'subject' : '',
    }),
  );
  const cycleId = f.cycleId ?? '';
  return compose(f, say, say('subject.lapsedDigest', { n, cycleId, context: cycleId ? 'cycle' : '' }), [
    [say('lead.lapsedDigest', { n }), ...lines],
    [`${say('label.next')}: ${say('next.lapsed')}`],
  ]);
}

/** The announcement of a revocation: the decision, its ground and what the subject may no longer do. */
function revoked(f: Facts, say: Say, product: string): Composed {
  const number = f.certificateNo ?? '';
  const decided = f.decidedOn ? formatDateVN(f.decidedOn) : '';
  const ground = f.ground ? say(`ground.${f.ground}`) : undefined;
  const decision = f.decisionNo ?? '';
  const authority = f.authority ?? '';
  return compose(f, say, say('subject.certificateRevoked', { number, product }), [
    [say('lead.certificateRevoked', { number, decision, date: decided, authority })],
    facts(f, say, say('label.deadline')),
    labelled([
      [say('label.decision'), f.decisionNo && `${f.decisionNo} (${decided}, ${authority})`],
      [say('label.ground'), ground && (f.note ? `${ground}: ${f.note}` : ground)],
      [say('label.findings'), f.findings],
    ]),
    [`${say('label.next')}: ${say('next.revoked')}`],
  ]);
}

/** One notification in words: a subject line, a plain-text body and the same body as HTML. */
export function renderNotification(
  template: NotificationTemplate,
  locale: Locale,
  data: NotificationData,
): RenderedNotification {
  const { subject, blocks } = build(template, NotificationData.parse(data), sayIn(locale));
  return {
    subject,
    text: `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`,
    html: renderHtml({ locale, subject, blocks }),
  };
}
