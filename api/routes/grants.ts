// Users and grants: a province admin gives and revokes the grants of its own
// province, never another's, and never its own. Every change is written with
// its grant_changes row in one transaction (read-model/grants.ts), naming the
// principal who made it and the grant it used.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addGrant,
  getGrant,
  GrantChangeRefused,
  type GrantChanger,
  LIST_LIMIT_MAX,
  listGrantChanges,
  listGrants,
  revokeGrant,
} from '../../read-model/grants';
import { Grant, GranteeSubject, GrantInputFields, GrantRole, Reason, refineGrantInput } from '../../domain/access';
import { nameText } from '../../domain/text';
import { Instant } from '../../domain/schemas';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { ApiProblem } from '../problem';
import { BEARER, Cursor, Limit, problems, ProvinceQuery, provinceFor, REFUSALS } from './operator';

const OPERATION = 'manageGrants';
const GrantId = z.string().regex(/^\d{1,18}$/, 'must be a grant id (digits)');
const Issuer = z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of an OpenID issuer' }).max(2048);

const GrantRequest = GrantInputFields.extend({
  issuer: Issuer.optional().describe("the grantee's OpenID issuer; by default the one your token is from"),
  subject: GranteeSubject.describe("the grantee's `sub`: a login, or a client id for a service account"),
  displayName: nameText().optional().describe('shown until the grantee first signs in'),
  reason: Reason,
})
  .superRefine(refineGrantInput)
  .meta({ id: 'GrantRequest' });

const GrantDocument = Grant.meta({ id: 'Grant' });

const GrantChangeDocument = z
  .object({
    id: z.string().max(20),
    grantId: z.string().max(20),
    change: z.enum(['granted', 'revoked']),
    by: z.object({
      issuer: z.string().max(2048),
      subject: z.string().max(255),
      grantId: z.string().max(20).nullable(),
    }),
    reason: z.string().max(500).nullable(),
    details: z.record(z.string().max(40), z.unknown()),
    at: Instant,
  })
  .meta({ id: 'GrantChange' });

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item).max(LIST_LIMIT_MAX), nextCursor: z.string().max(20).nullable() });

/** The changer is who the token names and the province_admin grant the request used. */
function changer(request: FastifyRequest, province: string): GrantChanger {
  const { grant } = requireGrant(request, OPERATION, { province });
  return { issuer: request.principal.issuer, subject: request.principal.subject, grantId: grant.id };
}

/** An admin who could change its own grants could give itself any power; another admin must. */
function refuseOwn(request: FastifyRequest, grantee: { issuer: string; subject: string }): void {
  if (grantee.issuer === request.principal.issuer && grantee.subject === request.principal.subject) {
    throw new ApiProblem(403, 'Forbidden', 'a province admin does not change its own grants; another admin must', {
      missingGrant: 'a province_admin grant held by someone else',
    });
  }
}

function refused(error: unknown): never {
  if (!(error instanceof GrantChangeRefused)) throw error;
  const status = { invalid: 400, 'not-found': 404, 'already-revoked': 409, duplicate: 409 }[error.refusal];
  const [field, ...rule] = error.message.split(': ');
  const extras =
    error.refusal === 'invalid' && rule.length ? { errors: [{ field, rule: rule.join(': ') }] } : ({} as object);
  throw new ApiProblem(
    status,
    { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' }[status] ?? 'Conflict',
    error.message,
    { ...extras, ...(error.existing ? { grantId: error.existing.id } : {}) },
  );
}

/** Names the grantee for lists and timelines before its first sign-in; a name its tokens give wins later. */
async function rememberName(ctx: ApiContext, issuer: string, subject: string, name: string | undefined) {
  if (!name) return;
  await ctx.db
    .insertInto('principals')
    .values({ issuer, subject, display_name: name, kind: 'person' })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();
}

export default async function grantRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/v1/grants',
    {
      schema: {
        summary: "The province's grants, oldest first",
        tags: ['grants'],
        security: BEARER,
        querystring: z.object({
          province: ProvinceQuery,
          subject: GranteeSubject.optional(),
          issuer: Issuer.optional(),
          role: GrantRole.optional(),
          includeRevoked: z.enum(['true', 'false']).optional().describe('revoked grants too'),
          limit: Limit(LIST_LIMIT_MAX, 100),
          cursor: Cursor.optional(),
        }),
        response: { 200: page(GrantDocument), ...problems(...REFUSALS) },
      },
    },
    async (request) => {
      const q = request.query;
      const province = provinceFor(request, OPERATION, q.province);
      const items = await listGrants(ctx.db, {
        province,
        subject: q.subject,
        issuer: q.issuer,
        role: q.role,
        includeRevoked: q.includeRevoked === 'true',
        after: q.cursor,
        limit: q.limit,
      });
      return { items, nextCursor: items.length === q.limit ? (items.at(-1)?.id ?? null) : null };
    },
  );

  api.post(
    '/v1/grants',
    {
      schema: {
        summary: 'Give a grant: a role within a scope of your province, for a period',
        tags: ['grants'],
        security: BEARER,
        body: GrantRequest,
        response: { 201: GrantDocument, ...problems(...REFUSALS, 409) },
      },
    },
    async (request, reply) => {
      const { issuer, subject, displayName, reason, ...input } = request.body;
      const by = changer(request, input.scope.province);
      const grantee = { issuer: issuer ?? request.principal.issuer, subject };
      refuseOwn(request, grantee);
      const grant = await addGrant(ctx.db, { ...grantee, ...input }, by, reason).catch(refused);
      await rememberName(ctx, grantee.issuer, grantee.subject, displayName);
      return reply.code(201).send(grant);
    },
  );

  api.delete(
    '/v1/grants/:id',
    {
      schema: {
        summary: 'Revoke a grant from now on',
        tags: ['grants'],
        security: BEARER,
        params: z.object({ id: GrantId }),
        body: z.object({ reason: Reason }),
        response: { 200: GrantDocument, ...problems(...REFUSALS, 404, 409) },
      },
    },
    async (request) => {
      // Refused before the grant is read when the caller administers no province at all.
      provinceFor(request, OPERATION);
      const grant = await getGrant(ctx.db, request.params.id);
      if (!grant) throw new ApiProblem(404, 'Not Found', `grant ${request.params.id} does not exist`);
      const by = changer(request, grant.scope.province);
      refuseOwn(request, grant);
      return revokeGrant(ctx.db, grant.id, by, request.body.reason).catch(refused);
    },
  );

  api.get(
    '/v1/grant-changes',
    {
      schema: {
        summary: "Every change to the province's grants, oldest first, with who made it and under which grant",
        tags: ['grants'],
        security: BEARER,
        querystring: z.object({
          province: ProvinceQuery,
          grantId: GrantId.optional(),
          limit: Limit(LIST_LIMIT_MAX, 100),
          cursor: Cursor.optional(),
        }),
        response: { 200: page(GrantChangeDocument), ...problems(...REFUSALS) },
      },
    },
    async (request) => {
      const q = request.query;
      const province = provinceFor(request, OPERATION, q.province);
      const items = await listGrantChanges(ctx.db, {
        province,
        grantId: q.grantId,
        after: q.cursor,
        limit: q.limit,
      });
      return { items, nextCursor: items.length === q.limit ? (items.at(-1)?.id ?? null) : null };
    },
  );
}
