// The outbox of a province, one line per recipient and channel, and the retry
// of failed deliveries. The API holds no SMTP or webhook secret: a retry is a
// short workflow whose activity re-delivers on the worker, and the API waits
// for its answer a bounded time.
import { WorkflowFailedError } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { translate } from '../../client/errors';
import type { RetriedDelivery, RetryDeliveries } from '../../activities/operations';
import { Instant, LevelId, Role } from '../../domain/schemas';
import { retryNotifications } from '../../workflows/operations/retry-notifications';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { ApiProblem } from '../problem';
import { BEARER, Cursor, Limit, problems, ProvinceQuery, provinceFor, REFUSALS } from './operator';

const OPERATION = 'manageNotifications';
const DeliveryStatus = z.enum(['pending', 'sent', 'failed']);
/** How long a retry request waits for the worker before it answers 202 and leaves the retry running. */
export const RETRY_WAIT_MS = 30_000;

export const DeliveryView = z
  .object({
    id: z.string().max(20),
    notificationId: z.string().max(20),
    province: z.string().max(3).nullable(),
    productId: z.string().max(20).nullable(),
    template: z.string().max(60),
    channel: z.enum(['email', 'webhook', 'log']),
    status: DeliveryStatus,
    permanent: z.boolean().describe('the receiver refused it for good (a 4xx): only a retry sends it again'),
    recipient: z
      .string()
      .max(320)
      .describe("an email address, or role and contact id; masked unless a person acts as the province's coordinator"),
    role: Role,
    level: LevelId.nullable(),
    attempts: z.number().int().min(0),
    lastError: z.string().max(2000).nullable(),
    createdAt: Instant,
    sentAt: Instant.nullable(),
  })
  .meta({ id: 'NotificationDelivery' });
type DeliveryView = z.infer<typeof DeliveryView>;

const RetryAnswer = z
  .object({
    workflowId: z.string().max(200),
    finished: z.boolean().describe('false when the worker had not answered in time: the retry goes on'),
    sent: z.number().int().min(0),
    failed: z.number().int().min(0),
    retried: z.array(DeliveryView).max(500),
  })
  .meta({ id: 'NotificationRetry' });
type RetryAnswer = z.infer<typeof RetryAnswer>;

/** `ha.nong@caobang.gov.vn` → `h•••@caobang.gov.vn`; ids without an address are no one's personal data. */
export function maskAddress(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  return at < 1 ? recipient : `${recipient[0]}•••${recipient.slice(at)}`;
}

/** Addresses are personal data: shown to a person acting as coordinator, masked for portals and integrations. */
function showsAddresses(request: FastifyRequest, province: string): boolean {
  return (
    request.principal.kind === 'person' && requireGrant(request, OPERATION, { province }).grant.role === 'coordinator'
  );
}

function deliveries(ctx: ApiContext) {
  return ctx.db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select(['d.id', 'd.notification_id', 'n.template', 'd.channel', 'd.status', 'd.permanent', 'd.recipient'])
    .select(['d.role', 'd.level', 'd.attempts', 'd.last_error', 'd.created_at', 'd.sent_at'])
    .select([
      sql<string | null>`n.payload->>'province'`.as('province'),
      sql<string | null>`n.payload->>'productId'`.as('product_id'),
    ]);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveries>['execute']>>[number];

function toView(row: DeliveryRow, unmasked: boolean): DeliveryView {
  const mask = (text: string | null) =>
    text === null || unmasked ? text : text.replace(/[^\s:;,<>"']+@[^\s:;,<>"']+/g, maskAddress);
  return {
    id: String(row.id),
    notificationId: String(row.notification_id),
    province: row.province,
    productId: row.product_id,
    template: row.template,
    channel: z.enum(['email', 'webhook', 'log']).parse(row.channel),
    status: DeliveryStatus.parse(row.status),
    permanent: row.permanent,
    recipient: unmasked ? row.recipient : maskAddress(row.recipient),
    role: Role.parse(row.role),
    level: LevelId.nullable().parse(row.level),
    attempts: row.attempts,
    lastError: mask(row.last_error),
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/** Runs the retry on the worker; the workflow id is the request's, so a repeated request joins the running one. */
async function retryOnWorker(ctx: ApiContext, req: RetryDeliveries, unmasked: boolean): Promise<RetryAnswer> {
  const workflowId = `ocop-notification-retry-${req.province}-${req.ids ? req.ids.join('-') : 'all-failed'}`;
  let outcome: RetriedDelivery[] | 'waiting';
  try {
    const handle = await ctx.ocop.client.workflow.start(retryNotifications, {
      workflowId,
      taskQueue: ctx.ocop.taskQueue,
      args: [req],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowExecutionTimeout: '15 minutes',
      staticSummary: `Retry of failed notifications in ${req.province}`,
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'waiting'>((resolve) => {
      timer = setTimeout(() => resolve('waiting'), RETRY_WAIT_MS);
    });
    outcome = await Promise.race([handle.result(), waited]).finally(() => clearTimeout(timer));
  } catch (error) {
    if (error instanceof WorkflowFailedError) {
      throw new ApiProblem(503, 'Service Unavailable', `the worker could not retry the deliveries (${workflowId})`);
    }
    throw translate(error, `notification retry ${workflowId}`);
  }
  if (outcome === 'waiting') return { workflowId, finished: false, sent: 0, failed: 0, retried: [] };
  const ids = outcome.map((o) => o.id);
  const rows = ids.length ? await deliveries(ctx).where('d.id', 'in', ids).orderBy('d.id').execute() : [];
  return {
    workflowId,
    finished: true,
    sent: outcome.filter((o) => o.status === 'sent').length,
    failed: outcome.filter((o) => o.status === 'failed').length,
    retried: rows.map((r) => toView(r, unmasked)),
  };
}

const retryResponses = {
  200: RetryAnswer.describe('the worker retried the deliveries'),
  202: RetryAnswer.describe('the worker has not answered in time; the retry goes on'),
};

export default async function notificationRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/notifications',
    {
      schema: {
        summary: "The province's outbox: one line per recipient and channel, newest first",
        tags: ['notifications'],
        security: BEARER,
        querystring: z.object({
          province: ProvinceQuery,
          status: DeliveryStatus.optional(),
          limit: Limit(200, 50),
          cursor: Cursor.optional(),
        }),
        response: {
          200: z.object({ items: z.array(DeliveryView).max(200), nextCursor: z.string().nullable() }),
          ...problems(...REFUSALS),
        },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const province = provinceFor(request, OPERATION, request.query.province);
      let query = deliveries(ctx).where(sql<string>`n.payload->>'province'`, '=', province);
      if (status) query = query.where('d.status', '=', status);
      if (cursor) query = query.where('d.id', '<', cursor);
      const rows = await query.orderBy('d.id', 'desc').limit(limit).execute();
      const unmasked = showsAddresses(request, province);
      return {
        items: rows.map((r) => toView(r, unmasked)),
        nextCursor: rows.length === limit ? String(rows.at(-1)?.id) : null,
      };
    },
  );

  api.post(
    '/v1/notifications/:id/retry',
    {
      schema: {
        summary: 'Send one failed delivery again, from the worker, under its original key',
        tags: ['notifications'],
        security: BEARER,
        params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a delivery id (digits)') }),
        response: { ...retryResponses, ...problems(...REFUSALS, 404, 409) },
      },
    },
    async (request, reply) => {
      // Refused before the delivery is read when the caller manages no outbox at all.
      provinceFor(request, OPERATION);
      const row = await deliveries(ctx).where('d.id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new ApiProblem(404, 'Not Found', `no delivery ${request.params.id}`);
      const province = row.province ?? '';
      requireGrant(request, OPERATION, { province });
      if (row.status !== 'failed') {
        throw new ApiProblem(409, 'Conflict', `delivery ${row.id} is ${row.status}; only a failed delivery is retried`);
      }
      const answer = await retryOnWorker(ctx, { province, ids: [String(row.id)] }, showsAddresses(request, province));
      return reply.code(answer.finished ? 200 : 202).send(answer);
    },
  );

  api.post(
    '/v1/notifications/retry-failed',
    {
      schema: {
        summary: 'Send every failed delivery of the province again, from the worker (at most 100 at once)',
        tags: ['notifications'],
        security: BEARER,
        querystring: z.object({ province: ProvinceQuery }),
        response: { ...retryResponses, ...problems(...REFUSALS) },
      },
    },
    async (request, reply) => {
      const province = provinceFor(request, OPERATION, request.query.province);
      const answer = await retryOnWorker(ctx, { province }, showsAddresses(request, province));
      return reply.code(answer.finished ? 200 : 202).send(answer);
    },
  );
}
