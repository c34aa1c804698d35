// A product application (hồ sơ đăng ký sản phẩm OCOP): its input, the human
// actions that move it, and the state that the workflow exposes.
import { z } from 'zod';
import { nameText, TEXT_MAX } from './text';
import { durationToMs, IsoDuration, parseDuration } from './duration';
import { CycleId, ProductId } from './ids';
import { MandatoryFailed, RuleSetId } from './rules';
import { type DecisionRef, RecordRecognitionDecision, RecordRevocationDecision, RevocationGround } from './recognition';
import { UnitCode } from './units';
import { NotificationPolicyOverrides } from './notifications';
import {
  Actor,
  ApplicationKind,
  type Deadline,
  DeadlineKind,
  Instant,
  LevelId,
  ProductGroup,
  ProvinceCode,
  Stage,
  Subject,
  Year,
} from './schemas';

/** Durations a cycle may override; the defaults suit a real year, a demo compresses them. */
export const CycleDurations = z.object({
  /** How long an officer has to review a submitted dossier. */
  dossierReview: IsoDuration.default('P15D'),
  /** How long a council has at a level when the calendar names no date for it. */
  evaluation: IsoDuration.default('P30D'),
  /** Overrides of the rule set's certificate and post-inspection settings. */
  certificateValidity: IsoDuration.optional(),
  postInspectionInterval: IsoDuration.optional(),
  expiryNoticeLead: IsoDuration.optional(),
  /** After a deadline passes, how long a coordinator has to extend it before the application lapses. */
  lapseGrace: IsoDuration.default('P3D'),
  /**
   * One list of reminder offsets for every kind of deadline, for compressed
   * calendars; without it each kind follows the notification policy.
   */
  reminderOffsets: z.array(IsoDuration).max(5).optional(),
});
export type CycleDurations = z.infer<typeof CycleDurations>;

/** The policy's floor for the notice before expiry: a subject needs a month to file its re-evaluation. */
export const EXPIRY_NOTICE_FLOOR = 'P30D';

/** The least time a duration can span: a month is at least 28 days, a year 365. */
function shortestMs(iso: string): number {
  const { years, months, ...exact } = parseDuration(iso);
  const day = durationToMs('P1D');
  return (
    (years * 365 + months * 28) * day +
    durationToMs(`P${exact.weeks}W${exact.days}DT${exact.hours}H${exact.minutes}M${exact.seconds}S`)
  );
}

/**
 * What a cycle's new durations must meet beyond their syntax. The schema above
 * stays as lenient as it was, because workflows already running parse their
 * input again on replay; new cycles and applications are checked here. A
 * rehearsal (compressed calendar) compresses the notice too, so only the
 * positivity holds for it.
 */
export function cycleDurationIssues(
  durations: Partial<Pick<CycleDurations, 'certificateValidity' | 'postInspectionInterval' | 'expiryNoticeLead'>>,
  options: { compressed: boolean },
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const field of ['certificateValidity', 'postInspectionInterval', 'expiryNoticeLead'] as const) {
    const iso = durations[field];
    if (iso !== undefined && shortestMs(iso) <= 0) {
      issues.push({ path: field, message: `must be longer than zero (${iso} would never fall due)` });
    }
  }
  const lead = durations.expiryNoticeLead;
  if (!options.compressed && lead !== undefined && shortestMs(lead) < shortestMs(EXPIRY_NOTICE_FLOOR)) {
    issues.push({
      path: 'expiryNoticeLead',
      message: `must be at least ${EXPIRY_NOTICE_FLOOR}, the notification policy's floor, in the shortest month (only a rehearsal may compress it)`,
    });
  }
  return issues;
}

/** The durations of a new cycle on a real calendar. */
export const NewCycleDurations = CycleDurations.superRefine((durations, ctx) => {
  for (const issue of cycleDurationIssues(durations, { compressed: false })) {
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  }
});

export const ProductApplicationInput = z.object({
  productId: ProductId,
  cycleId: CycleId,
  province: ProvinceCode,
  year: Year,
  ruleSetId: RuleSetId,
  kind: ApplicationKind.default('new'),
  product: z.object({
    name: nameText(TEXT_MAX.name),
    group: ProductGroup,
  }),
  subject: Subject,
  /**
   * Its place: a district code under OCOP_148_2023, a commune code under
   * OCOP_1489_2025. Absent from applications registered before products had one.
   */
  unit: UnitCode.optional(),
  /** Who registered it: the subject itself, or a coordinator on its behalf. */
  registeredBy: Actor,
  /** For a re-evaluation or an upgrade: the application whose certificate this one would replace. */
  previousProductId: ProductId.optional(),
  deadlines: z.object({
    dossier: Instant,
    evaluation: z.partialRecord(LevelId, Instant).default({}),
  }),
  durations: CycleDurations.default(CycleDurations.parse({})),
  /** The cycle's overrides of the reminder policy, kind by kind. */
  notifications: NotificationPolicyOverrides.optional(),
});
export type ProductApplicationInput = z.input<typeof ProductApplicationInput>;
export type ProductApplication = z.output<typeof ProductApplicationInput>;

/**
 * A re-evaluation or an upgrade re-rates a product certified before, and names
 * that application, whose certificate it will replace; a new product names
 * none. Checked where an application is asked for, not on the workflow's own
 * input, which applications already running must keep passing.
 */
export function checkPreviousProduct(
  application: { kind: ApplicationKind; previousProductId?: string },
  ctx: z.RefinementCtx,
): void {
  const { kind, previousProductId } = application;
  if (kind !== 'new' && !previousProductId) {
    ctx.addIssue({
      code: 'custom',
      path: ['previousProductId'],
      message: `required for a ${kind}: the product whose certificate it replaces`,
    });
  }
  if (kind === 'new' && previousProductId) {
    ctx.addIssue({
      code: 'custom',
      path: ['previousProductId'],
      message: 'only a re-evaluation or an upgrade names a previous product',
    });
  }
}

/** A product application as a client asks for one: a zero period never falls due, whatever the calendar. */
export const NewProductApplication = ProductApplicationInput.superRefine((application, ctx) => {
  checkPreviousProduct(application, ctx);
  for (const issue of cycleDurationIssues(application.durations, { compressed: true })) {
    ctx.addIssue({ code: 'custom', path: ['durations', issue.path], message: issue.message });
  }
});

export * from './actions';
import type { RecordInspection } from './actions';

export { DeadlineKind, RecordRecognitionDecision, RecordRevocationDecision, RevocationGround };

export type { Deadline };

export interface LevelScore {
  level: LevelId;
  meetingDate: string;
  /** The mean rounded for display; the band compared the exact `mean` (absent from scores recorded before). */
  total: number | null;
  mean?: number | null;
  stars: number | null;
  /** 1 or 2; absent from scores recorded before councils had rounds. */
  round?: number;
  /** The first round spread too far: the council scores again. */
  secondRound?: boolean;
  mandatoryFailed: MandatoryFailed[];
  failedCriteria: string[];
  bonus: number;
  members: number;
}

export interface Certificate {
  number: string;
  stars: number;
  level: LevelId;
  /** The recognition decision's date: the certificate runs from it. */
  decidedOn: string;
  validUntil: string;
  /** The recognition decision; absent from certificates issued before the decision step. */
  decision?: DecisionRef;
}

/** A council's rating waiting for the authority's recognition decision. */
export interface PendingRecognition {
  stars: number;
  level: LevelId;
}

export interface InspectionRecord {
  round: number;
  dueAt: string;
  inspectedAt: string;
  outcome: RecordInspection['result']['outcome'];
  detail?: string;
}

export interface ActionRecord {
  seq: number;
  action: string;
  actor: Actor;
  stageFrom: Stage | null;
  stageTo: Stage;
  level: LevelId | null;
  at: string;
}

/** What the `state` query returns. */
export interface ProductState {
  productId: string;
  cycleId: string;
  kind: ApplicationKind;
  stage: Stage;
  level: LevelId | null;
  stars: number | null;
  deadline: Deadline | null;
  supplementRounds: number;
  scores: LevelScore[];
  certificate: Certificate | null;
  /** Set from the council's certify outcome until the recognition decision; absent from states carried before. */
  pendingRecognition?: PendingRecognition | null;
  inspections: InspectionRecord[];
  history: ActionRecord[];
}

/** Where an application stands, without what it went through. */
export type ApplicationSummary = Pick<
  ProductState,
  'productId' | 'cycleId' | 'kind' | 'stage' | 'level' | 'stars' | 'deadline' | 'supplementRounds' | 'certificate'
>;

/** An application's state as it is registered, before its first transition is recorded. */
export function registeredState(input: Pick<ProductApplication, 'productId' | 'cycleId' | 'kind'>): ProductState {
  const { productId, cycleId, kind } = input;
  return {
    ...{ productId, cycleId, kind, stage: 'REGISTERED', level: null, stars: null, deadline: null },
    ...{ supplementRounds: 0, scores: [], certificate: null, pendingRecognition: null, inspections: [], history: [] },
  };
}

/**
 * What every Update answers: where the application stands once the action is
 * recorded, the transition it recorded and the latest council score. Small,
 * because each answer stays in the history; the `state` query has the rest.
 */
export type ActionAnswer = ApplicationSummary & {
  pendingRecognition: PendingRecognition | null;
  score: LevelScore | null;
  transition: ActionRecord | null;
};

export function actionAnswer(state: ProductState): ActionAnswer {
  const { productId, cycleId, kind, stage, level, stars, deadline, supplementRounds, certificate } = state;
  return {
    ...{ productId, cycleId, kind, stage, level, stars, deadline, supplementRounds, certificate },
    pendingRecognition: state.pendingRecognition ?? null,
    score: state.scores.at(-1) ?? null,
    transition: state.history.at(-1) ?? null,
  };
}
