// The recognition decisions (quyết định công nhận) of a cycle: recording one
// for many products, their public announcement (a list per decision), the
// export for the national OCOP system, and the announced revocations
// (quyết định thu hồi). Announcements need no token and carry no personal data.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  announcedDecision,
  DECISIONS_LIMIT_DEFAULT,
  DECISIONS_LIMIT_MAX,
  listDecisions,
  listRevocations,
} from '../../read-model/decisions';
import { CycleId } from '../../domain/ids';
import { RevocationGround } from '../../domain/recognition';
import { ProvinceCode } from '../../domain/schemas';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { DECISION_CSV_HEADER, decisionCsv } from '../decision-csv';
import { RecognitionDecisionBody } from '../../domain/recognition';
import { ProductOutcome, recordRecognitionDecision } from '../recognition-decisions';
import { notFound, PROBLEM_RESPONSES } from '../problem';
import { provinceOf } from './cycles';
import { Limit, problems } from './operator';

const Text = (max: number) => z.string().max(max);

const DecisionSummary = z
  .object({
    decisionId: Text(20),
    province: Text(3),
    cycleId: Text(20),
    year: z.number().int().describe('the year the decision was issued, on Vietnam’s calendar'),
    number: Text(64),
    decidedOn: Text(40),
    authority: Text(200),
    level: Text(20),
    products: z.number().int().min(1).describe('how many products it recognises'),
  })
  .meta({ id: 'RecognitionDecisionSummary' });

const AnnouncedProduct = z.object({
  productId: Text(20),
  productName: Text(300),
  productGroup: Text(100),
  subjectName: Text(300).describe(
    "the subject (chủ thể OCOP) as registered: a cooperative's, a firm's or a household business's name",
  ),
  subjectType: Text(50),
  unit: Text(5).nullable().describe('the district (148) or commune (1489) code'),
  stars: z.number().int().min(1).max(5),
  certificateNumber: Text(64),
  validUntil: Text(40),
});

const AnnouncedDecision = DecisionSummary.extend({
  items: z.array(AnnouncedProduct).max(DECISIONS_LIMIT_MAX),
}).meta({ id: 'RecognitionDecision' });

const DecisionAnswer = z
  .object({
    decisionId: Text(20).nullable().describe('null when no product was accepted: nothing was stored'),
    changed: z.boolean().describe('false for a retry that found everything already recorded'),
    accepted: z.number().int(),
    refused: z.number().int(),
    products: z.array(ProductOutcome).max(500),
  })
  .meta({ id: 'RecognitionDecisionAnswer' });

const AnnouncedRevocation = z
  .object({
    productId: Text(20),
    productName: Text(300),
    subjectName: Text(300),
    province: Text(3),
    certificateNumber: Text(64).nullable(),
    number: Text(64),
    decidedOn: Text(40),
    authority: Text(200),
    ground: RevocationGround,
  })
  .meta({ id: 'AnnouncedRevocation' });

const DecisionParams = z.strictObject({
  decisionId: z.string().regex(/^\d{1,18}$/, 'must be the decisionId of a recognition decision'),
});
const Year = z.coerce.number().int('must be a whole year').min(2018).max(2100);
const PUBLIC = { config: { public: true } } as const;
const CACHE = 'public, max-age=60';

export default async function decisionRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/cycles/:cycleId/recognition-decisions',
    {
      schema: {
        summary: 'Record a recognition decision (quyết định công nhận) for the products it lists',
        description:
          'Sends recordRecognitionDecision to each product and answers, product by product, accepted (with its ' +
          'certificate, valid 36 months from decidedOn) or refused (with the problem). The decision is stored once ' +
          'with the accepted products; a refused product is not listed. A retry of the same number, date, authority ' +
          'and level sends nothing for a product already listed; the same number with another date, authority or ' +
          'level is refused with 409. A body with a bad field, or a product not of this cycle, changes nothing.',
        tags: ['decisions'],
        security: [{ bearer: [] }],
        params: z.strictObject({ cycleId: CycleId }),
        body: RecognitionDecisionBody,
        response: { 200: DecisionAnswer, 201: DecisionAnswer, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const { cycleId } = request.params;
      const province = provinceOf(cycleId);
      const { actor } = requireGrant(request, 'recordRecognitionDecision', { province });
      const outcome = await recordRecognitionDecision(ctx, request, { actor, province }, cycleId, request.body);
      const accepted = outcome.products.filter((p) => p.status === 'accepted').length;
      return reply
        .code(outcome.changed ? 201 : 200)
        .send({ ...outcome, accepted, refused: outcome.products.length - accepted });
    },
  );

  typed.get(
    '/v1/recognition-decisions',
    {
      ...PUBLIC,
      schema: {
        summary: 'The recognition decisions announced, newest first (no token needed)',
        tags: ['decisions'],
        security: [],
        querystring: z.strictObject({
          province: ProvinceCode.optional(),
          year: Year.optional().describe('the year the decision was issued'),
          cycle: CycleId.optional(),
          limit: Limit(DECISIONS_LIMIT_MAX, DECISIONS_LIMIT_DEFAULT),
        }),
        response: { 200: z.array(DecisionSummary).max(DECISIONS_LIMIT_MAX), ...problems(400, 429, 503) },
      },
    },
    async (request, reply) => reply.header('cache-control', CACHE).send(await listDecisions(ctx.db, request.query)),
  );

  typed.get(
    '/v1/recognition-decisions/:decisionId',
    {
      ...PUBLIC,
      schema: {
        summary: 'A recognition decision as announced: the products it recognises (no token needed)',
        tags: ['decisions'],
        security: [],
        params: DecisionParams,
        response: { 200: AnnouncedDecision, ...problems(400, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const decision = await announcedDecision(ctx.db, request.params.decisionId);
      if (!decision) throw notFound(`no recognition decision ${request.params.decisionId} is announced`);
      return reply.header('cache-control', CACHE).send(decision);
    },
  );

  typed.get(
    '/v1/recognition-decisions/:decisionId/export.csv',
    {
      ...PUBLIC,
      schema: {
        summary: 'A recognition decision as CSV, for the national OCOP information system (no token needed)',
        description:
          'UTF-8 with a byte order mark; dates dd/MM/yyyy in Asia/Ho_Chi_Minh. A text cell that a spreadsheet would ' +
          "read as a formula (starting with = + - @, a tab or a carriage return) is written with a leading '.",
        tags: ['decisions'],
        security: [],
        params: DecisionParams,
        response: {
          200: {
            description: 'the CSV',
            content: { 'text/csv': { schema: z.string().describe(DECISION_CSV_HEADER) } },
          },
          ...problems(400, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const decision = await announcedDecision(ctx.db, request.params.decisionId);
      if (!decision) throw notFound(`no recognition decision ${request.params.decisionId} is announced`);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ocop-decision-${decision.decisionId}.csv"`)
        .send(decisionCsv(decision));
    },
  );

  typed.get(
    '/v1/revocation-decisions',
    {
      ...PUBLIC,
      schema: {
        summary: 'The revocations (thu hồi) the issuing authorities decided, newest first (no token needed)',
        description: 'A declined proposal is no revocation and is not listed.',
        tags: ['decisions'],
        security: [],
        querystring: z.strictObject({
          province: ProvinceCode.optional(),
          year: Year.optional().describe('the year the decision was issued'),
          limit: Limit(DECISIONS_LIMIT_MAX, DECISIONS_LIMIT_DEFAULT),
        }),
        response: { 200: z.array(AnnouncedRevocation).max(DECISIONS_LIMIT_MAX), ...problems(400, 429, 503) },
      },
    },
    async (request, reply) => reply.header('cache-control', CACHE).send(await listRevocations(ctx.db, request.query)),
  );
}
