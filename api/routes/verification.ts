// The consistency check of a cycle for its province's OCOP office: every
// product's workflow against the read model, the certificates and the outbox.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CycleVerification } from '../../domain/consistency';
import { CycleId, provinceOfId } from '../../domain/ids';
import { verifyCycleConsistency } from '../../read-model/consistency-reads';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { PROBLEM_RESPONSES } from '../problem';
import { BEARER } from './operator';

const VerificationDocument = CycleVerification.meta({ id: 'CycleVerification' });

export default async function verificationRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/cycles/:cycleId/verification',
    {
      schema: {
        tags: ['cycles'],
        security: BEARER,
        summary: "The consistency check of a cycle: each product's workflow against the tables, with repairs",
        description:
          'Reads every product of the cycle from Temporal (describe, the state query, the notices its runs ' +
          'scheduled) and compares it with products, product_events, certificates and the outbox. ' +
          'consistent is false when any difference is listed. Coordinators only; 503 while no worker answers.',
        params: z.strictObject({ cycleId: CycleId }),
        response: { 200: VerificationDocument, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      requireGrant(request, 'verifyCycle', { province: provinceOfId(request.params.cycleId) });
      return verifyCycleConsistency(ctx.db, ctx.ocop, request.params.cycleId);
    },
  );
}
