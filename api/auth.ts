// Who is asking: every /v1 request carries a bearer access token from the
// OpenID provider. The plugin verifies it, records the principal and loads its
// grants; routes then ask `requireGrant` for the grant an operation needs, and
// the workflow Actor they send is the one it returns, never anything from a body.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { grantsOf } from '../read-model/grants';
import { upsertPrincipal } from '../read-model/principals';
import {
  actorFor,
  authorize,
  type Grant,
  type GrantActor,
  type Operation,
  type Principal,
  type Target,
} from '../domain/access';
import { TokenRejected } from './identity/verify';
import type { ApiContext } from './context';
import { ApiProblem } from './problem';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The principal's grants valid when the request arrived. */
    grants: Grant[];
    /** When the request arrived: one instant for every authorization decision it makes. */
    receivedAt: Date;
    /** The operation and grant the request was allowed, for the audit of what it changed. */
    authorized: { operation: Operation; grantId: string } | null;
    /** What a route decided that the audit must keep beside the path, e.g. a rule-set override and its reason. */
    audit: Record<string, unknown> | null;
  }
  interface FastifyContextConfig {
    /** A route under the prefix that anyone may call: what a client needs before it can sign in. */
    public?: boolean;
  }
}

/** A bearer token longer than this is refused unread. */
const MAX_AUTHORIZATION_LENGTH = 16_400;

export function unauthorized(reason: string): ApiProblem {
  return new ApiProblem(401, 'Unauthorized', `a valid bearer access token is required: ${reason}`, {
    kind: 'unauthorized',
    wwwAuthenticate: `Bearer error="invalid_token", error_description="${reason.replace(/["\\]/g, '')}"`,
  });
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) {
    throw new ApiProblem(401, 'Unauthorized', 'a bearer access token is required (Authorization: Bearer <token>)', {
      kind: 'unauthorized',
      wwwAuthenticate: 'Bearer',
    });
  }
  if (header.length > MAX_AUTHORIZATION_LENGTH) throw unauthorized('the token is too long');
  const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('the Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Principals recorded in the last minute. Recording is a committed write;
 * doing it once a minute per person keeps `last_seen_at` useful without a
 * write on every action. Grants are never cached: a revocation holds at once.
 */
class RecentPrincipals {
  private readonly seen = new Map<string, { principal: Principal; at: number }>();
  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 10_000,
  ) {}

  get(key: string, name: string | null, now: number): Principal | undefined {
    const entry = this.seen.get(key);
    if (!entry || now - entry.at > this.ttlMs || entry.principal.name !== (name ?? entry.principal.name)) return;
    return entry.principal;
  }

  set(key: string, principal: Principal, now: number): void {
    // A Map keeps insertion order: the first key is the one recorded longest ago.
    if (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value ?? key);
    this.seen.delete(key);
    this.seen.set(key, { principal, at: now });
  }
}

async function authenticate(ctx: ApiContext, recent: RecentPrincipals, request: FastifyRequest): Promise<void> {
  const token = bearerToken(request);
  let verified;
  try {
    verified = await ctx.verify(token);
  } catch (error) {
    if (error instanceof TokenRejected) throw unauthorized(error.reason);
    throw error;
  }
  request.receivedAt = new Date();
  const now = request.receivedAt.getTime();
  const key = `${verified.issuer}\u0000${verified.subject}`;
  let principal = recent.get(key, verified.name, now);
  if (!principal) {
    principal = await upsertPrincipal(ctx.db, {
      issuer: verified.issuer,
      subject: verified.subject,
      name: verified.name,
      kind: verified.kind,
    });
    recent.set(key, principal, now);
  }
  request.principal = principal;
  request.grants = await grantsOf(ctx.db, verified.issuer, verified.subject, request.receivedAt);
}

/** One row of api_actions: who did what under which grant; never the body, which holds personal data. */
async function recordAction(ctx: ApiContext, request: FastifyRequest, status: number): Promise<void> {
  const { operation, grantId } = request.authorized ?? {};
  if (!operation) return;
  await ctx.db
    .insertInto('api_actions')
    .values({
      principal_id: request.principal.id,
      grant_id: grantId ?? null,
      operation,
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0] ?? '',
      params: JSON.stringify({ ...(request.params ?? {}), ...request.audit }),
      status,
      request_id: request.id,
    })
    .execute();
}

/**
 * Authenticates every request under `prefix` (401 otherwise) but those of a
 * route configured `public`; others pass untouched. Installed on the root
 * instance, so it runs before any route's validation: an anonymous caller
 * learns nothing about a route's body.
 */
export function installAuth(app: FastifyInstance, ctx: ApiContext, prefix: string): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('grants', null as unknown as Grant[]);
  app.decorateRequest('receivedAt', null as unknown as Date);
  app.decorateRequest('authorized', null);
  app.decorateRequest('audit', null);
  const recent = new RecentPrincipals();
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return;
    if (request.routeOptions.config.public === true) return;
    await authenticate(ctx, recent, request);
  });
  // Before the answer leaves, so whoever reads the audit after an answer finds the row.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method === 'GET' || !request.authorized || reply.statusCode >= 400) return payload;
    await recordAction(ctx, request, reply.statusCode).catch((error: unknown) =>
      request.log.error({ err: error }, 'the API action could not be recorded in api_actions'),
    );
    return payload;
  });
}

/**
 * The grant that allows `operation` on `target`, and the workflow actor acting
 * under it; a 403 naming the missing grant otherwise. Call it before any Update
 * or write, so a refused request leaves nothing behind.
 */
export function requireGrant(
  request: FastifyRequest,
  operation: Operation,
  target: Target,
): { grant: Grant; actor: GrantActor } {
  const decision = authorize(request.grants, operation, target, request.receivedAt ?? new Date());
  if (!decision.allowed) {
    throw new ApiProblem(403, 'Forbidden', `${operation} needs ${decision.missing}`, {
      kind: 'missing-grant',
      missingGrant: decision.missing,
    });
  }
  const { grant } = decision;
  request.authorized = { operation, grantId: grant.id };
  const principal = request.principal;
  // A province admin acts on no workflow: its actor is asked for only by workflow actions, which it is never granted.
  return {
    grant,
    get actor() {
      return actorFor(principal, grant);
    },
  };
}
