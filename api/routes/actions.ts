// One endpoint per human action. The product's place comes from the read
// model, the grant is checked against it before anything is sent, and the
// Update carries the actor of that grant: a refused request reaches no workflow.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActionPayload } from '../../client/ocop-client';
import { ProductId } from '../../domain/ids';
import type { ActionName } from '../../domain/stages';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { ACTION_BODIES } from '../../domain/product';
import { ProductStateDoc } from '../openapi';
import { PROBLEM_RESPONSES } from '../problem';
import { productTarget } from './products';

const ENDPOINTS: { path: string; action: ActionName; summary: string }[] = [
  { path: 'dossier', action: 'submitDossier', summary: 'Submit the dossier (hồ sơ) of a registered product' },
  { path: 'dossier-review', action: 'reviewDossier', summary: 'Accept a dossier, ask for a supplement, or reject it' },
  { path: 'supplement', action: 'submitSupplement', summary: 'Submit the documents a review asked for' },
  { path: 'council-results', action: 'recordCouncilResult', summary: "Record a council's result at its level" },
  { path: 'inspections', action: 'recordInspection', summary: 'Record a post-inspection (hậu kiểm) finding' },
  { path: 'withdrawal', action: 'withdraw', summary: 'Withdraw an application before certification' },
  { path: 'deadline-extensions', action: 'extendDeadline', summary: "Extend the product's current deadline" },
];

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
          response: { 200: ProductStateDoc, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { productId } = request.params;
        const target = await productTarget(ctx, productId);
        const { actor } = requireGrant(request, action, target);
        const payload = { ...(request.body as object), actor } as ActionPayload<typeof action>;
        return ctx.ocop.act(productId, action, payload);
      },
    );
  }
}
