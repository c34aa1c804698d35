// Who hears about a deadline, and when. The reminder policy is data that a
// rule set or a cycle overrides kind by kind; the words are with the
// activities (activities/notifications/render.ts). Everything here is pure, so
// workflows may plan reminders with it.
import { z } from 'zod';
import { type DurationParts, IsoDuration, parseDuration } from './duration';
import { unknownProvince } from './provinces';
import { DeadlineKind, LevelId, type Role } from './schemas';
import { nameText } from './text';

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
  /** A post-inspection referred the product to re-evaluation; its certificate stands meanwhile. */
  'reevaluation-referral',
  /** The issuing authority's decision revoking a certificate, announced. */
  'certificate-revoked',
]);
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

/**
 * Who hears of what a post-inspection concluded, which no deadline's policy covers: the
 * subject, and for a revocation the province's office and its inspection teams, who watch
 * that the OCOP mark is no longer used.
 */
export const CONCLUSION_AUDIENCE: Partial<Record<NotificationTemplate, readonly Audience[]>> = {
  'reevaluation-referral': ['subject', 'coordinator'],
  'certificate-revoked': ['subject', 'coordinator', 'inspector'],
};

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
  const concluded = CONCLUSION_AUDIENCE[template];
  if (concluded) return concluded;
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
    .refine((code) => unknownProvince(code) === undefined, {
      error: (issue) => unknownProvince(String(issue.input)),
    }),
  role: ContactRole,
  level: z
    .union([LevelId, z.literal(''), z.literal('*')], {
      error: 'must be commune, district, province or central, or empty (or *) for any level',
    })
    .default('')
    .transform((level) => (level === '*' ? '' : level)),
  name: nameText(),
  email: z.email('must be an email address such as thu.ky@example.vn'),
  webhookUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
});
export type Contact = z.output<typeof Contact>;
