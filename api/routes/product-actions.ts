// What a product's page adds for the signed-in caller: the actions it may take
// now, each with the endpoint to send it to, and for the province's staff the
// product's workflow in Temporal UI.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACTION_PATHS } from '../../client/api-client';
import { type Grant, isActive } from '../../domain/access';
import { availableActions, type ProductNow } from '../../domain/available-actions';
import type { ApiConfig } from '../config';
import { ACTIONS } from './tasks';

export const ProductAction = z
  .object({
    action: z.enum(ACTIONS),
    path: z.string().max(200).describe('where to POST it'),
  })
  .meta({ id: 'ProductAction' });
export type ProductAction = z.infer<typeof ProductAction>;

export function actionsFor(request: FastifyRequest, productId: string, product: ProductNow): ProductAction[] {
  return availableActions(request.grants, request.principal, product, request.receivedAt).map((action) => ({
    action,
    path: `/v1/products/${productId}/${ACTION_PATHS[action]}`,
  }));
}

/** Those who run the province's programme follow a product into its workflow's history. */
const PROVINCE_STAFF: readonly Grant['role'][] = ['coordinator', 'province_admin'];

export function workflowUrlFor(
  config: ApiConfig,
  grants: readonly Grant[],
  product: { province: string; workflowId: string },
  now: Date,
): string | null {
  if (!config.temporalUiUrl) return null;
  const staff = grants.some(
    (g) => isActive(g, now) && PROVINCE_STAFF.includes(g.role) && g.scope.province === product.province,
  );
  if (!staff) return null;
  const namespace = encodeURIComponent(config.temporal.namespace);
  return `${config.temporalUiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(product.workflowId)}`;
}
