// One endpoint per human action. The product's place comes from the read
// model, the grant is checked against it before anything is sent, and the
// Update carries the actor of that grant: a refused request reaches no workflow.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTION_PATHS } from '../../client/api-client';
import { ProductId } from '../../domain/ids';
import type { ActionName } from '../../domain/stages';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { ACTION_BODIES, type ActionInput, type RecordRecognitionDecision } from '../../domain/product';
import { recordOneRecognition } from '../recognition-decisions';
import { ActionAnswerDoc } from '../openapi';
import { PROBLEM_RESPONSES } from '../problem';
import { productTarget } from './products';

/** What each action does, for the document; its path is the client's (ACTION_PATHS), so the two never part. */
const SUMMARIES: Record<ActionName, string> = {
  submitDossier: 'Submit the dossier (hồ sơ) of a registered product',
  reviewDossier: 'Accept a dossier, ask for a supplement, or reject it',
  submitSupplement: 'Submit the documents a review asked for',
  recordCouncilResult: "Record a council's result at its level",
  recordInspection: 'Record a post-inspection (hậu kiểm) finding',
  withdraw: 'Withdraw an application before certification',
  extendDeadline: "Extend the product's current deadline",
  recordRecognitionDecision:
    "Record the authority's recognition decision (quyết định công nhận) for one product; " +
    'POST /v1/cycles/{cycleId}/recognition-decisions records one for many',
  recordRevocationDecision:
    "Record the issuing authority's decision (quyết định thu hồi) on a revocation an inspection proposed",
};

const ENDPOINTS = (Object.keys(SUMMARIES) as ActionName[]).map((action) => ({
  path: ACTION_PATHS[action],
  action,
  summary: SUMMARIES[action],
}));

export const ProductParams = z.strictObject({ productId: ProductId });

export default async function actionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const { path, action, summary } of ENDPOINTS) {
    typed.post(
      `/v1/products/:productId/${path}`,
      {
        schema: {
          summary,
          description: `Sends the ${action} Update. The actor is the signed-in principal under the grant that allows it; a body naming an actor is refused.`,
          tags: ['actions'],
          operationId: action,
          security: [{ bearer: [] }],
          params: ProductParams,
          body: ACTION_BODIES[action],
          response: { 200: ActionAnswerDoc, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { productId } = request.params;
        const target = await productTarget(ctx, productId);
        const { actor } = requireGrant(request, action, target);
        if (action === 'recordRecognitionDecision') {
          // Stored and announced as a decision of one product, as POST /v1/cycles/{id}/recognition-decisions does.
          const body = request.body as Omit<RecordRecognitionDecision, 'actor'>;
          return recordOneRecognition(ctx, { actor, province: target.province }, productId, body);
        }
        const payload = { ...(request.body as object), actor } as ActionInput<typeof action>;
        return ctx.ocop.act(productId, action, payload);
      },
    );
  }
}
