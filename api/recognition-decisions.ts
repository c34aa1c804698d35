// Recording one recognition decision (quyết định công nhận) for the products
// it lists. Everything a request can get wrong is checked before anything is
// sent or written; then each product gets the recordRecognitionDecision Update,
// and the decision is stored once with the products the workflows accepted. A
// retry of the same number sends nothing for a product already listed, and
// finds a product whose Update was taken though its answer was lost.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OcopError } from '../client/errors';
import {
  type DecisionHeader,
  findDecisionByNumber,
  type RecognisedProduct,
  type StoredDecision,
  storeDecision,
} from '../read-model/decisions';
import type { GrantActor } from '../domain/access';
import { cycleOfProduct } from '../domain/ids';
import { type ActionAnswer, actionAnswer } from '../domain/product';
import type { RecognitionDecisionBody } from '../domain/recognition';
import type { ApiContext } from './context';
import { toProblem } from './errors';
import { ApiProblem, badRequest, type FieldError } from './problem';

/** Updates in flight at once: a decision of hundreds of products is answered within the request's time. */
const CONCURRENCY = 8;

export const ProductOutcome = z
  .discriminatedUnion('status', [
    z.object({
      productId: z.string().max(20),
      status: z.literal('accepted'),
      stars: z.number().int().min(1).max(5),
      certificateNumber: z.string().max(64),
      validUntil: z.string().max(40),
    }),
    z.object({
      productId: z.string().max(20),
      status: z.literal('refused'),
      problem: z.object({ status: z.number().int(), title: z.string().max(200), detail: z.string().max(4000) }),
    }),
  ])
  .meta({ id: 'RecognitionDecisionProductOutcome' });
export type ProductOutcome = z.infer<typeof ProductOutcome>;

export interface DecisionOutcome {
  decisionId: string | null;
  /** Whether this request stored the decision or listed a product in it. */
  changed: boolean;
  products: ProductOutcome[];
}

/** What the workflow's state tells of the certificate a decision issued; fields the state lacks are absent. */
const CertifiedBy = z.object({
  certificate: z.object({
    number: z.string(),
    stars: z.number(),
    validUntil: z.string(),
    level: z.string(),
    decision: z.object({ number: z.string() }).optional(),
  }),
});

/** A retry must repeat the decision it names: one number, one document. */
function conflictWith(stored: StoredDecision, header: DecisionHeader): ApiProblem | undefined {
  const fields = (['cycleId', 'decidedOn', 'authority', 'level'] as const).filter((f) =>
    f === 'decidedOn' ? Date.parse(stored[f]) !== Date.parse(header[f]) : stored[f] !== header[f],
  );
  if (fields.length === 0) return undefined;
  const detail = fields.map((f) => `${f}: decision ${stored.number} is recorded with ${stored[f]}`).join('; ');
  return new ApiProblem(409, 'Conflict', `${detail}; a retry must repeat the decision as recorded`, {
    kind: 'already-exists',
  });
}

/** The refusals of a decision as a whole, each naming its field; nothing is sent when there is one. */
async function checkProducts(ctx: ApiContext, cycleId: string, body: RecognitionDecisionBody): Promise<void> {
  const errors: FieldError[] = [];
  if (Date.parse(body.decidedOn) > Date.now()) {
    errors.push({ field: 'decidedOn', rule: 'must not be in the future: record a decision once it is issued' });
  }
  const ids = body.products.map((p) => p.productId);
  const known = await ctx.db.selectFrom('products').select('id').where('id', 'in', ids).execute();
  const found = new Set(known.map((r) => r.id));
  body.products.forEach(({ productId }, i) => {
    if (cycleOfProduct(productId) !== cycleId) {
      errors.push({ field: `products.${i}.productId`, rule: `must be a product of cycle ${cycleId}` });
    } else if (!found.has(productId)) {
      errors.push({ field: `products.${i}.productId`, rule: `no product ${productId} is registered` });
    }
  });
  if (errors.length) {
    const detail = errors.map((e) => `${e.field}: ${e.rule}`).join('; ');
    throw badRequest(`body: ${detail}`.slice(0, 4000), errors.slice(0, 100));
  }
}

/**
 * Sends the Update; a product already certified by this very decision (an
 * earlier attempt taken though its answer was lost) counts as accepted.
 */
async function sendDecision(
  ctx: ApiContext,
  actor: GrantActor,
  header: Pick<DecisionHeader, 'number' | 'decidedOn' | 'authority'>,
  item: { productId: string; certificateNumber?: string },
): Promise<{ answer: ActionAnswer; recognised: RecognisedProduct; level: string }> {
  const { productId, certificateNumber } = item;
  const decision = { number: header.number, decidedOn: header.decidedOn, authority: header.authority };
  const found = (answer: ActionAnswer) => {
    const parsed = CertifiedBy.safeParse(answer);
    if (!parsed.success || parsed.data.certificate.decision?.number !== header.number) return undefined;
    const { number, stars, validUntil, level } = parsed.data.certificate;
    return { answer, level, recognised: { productId, stars, certificateNumber: number, validUntil } };
  };
  try {
    const answer = await ctx.ocop.act(productId, 'recordRecognitionDecision', {
      actor,
      decision,
      ...(certificateNumber ? { certificateNumber } : {}),
    });
    const accepted = found(answer);
    if (accepted) return accepted;
    throw new Error(`product ${productId}: the workflow took decision ${header.number} but shows no certificate of it`);
  } catch (error) {
    if (!(error instanceof OcopError && error.kind === 'WrongStage')) throw error;
    const state = await ctx.ocop.productState(productId).catch(() => undefined);
    const accepted = state && found(actionAnswer(state));
    if (accepted) return accepted;
    throw error;
  }
}

async function decideOne(
  ctx: ApiContext,
  request: FastifyRequest,
  actor: GrantActor,
  header: DecisionHeader,
  item: RecognitionDecisionBody['products'][number],
): Promise<{ outcome: ProductOutcome; stored?: RecognisedProduct }> {
  try {
    // A decision is its level's authority's: a rating of another level awaits another decision.
    const rated = (await ctx.ocop.productState(item.productId)).pendingRecognition?.level;
    if (rated && rated !== header.level) {
      throw new ApiProblem(
        409,
        'Conflict',
        `level: ${item.productId} was rated at level ${rated}; this decision is of level ${header.level}`,
        { kind: 'wrong-stage' },
      );
    }
    const { recognised } = await sendDecision(ctx, actor, header, item);
    return { outcome: { ...recognised, status: 'accepted' }, stored: recognised };
  } catch (error) {
    const { status, title, detail } = toProblem(error, request);
    return { outcome: { productId: item.productId, status: 'refused', problem: { status, title, detail } } };
  }
}

/**
 * The per-product route (POST /v1/products/{id}/recognition-decision): the same
 * decision, stored and announced alike, at the level the product was rated at;
 * its answer is the action's, and a refusal is the request's.
 */
export async function recordOneRecognition(
  ctx: ApiContext,
  grant: { actor: GrantActor; province: string },
  productId: string,
  body: { decision: { number: string; decidedOn: string; authority: string }; certificateNumber?: string },
): Promise<ActionAnswer> {
  const cycleId = cycleOfProduct(productId);
  const key = { province: grant.province, ...body.decision };
  const stored = await findDecisionByNumber(ctx.db, key);
  const conflict = stored && conflictWith(stored, { ...key, cycleId, level: stored.level });
  if (conflict) throw conflict;
  const sent = await sendDecision(ctx, grant.actor, body.decision, {
    productId,
    certificateNumber: body.certificateNumber,
  });
  const by = { principalId: grant.actor.principalId, grantId: grant.actor.grantId };
  await storeDecision(ctx.db, { ...key, cycleId, level: stored?.level ?? sent.level }, by, [sent.recognised]);
  return sent.answer;
}

/** Runs `work` over `items`, `limit` at a time, keeping their order. */
async function inTurn<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export async function recordRecognitionDecision(
  ctx: ApiContext,
  request: FastifyRequest,
  grant: { actor: GrantActor; province: string },
  cycleId: string,
  body: RecognitionDecisionBody,
): Promise<DecisionOutcome> {
  const header: DecisionHeader = {
    province: grant.province,
    cycleId,
    number: body.number,
    decidedOn: body.decidedOn,
    authority: body.authority,
    level: body.level,
  };
  await checkProducts(ctx, cycleId, body);
  const stored = await findDecisionByNumber(ctx.db, header);
  const conflict = stored && conflictWith(stored, header);
  if (conflict) throw conflict;
  const listed = new Map((stored?.products ?? []).map((p) => [p.productId, p]));
  const results = await inTurn(body.products, CONCURRENCY, async (item) => {
    const already = listed.get(item.productId);
    if (already) return { outcome: { ...already, status: 'accepted' as const } };
    return decideOne(ctx, request, grant.actor, header, item);
  });
  const fresh = results.flatMap((r) => (r.stored ? [r.stored] : []));
  const by = { principalId: grant.actor.principalId, grantId: grant.actor.grantId };
  const decisionId = fresh.length > 0 ? await storeDecision(ctx.db, header, by, fresh) : (stored?.id ?? null);
  return { decisionId, changed: fresh.length > 0, products: results.map((r) => r.outcome) };
}
