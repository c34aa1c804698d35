// The human actions that move an application: each one's payload schema, by the
// action's name (the Update's name), and the request body the API takes for it.
import { z } from 'zod';
import { identifierText, nameText, noteText, TEXT_MAX } from './text';
import { MandatoryFailed } from './rules';
import { RecordRecognitionDecision, RecordRevocationDecision, RevocationGround } from './recognition';
import { ScoreSheet } from './scoring';
import type { ActionName } from './stages';
import { Actor, Instant, LevelId } from './schemas';

/** The most documents or missing items one action lists. */
export const DOCUMENTS_MAX = 100;

const documents = z
  .array(nameText(500))
  .min(1, 'must list at least one document')
  .max(DOCUMENTS_MAX, `must list at most ${DOCUMENTS_MAX} documents`);

export const SubmitDossier = z.object({ actor: Actor, documents });

export const ReviewDossier = z.object({
  actor: Actor,
  decision: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('accept') }),
    z.object({
      outcome: z.literal('request-supplement'),
      missing: z
        .array(nameText(500))
        .min(1, 'must name what is missing')
        .max(DOCUMENTS_MAX, `must list at most ${DOCUMENTS_MAX} items`),
      dueAt: Instant,
    }),
    z.object({
      outcome: z.literal('reject'),
      reason: noteText(TEXT_MAX.note, 'must give the reason'),
    }),
  ]),
});

export const SubmitSupplement = z.object({ actor: Actor, documents });

const criterionId = identifierText(100);

// New fields are optional here, because replay parses recorded payloads again;
// the validator (workflows/product/action-checks.ts) requires them of new actions.
export const RecordCouncilResult = z.object({
  actor: Actor,
  level: LevelId,
  meetingDate: Instant,
  /** Scoring levels: each member's sheet. Assessment levels send none. */
  sheets: z.array(ScoreSheet).max(50, 'must list at most 50 sheets').default([]),
  /** The members appointed to the council, chair included: the quorum counts against it. */
  councilSize: z.number().int().min(1).max(50).optional(),
  /** A first round whose sheets spread too far is scored again in a second round. */
  round: z.literal([1, 2]).optional(),
  /** The score sheet (bộ sản phẩm) the members filled, e.g. food.processed. */
  subGroup: identifierText(64).optional(),
  /** Mandatory criteria (tiêu chí bắt buộc) the product failed. */
  mandatoryFailed: z.array(MandatoryFailed).max(100, 'must list at most 100 criteria').default([]),
  /** Assessment levels: ids of the local criteria the product failed. */
  failedCriteria: z.array(criterionId).max(20, 'must list at most 20 criteria').default([]),
  bonus: z.number().default(0),
});

export const RecordInspection = z.object({
  actor: Actor,
  inspectedAt: Instant,
  result: z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('pass') }),
    z.object({
      outcome: z.literal('corrective-action'),
      findings: noteText(TEXT_MAX.note, 'must say what to correct'),
      dueAt: Instant,
    }),
    z.object({
      outcome: z.literal('re-evaluation'),
      findings: noteText(TEXT_MAX.note, 'must say why the product is referred to re-evaluation'),
    }),
    z.object({
      outcome: z.literal('revocation-proposed'),
      ground: RevocationGround,
      findings: noteText(TEXT_MAX.note, 'must say what the team found'),
    }),
    // Recorded before inspectors stopped changing ratings on their own authority; kept so those histories replay.
    z.object({
      outcome: z.literal('downgrade'),
      toStars: z.number().int().min(1).max(4),
      grounds: noteText(TEXT_MAX.note, 'must give the grounds'),
    }),
    z.object({
      outcome: z.literal('revoke'),
      grounds: noteText(TEXT_MAX.note, 'must give the grounds'),
    }),
  ]),
});

export const Withdraw = z.object({
  actor: Actor,
  reason: noteText(TEXT_MAX.note, 'must give the reason'),
});

export const ExtendDeadline = z.object({
  actor: Actor,
  until: Instant,
  reason: noteText(TEXT_MAX.note, 'must give the reason'),
});

/** Each human action's payload schema, by the action's name (the Update's name). */
export const ACTION_SCHEMAS = {
  submitDossier: SubmitDossier,
  reviewDossier: ReviewDossier,
  submitSupplement: SubmitSupplement,
  recordCouncilResult: RecordCouncilResult,
  recordInspection: RecordInspection,
  withdraw: Withdraw,
  extendDeadline: ExtendDeadline,
  recordRecognitionDecision: RecordRecognitionDecision,
  recordRevocationDecision: RecordRevocationDecision,
} as const satisfies Record<ActionName, z.ZodType>;

/** What an action's caller sends, and the payload its schema makes of it. */
export type ActionInput<A extends ActionName> = z.input<(typeof ACTION_SCHEMAS)[A]>;
export type ActionPayload<A extends ActionName> = z.output<(typeof ACTION_SCHEMAS)[A]>;

/** ACTION_SCHEMAS typed per action, so that parsing for an action generic in its name yields that action's payload. */
export const ACTION_PARSERS: { [A in ActionName]: z.ZodType<ActionPayload<A>, ActionInput<A>> } = ACTION_SCHEMAS;

/**
 * Each action's request body, for the API and the web app's forms alike: the payload schema without its `actor`,
 * strict. The actor is the authenticated principal, so a body that names one is refused rather than ignored.
 */
export const ACTION_BODIES = {
  submitDossier: SubmitDossier.omit({ actor: true }).strict(),
  reviewDossier: ReviewDossier.omit({ actor: true }).strict(),
  submitSupplement: SubmitSupplement.omit({ actor: true }).strict(),
  recordCouncilResult: RecordCouncilResult.omit({ actor: true }).strict(),
  recordInspection: RecordInspection.omit({ actor: true }).strict(),
  withdraw: Withdraw.omit({ actor: true }).strict(),
  extendDeadline: ExtendDeadline.omit({ actor: true }).strict(),
  recordRecognitionDecision: RecordRecognitionDecision.omit({ actor: true }).strict(),
  recordRevocationDecision: RecordRevocationDecision.omit({ actor: true }).strict(),
} as const satisfies Record<ActionName, z.ZodType>;

export type SubmitDossier = z.infer<typeof SubmitDossier>;
export type ReviewDossier = z.infer<typeof ReviewDossier>;
export type SubmitSupplement = z.infer<typeof SubmitSupplement>;
export type RecordCouncilResult = z.input<typeof RecordCouncilResult>;
export type RecordInspection = z.infer<typeof RecordInspection>;
export type Withdraw = z.infer<typeof Withdraw>;
export type ExtendDeadline = z.infer<typeof ExtendDeadline>;
