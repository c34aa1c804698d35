// One recognition decision (quyết định công nhận) for several products of a cycle, as the coordinator types it: the
// decision's number, date and authority, the level whose council rated them, and the products it recognises, ticked
// in the list of those awaiting a decision, each 5-star one with the number the ministry gave its certificate.
// The form holds every product awaiting a decision; what is sent is the body the API takes.
import { z } from 'zod';
import { DecisionRef } from '../../../../domain/recognition';
import { LevelId } from '../../../../domain/schemas';

export const DECISION_PRODUCTS_MAX = 500;

/** The level whose certificates the ministry numbers (5 stars, decided centrally). */
export const MINISTRY_LEVEL = 'central';

const Candidate = z.object({
  productId: z.string().max(20),
  level: z.string().max(20),
  include: z.boolean(),
  certificateNumber: z.string().trim().max(64, 'must be at most 64 characters').optional(),
});
export type Candidate = z.infer<typeof Candidate>;

export const DecisionForm = DecisionRef.extend({
  level: LevelId,
  products: z.array(Candidate).max(DECISION_PRODUCTS_MAX),
})
  .superRefine((form, ctx) => {
    const chosen = form.products.filter((product) => product.include && product.level === form.level);
    if (chosen.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['products'], message: 'must list at least one product' });
    }
    form.products.forEach((product, index) => {
      if (product.include && product.level === MINISTRY_LEVEL && !product.certificateNumber) {
        const message = 'required for a 5-star certificate, which the ministry numbers';
        ctx.addIssue({ code: 'custom', path: ['products', index, 'certificateNumber'], message });
      }
    });
  })
  .transform(({ products, ...decision }) => ({
    ...decision,
    products: products
      .filter((product) => product.include && product.level === decision.level)
      .map(({ productId, certificateNumber }) =>
        certificateNumber ? { productId, certificateNumber } : { productId },
      ),
  }));
export type DecisionFormInput = z.input<typeof DecisionForm>;
export type DecisionBody = z.output<typeof DecisionForm>;
