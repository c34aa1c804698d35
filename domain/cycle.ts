// A province's annual OCOP cycle (chu trình OCOP thường niên): its calendar,
// the plan's targets, and the phases the calendar implies.
import { z } from 'zod';
import { noteText, TEXT_MAX } from './text';
import { addDuration, IsoDuration } from './duration';
import { Round } from './ids';
import { NotificationPolicyOverrides } from './notifications';
import { CycleDurations } from './product';
import { RuleSetId, ruleSetForDate } from './rules';
import { Actor, Instant, LevelId, ProvinceCode, Year } from './schemas';

export * from './registration';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar year of an instant in Vietnam (UTC+7). */
export function yearInVietnam(instant: string): number {
  return new Date(Date.parse(instant) + VN_OFFSET_MS).getUTCFullYear();
}

/** A strict object's refusal of a key it does not know names the key and those it knows. */
export function knownKeys(keys: readonly string[]) {
  return {
    error: (issue: z.core.$ZodRawIssue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}; the keys are ${keys.join(', ')}`
        : undefined,
  };
}

const calendarShape = {
  registrationOpens: Instant,
  registrationCloses: Instant,
  dossierDeadline: Instant,
  /** The council's deadline at each level of the rule set. */
  evaluation: z.partialRecord(LevelId, Instant).default({}),
  cycleEnds: Instant,
};
/** A calendar as the cycle keeps it; histories recorded before CalendarFile must still parse. */
export const CycleCalendar = z.object(calendarShape);
export type CycleCalendar = z.output<typeof CycleCalendar>;

/**
 * A calendar as a person writes it (a file, a request body): a key it does not know, such as a misspelt
 * `registrationOpen`, is refused by name rather than dropped, so no date is silently left at its default.
 */
export const CalendarFile = z.strictObject(calendarShape, knownKeys(Object.keys(calendarShape)));

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
   * "Duy trì các sản phẩm đã xếp hạng": of the province's products holding a certificate in force at the cycle's
   * start, issued before it, the share still holding one at the report date, their own or one a re-evaluation or
   * upgrade issued since (domain/report.ts keptProducts); "every product already ranked kept" is 1.
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

/** Why a cycle keeps a rule set other than the one in force when its registration opens (quy định chuyển tiếp). */
export const RuleSetOverride = z.strictObject({
  reason: noteText(500, 'must give the reason, e.g. the transitional provision the province applies'),
});
export type RuleSetOverride = z.output<typeof RuleSetOverride>;

export const CycleInput = z
  .object({
    province: ProvinceCode,
    year: Year,
    /** The evaluation round (đợt) of the year; a province may hold more than one. */
    round: Round.default(1),
    /** Omitted: the rule set in force on the day registration opens (see ruleSetForDate). */
    ruleSetId: RuleSetId.optional(),
    /** Required to keep a rule set other than the one in force; recorded in the cycle's input. */
    ruleSetOverride: RuleSetOverride.optional(),
    /** A past year's records entered after the fact: the only cycle whose calendar may have passed entirely. */
    backfill: z.boolean().default(false),
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
/** A cycle as it runs: its rule set resolved from the date when the input left it out. */
export type Cycle = z.output<typeof CycleInput> & { ruleSetId: RuleSetId };

/** The rule set in force on the day a calendar's registration opens. */
export function ruleSetInForce(calendar: Pick<CycleCalendar, 'registrationOpens'>): RuleSetId {
  return ruleSetForDate(calendar.registrationOpens).id;
}

/** The cycle with its rule set: the one it names, or the one in force when registration opens. */
export function resolveCycle(parsed: z.output<typeof CycleInput>): Cycle {
  return { ...parsed, ruleSetId: parsed.ruleSetId ?? ruleSetInForce(parsed.calendar) };
}

const Minutes = z
  .number()
  .int()
  .min(1, 'must be at least 1 minute')
  .max(60 * 24 * 60, 'must be at most 60 days');

/**
 * A training or demo cycle: each calendar date as minutes after the one before
 * it, from `startsIn` minutes from now; the cycle is started `compressed`.
 */
const rehearsalMinutes = {
  registration: Minutes,
  dossier: Minutes,
  evaluation: z.partialRecord(LevelId, Minutes),
  /** From the last council's date to the cycle's end. */
  closing: Minutes.default(30),
};
export const Rehearsal = z.strictObject(
  {
    startsIn: z
      .number()
      .int()
      .min(0)
      .max(60 * 24)
      .default(0),
    minutes: z.strictObject(rehearsalMinutes, knownKeys(Object.keys(rehearsalMinutes))),
  },
  knownKeys(['startsIn', 'minutes']),
);
export type Rehearsal = z.output<typeof Rehearsal>;

/** What starting a cycle takes from a person (POST /v1/cycles): a cycle with its calendar, or with a rehearsal's. */
export const StartCycleBody = z
  .strictObject({
    ...CycleInput.shape,
    calendar: CalendarFile.optional(),
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

export const ExtendCalendar = z.object({
  actor: Actor,
  deadline: CalendarDeadline,
  until: Instant,
  reason: noteText(TEXT_MAX.note, 'must give the reason'),
});
export type ExtendCalendar = z.infer<typeof ExtendCalendar>;

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
  /** The round (đợt) of the year; absent from states of cycles started before rounds existed. */
  round?: number;
}

/**
 * A calendar as offsets from the day a Schedule starts the cycle, so one
 * template serves every year: e.g. registration from P0D to P45D.
 */
export const CycleTemplate = z.object({
  province: ProvinceCode,
  /** The round (đợt) each year's cycle of this Schedule is. */
  round: Round.default(1),
  /** Omitted: the rule set in force on the day each year's registration opens. */
  ruleSetId: RuleSetId.optional(),
  ruleSetOverride: RuleSetOverride.optional(),
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
    round: template.round,
    ruleSetId: template.ruleSetId,
    ruleSetOverride: template.ruleSetOverride,
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
