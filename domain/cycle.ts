// A province's annual OCOP cycle (chu trình OCOP thường niên): its calendar,
// the plan's targets, and the phases the calendar implies.
import { z } from 'zod';
import { addDuration, IsoDuration } from './duration';
import { NotificationPolicyOverrides } from './notifications';
import { checkPreviousProduct, CycleDurations, ProductApplicationInput } from './product';
import { RuleSetId } from './rules';
import { Actor, ApplicationKind, Instant, LevelId, ProvinceCode, Subject, Year } from './schemas';
import { UnitCode } from './units';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar year of an instant in Vietnam (UTC+7). */
export function yearInVietnam(instant: string): number {
  return new Date(Date.parse(instant) + VN_OFFSET_MS).getUTCFullYear();
}

export const CycleCalendar = z.object({
  registrationOpens: Instant,
  registrationCloses: Instant,
  dossierDeadline: Instant,
  /** The council's deadline at each level of the rule set. */
  evaluation: z.partialRecord(LevelId, Instant).default({}),
  cycleEnds: Instant,
});
export type CycleCalendar = z.output<typeof CycleCalendar>;

/**
 * The plan's targets (Kế hoạch), e.g. Cao Bằng 2023: 30 new products at 3 stars or more, 2 at 4, 40% cooperatives,
 * 30% SMEs, and every product already ranked kept. A target the plan does not set is 0, met by nothing happening.
 */
export const CycleTargets = z.object({
  newProductsThreeStarsOrMore: z.number().int().min(0),
  productsFourStarsOrMore: z.number().int().min(0).default(0),
  productsFiveStars: z.number().int().min(0).default(0),
  /** Shares among the cycle's subjects (chủ thể), from 0 to 1. */
  cooperativeShare: z.number().min(0).max(1).default(0),
  smeShare: z.number().min(0).max(1).default(0),
  /**
   * "Duy trì các sản phẩm đã xếp hạng": the share of the cycle's re-evaluations that keep 3 stars or more, from 0
   * to 1; "every product already ranked kept" is 1. A share rather than a count, because the plan names no number:
   * how many ranked products come back for re-evaluation is known only as they register.
   */
  rankedProductsKeptShare: z.number().min(0).max(1).default(0),
});
export type CycleTargets = z.output<typeof CycleTargets>;

/** Cao Bằng's plan for 2023 (Kế hoạch 1070/KH-UBND): the demo's, the CLI's and the web form's default targets. */
export const CAO_BANG_2023_TARGETS: CycleTargets = {
  newProductsThreeStarsOrMore: 30,
  productsFourStarsOrMore: 2,
  productsFiveStars: 0,
  cooperativeShare: 0.4,
  smeShare: 0.3,
  rankedProductsKeptShare: 1,
};

/** Each date of the calendar must come after the one before it. */
export function calendarOrderIssues(c: CycleCalendar): { path: string; message: string }[] {
  const dated = (
    [
      ['registrationOpens', c.registrationOpens],
      ['registrationCloses', c.registrationCloses],
      ['dossierDeadline', c.dossierDeadline],
      ...LevelId.options.map((level) => [`evaluation.${level}`, c.evaluation[level]]),
      ['cycleEnds', c.cycleEnds],
    ] as [string, string | undefined][]
  ).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return dated.flatMap(([path, at], i) => {
    const previous = dated[i - 1];
    return previous && Date.parse(at) <= Date.parse(previous[1])
      ? [{ path, message: `must be after calendar.${previous[0]} (${previous[1]})` }]
      : [];
  });
}

/** Cohort notices: what the cycle tells whom, and how long before a calendar date. */
export const CohortNoticeOffsets = z.object({
  registrationCloses: z.array(IsoDuration).max(5).default(['P7D']),
});

export const CycleInput = z
  .object({
    province: ProvinceCode,
    year: Year,
    ruleSetId: RuleSetId.default('OCOP_148_2023'),
    calendar: CycleCalendar,
    targets: CycleTargets,
    durations: CycleDurations.default(CycleDurations.parse({})),
    notices: CohortNoticeOffsets.default(CohortNoticeOffsets.parse({})),
    /** Overrides of the reminder policy for every application of the cycle. */
    notifications: NotificationPolicyOverrides.optional(),
    /**
     * A rehearsal of the year on a compressed calendar (a demo, a training):
     * its dates are in the present, so they need not fall in `year`.
     */
    compressed: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    for (const issue of calendarOrderIssues(input.calendar)) {
      ctx.addIssue({ code: 'custom', path: ['calendar', ...issue.path.split('.')], message: issue.message });
    }
    if (!input.compressed && yearInVietnam(input.calendar.registrationOpens) !== input.year) {
      ctx.addIssue({
        code: 'custom',
        path: ['year'],
        message: `must be the year registration opens (${yearInVietnam(input.calendar.registrationOpens)})`,
      });
    }
  });
export type CycleInput = z.input<typeof CycleInput>;
export type Cycle = z.output<typeof CycleInput>;

const Minutes = z
  .number()
  .int()
  .min(1, 'must be at least 1 minute')
  .max(60 * 24 * 60, 'must be at most 60 days');

/**
 * A training or demo cycle: each calendar date as minutes after the one before
 * it, from `startsIn` minutes from now; the cycle is started `compressed`.
 */
export const Rehearsal = z.strictObject({
  startsIn: z
    .number()
    .int()
    .min(0)
    .max(60 * 24)
    .default(0),
  minutes: z.strictObject({
    registration: Minutes,
    dossier: Minutes,
    evaluation: z.partialRecord(LevelId, Minutes),
    /** From the last council's date to the cycle's end. */
    closing: Minutes.default(30),
  }),
});
export type Rehearsal = z.output<typeof Rehearsal>;

/** What starting a cycle takes from a person (POST /v1/cycles): a cycle with its calendar, or with a rehearsal's. */
export const StartCycleBody = z
  .strictObject({
    ...CycleInput.shape,
    calendar: CycleInput.shape.calendar.optional(),
    rehearsal: Rehearsal.optional(),
  })
  .superRefine((body, issue) => {
    if ((body.calendar === undefined) === (body.rehearsal === undefined)) {
      issue.addIssue({ code: 'custom', path: ['calendar'], message: 'give either calendar or rehearsal, not both' });
    }
  });
export type StartCycleBody = z.output<typeof StartCycleBody>;

const MINUTE = 60_000;

/** The calendar of a rehearsal: each date so many minutes after the one before it. */
export function rehearsalCalendar(rehearsal: Rehearsal, now: Date): CycleCalendar {
  let at = now.getTime() + rehearsal.startsIn * MINUTE;
  const next = (minutes: number) => new Date((at += minutes * MINUTE)).toISOString();
  const registrationOpens = new Date(at).toISOString();
  const registrationCloses = next(rehearsal.minutes.registration);
  const dossierDeadline = next(rehearsal.minutes.dossier);
  const evaluation: CycleCalendar['evaluation'] = {};
  for (const level of LevelId.options) {
    const minutes = rehearsal.minutes.evaluation[level];
    if (minutes !== undefined) evaluation[level] = next(minutes);
  }
  return {
    registrationOpens,
    registrationCloses,
    dossierDeadline,
    evaluation,
    cycleEnds: next(rehearsal.minutes.closing),
  };
}

export const CyclePhase = z.enum(['NOT_OPEN', 'REGISTRATION', 'DOSSIER', 'EVALUATION', 'CLOSING', 'ENDED']);
export type CyclePhase = z.infer<typeof CyclePhase>;

/** The calendar dates a coordinator may move. */
export const CalendarDeadline = z.enum([
  'registrationCloses',
  'dossierDeadline',
  'evaluation.commune',
  'evaluation.district',
  'evaluation.province',
  'evaluation.central',
  'cycleEnds',
]);
export type CalendarDeadline = z.infer<typeof CalendarDeadline>;

export function calendarDate(calendar: CycleCalendar, deadline: CalendarDeadline): string | undefined {
  if (deadline.startsWith('evaluation.')) return calendar.evaluation[deadline.slice(11) as LevelId];
  return calendar[deadline as Exclude<CalendarDeadline, `evaluation.${string}`>];
}

/** Each phase but ENDED with the calendar date that ends it; a calendar without councils has no EVALUATION end. */
function phaseEnds(calendar: CycleCalendar): [CyclePhase, string | undefined][] {
  const evaluationEnds = LevelId.options
    .map((level) => calendar.evaluation[level])
    .filter((at): at is string => at !== undefined)
    .at(-1);
  return [
    ['NOT_OPEN', calendar.registrationOpens],
    ['REGISTRATION', calendar.registrationCloses],
    ['DOSSIER', calendar.dossierDeadline],
    ['EVALUATION', evaluationEnds],
    ['CLOSING', calendar.cycleEnds],
  ];
}

/** The phase in force at `now`, and the date that ends it. */
export function phaseAt(calendar: CycleCalendar, now: number): { phase: CyclePhase; endsAt: string | null } {
  for (const [phase, endsAt] of phaseEnds(calendar)) {
    if (endsAt !== undefined && now < Date.parse(endsAt)) return { phase, endsAt };
  }
  return { phase: 'ENDED', endsAt: null };
}

/**
 * The date that ends `phase` on `calendar`: what a reader of the read model shows beside the phase the cycle last
 * recorded, without asking the workflow. Null for ENDED.
 */
export function phaseEndOf(calendar: CycleCalendar, phase: CyclePhase): string | null {
  return phaseEnds(calendar).find(([p]) => p === phase)?.[1] ?? null;
}

/** A product's application deadlines, as the cycle's calendar sets them today. */
export function productDeadlines(calendar: CycleCalendar) {
  return { dossier: calendar.dossierDeadline, evaluation: calendar.evaluation };
}

/**
 * The fields of a registration, as the cycle's handler reads them; see
 * RegisterProduct. `unit` stays optional here because registrations recorded
 * before products had a place must still replay.
 */
export const RegistrationFields = z.object({
  actor: Actor,
  product: ProductApplicationInput.shape.product,
  subject: Subject,
  unit: ProductApplicationInput.shape.unit,
  kind: ApplicationKind.default('new'),
  previousProductId: ProductApplicationInput.shape.previousProductId,
});

export type RegistrationFields = z.output<typeof RegistrationFields>;

const RequiredUnit = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'required: the code of the district (under OCOP_148_2023) or commune (under OCOP_1489_2025) the product comes from'
        : undefined,
  })
  .pipe(UnitCode);

/**
 * What the `registerProduct` Update carries. Whether the unit is one of the
 * province's is checked by the cycle, which knows the province and rule set.
 */
const RegistrationRequest = RegistrationFields.extend({ unit: RequiredUnit });
export const RegisterProduct = RegistrationRequest.superRefine(checkPreviousProduct);
export type RegisterProduct = z.input<typeof RegisterProduct>;

/** What a registration form says, without who sends it: the API and the CLI add the actor they authenticated. */
export const RegistrationForm = RegistrationRequest.omit({ actor: true }).superRefine(checkPreviousProduct);
export type RegistrationForm = z.input<typeof RegistrationForm>;

/** What the read model knows of the application a re-evaluation or an upgrade names. */
export interface PreviousApplication {
  subjectId: string;
  productName: string;
  /** Whether it holds a certificate in force (certificates.status = 'active'). */
  hasActiveCertificate: boolean;
}

/**
 * Why a re-evaluation or an upgrade may not re-rate `previous` (the rule broken
 * by `previousProductId`), or undefined when it may: it must name an existing
 * certified application of the same subject and product, and not itself.
 * `previous` is undefined when no such application exists. The new product's
 * id is known only once the cycle assigns it, so a caller checking before the
 * Update leaves `productId` out; the cycle's reservation passes it.
 */
export function checkPreviousApplication(
  previous: PreviousApplication | undefined,
  registration: {
    kind?: ApplicationKind;
    previousProductId?: string;
    subject: { id: string };
    product: { name: string };
    productId?: string;
  },
): string | undefined {
  const { previousProductId: id, kind = 'new' } = registration;
  if (kind === 'new' || !id) return undefined;
  if (id === registration.productId) return `must name an earlier application, not ${id} itself`;
  if (!previous) return `must name an existing application: ${id} is not known`;
  if (previous.subjectId !== registration.subject.id) {
    return `must name an application of subject ${registration.subject.id}: ${id} belongs to another subject`;
  }
  if (productNameKey(previous.productName) !== productNameKey(registration.product.name)) {
    return `must name an application of the same product: ${id} is "${previous.productName}"`;
  }
  if (!previous.hasActiveCertificate) return `must name a certified application: ${id} holds no certificate in force`;
  return undefined;
}

export const ExtendCalendar = z.object({
  actor: Actor,
  deadline: CalendarDeadline,
  until: Instant,
  reason: z.string().trim().min(1, 'must give the reason'),
});
export type ExtendCalendar = z.infer<typeof ExtendCalendar>;

/** Two registrations are the same product when the subject and the name match, whatever the case and spacing. */
export function productNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface CycleState {
  cycleId: string;
  province: string;
  year: number;
  ruleSetId: string;
  phase: CyclePhase;
  phaseEndsAt: string | null;
  calendar: CycleCalendar;
  targets: CycleTargets;
  registered: number;
}

/**
 * A calendar as offsets from the day a Schedule starts the cycle, so one
 * template serves every year: e.g. registration from P0D to P45D.
 */
export const CycleTemplate = z.object({
  province: ProvinceCode,
  ruleSetId: RuleSetId.default('OCOP_148_2023'),
  offsets: z.object({
    registrationOpens: IsoDuration.default('P0D'),
    registrationCloses: IsoDuration,
    dossierDeadline: IsoDuration,
    evaluation: z.partialRecord(LevelId, IsoDuration).default({}),
    cycleEnds: IsoDuration,
  }),
  targets: CycleTargets,
  durations: CycleDurations.optional(),
});
export type CycleTemplate = z.input<typeof CycleTemplate>;

/** The cycle a template gives when a Schedule fires at `start`. */
export function cycleFromTemplate(raw: CycleTemplate, start: Date): CycleInput {
  const template = CycleTemplate.parse(raw);
  const at = (offset: string) => addDuration(start, offset).toISOString();
  const { offsets } = template;
  const registrationOpens = at(offsets.registrationOpens);
  return {
    province: template.province,
    year: yearInVietnam(registrationOpens),
    ruleSetId: template.ruleSetId,
    calendar: {
      registrationOpens,
      registrationCloses: at(offsets.registrationCloses),
      dossierDeadline: at(offsets.dossierDeadline),
      evaluation: Object.fromEntries(
        Object.entries(offsets.evaluation).map(([level, offset]) => [level, at(offset as string)]),
      ),
      cycleEnds: at(offsets.cycleEnds),
    },
    targets: template.targets,
    durations: template.durations,
  };
}
