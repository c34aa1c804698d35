// What follows a council: the certifying authority's recognition decision
// (quyết định công nhận), and, after a post-inspection proposes it, the issuing
// authority's revocation decision (quyết định thu hồi). Both are decisions with
// a number, a date and an authority; the certificate's term runs from the first.
import { z } from 'zod';
import { nameText, noteText, TEXT_MAX } from './text';
import { ProductId } from './ids';
import { Actor, Instant, LevelId } from './schemas';

/** A decision as the authority issued it, e.g. 1234/QĐ-UBND of 15/10/2026 by the provincial People's Committee. */
export const DecisionRef = z.object({
  number: nameText(64, 'must give the decision number, e.g. 1234/QĐ-UBND'),
  decidedOn: Instant,
  authority: nameText(200, 'must name the authority that issued the decision'),
});
export type DecisionRef = z.infer<typeof DecisionRef>;

/** A certificate's number as the ministry gave it (5 stars); the province's own are numbered by the engine. */
export const CertificateNumber = nameText(64);

export const RecordRecognitionDecision = z.object({
  actor: Actor,
  decision: DecisionRef,
  certificateNumber: CertificateNumber.optional(),
});
export type RecordRecognitionDecision = z.infer<typeof RecordRecognitionDecision>;

/** Grounds for revocation (thu hồi) seen in the provinces' decisions. */
export const RevocationGround = z.enum([
  'no-reevaluation', // not re-evaluated within the 36 months
  'mandatory-criteria', // no longer meets the mandatory criteria
  'quality-mismatch', // goods do not match the certified quality, label or packaging
  'food-safety', // food-safety violations
  'production-suspended', // production stopped
  'other',
]);
export type RevocationGround = z.infer<typeof RevocationGround>;

export const RecordRevocationDecision = z.object({
  actor: Actor,
  /** The issuing authority revokes, or declines the inspection team's proposal and post-inspection goes on. */
  outcome: z.enum(['revoke', 'decline']),
  decision: DecisionRef,
  ground: RevocationGround,
  note: noteText(TEXT_MAX.note, undefined).optional(),
});
export type RecordRevocationDecision = z.infer<typeof RecordRevocationDecision>;

/** The most products one decision lists, so that its Updates are sent within one request's time. */
export const DECISION_PRODUCTS_MAX = 500;

/** One decision for the products it recognises, as the API takes it and the CLI's file holds it. */
export const RecognitionDecisionBody = z
  .strictObject({
    ...DecisionRef.shape,
    level: LevelId.describe('the level whose council rated the products: the authority of that level decides'),
    products: z
      .array(
        z.strictObject({
          productId: ProductId,
          certificateNumber: CertificateNumber.optional().describe(
            "a 5-star product's certificate number, as the ministry gave it",
          ),
        }),
      )
      .min(1, 'must list at least one product')
      .max(DECISION_PRODUCTS_MAX, `must list at most ${DECISION_PRODUCTS_MAX} products`),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.products.forEach((p, i) => {
      if (seen.has(p.productId)) {
        ctx.addIssue({ code: 'custom', path: ['products', i, 'productId'], message: `lists ${p.productId} twice` });
      }
      seen.add(p.productId);
    });
  })
  .meta({ id: 'RecognitionDecisionBody' });
export type RecognitionDecisionBody = z.infer<typeof RecognitionDecisionBody>;
