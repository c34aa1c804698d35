// The one error handler: whatever went wrong becomes an RFC 9457 problem
// document with the status the contract gives it. Validation names the field
// and the rule; a 5xx tells nothing of the internals (it is logged instead).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { OcopError, type OcopErrorKind } from '../client/errors';
import { describeDatabaseError } from '../db/errors';
import { ApiProblem, type FieldError, problemBody, statusTitle } from './problem';

const KIND_STATUS: Record<OcopErrorKind, number> = {
  ValidationError: 400,
  Forbidden: 403,
  NotFound: 404,
  WrongStage: 409,
  AlreadyExists: 409,
  DeadlinePassed: 422,
  Unavailable: 503,
};

const KIND_NAME: Record<OcopErrorKind, string> = {
  ValidationError: 'validation',
  Forbidden: 'refused',
  NotFound: 'not-found',
  WrongStage: 'wrong-stage',
  AlreadyExists: 'already-exists',
  DeadlinePassed: 'deadline-passed',
  Unavailable: 'unavailable',
};

// SQLSTATE classes of a database that cannot serve: connection exceptions, shutdown, too many clients.
const PG_UNAVAILABLE = /^(08|57P0[1-3]|53300)/;

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { keys?: unknown };
}

function dotted(instancePath: string | undefined): string {
  return (instancePath ?? '').replace(/^\//, '').split('/').filter(Boolean).join('.');
}

/** One entry per field: an unknown key names the key itself. */
export function fieldErrors(issues: readonly ZodIssueLike[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = dotted(issue.instancePath);
    const keys = Array.isArray(issue.params?.keys) ? issue.params.keys.map(String) : [];
    if (keys.length > 0) {
      return keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        rule: key === 'actor' ? 'is not accepted: the actor is who the access token names' : 'is not a known field',
      }));
    }
    return [{ field: path, rule: (issue.message ?? 'is invalid').slice(0, 1000) }];
  });
}

/** `what: a.b: rule; c: rule` as the client library words a ValidationError. */
function errorsOfMessage(message: string): FieldError[] {
  const body = message.replace(/^[\w ]+: (?=[\w.]+: )/, '');
  return body.split('; ').flatMap((part) => {
    const match = /^([\w.]+): (.+)$/s.exec(part);
    return match?.[1] && match[2] ? [{ field: match[1], rule: match[2] }] : [];
  });
}

function isPgError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && PG_UNAVAILABLE.test(code);
}

export function toProblem(error: unknown, request: FastifyRequest): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrors(error.validation).slice(0, 100);
    const where = (error as { validationContext?: string }).validationContext ?? 'request';
    const detail = `${where}: ${errors.map((e) => (e.field ? `${e.field}: ${e.rule}` : e.rule)).join('; ')}`;
    return new ApiProblem(400, 'Bad Request', detail.slice(0, 4000), { kind: 'validation', errors });
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ issues: error.cause.issues.slice(0, 10) }, 'response does not match its schema');
    return new ApiProblem(500, 'Internal Server Error', 'the server could not answer', { kind: 'internal' });
  }
  if (error instanceof OcopError) {
    const status = KIND_STATUS[error.kind];
    const extras = status === 400 ? { errors: errorsOfMessage(error.message) } : {};
    return new ApiProblem(status, statusTitle(status), error.message.slice(0, 4000), {
      kind: KIND_NAME[error.kind],
      ...extras,
    });
  }
  if (describeDatabaseError(error) || isPgError(error)) {
    request.log.error({ code: (error as { code?: string }).code }, 'PostgreSQL is unreachable');
    return new ApiProblem(503, 'Service Unavailable', 'the database is unreachable; try again later', {
      kind: 'unavailable',
    });
  }
  const fastify = error as Partial<FastifyError>;
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    // Fastify's own client errors (bad JSON, too large, unsupported media type) say nothing internal.
    return new ApiProblem(fastify.statusCode, statusTitle(fastify.statusCode), fastify.message ?? 'bad request', {
      kind: (fastify.code ?? 'client-error').toLowerCase(),
    });
  }
  request.log.error({ err: error }, 'unexpected error');
  return new ApiProblem(500, 'Internal Server Error', 'the server could not answer', { kind: 'internal' });
}

export async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(error, request);
  const { wwwAuthenticate, ...extras } = problem.extras;
  if (typeof wwwAuthenticate === 'string') reply.header('WWW-Authenticate', wwwAuthenticate);
  if (problem.status === 429) reply.header('Retry-After', '60');
  const body = problemBody(
    new ApiProblem(problem.status, problem.title, problem.detail, extras),
    (request.url.split('?')[0] ?? '').slice(0, 2000),
  );
  return reply.code(problem.status).type('application/problem+json').send(body);
}

export async function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '';
  const problem = new ApiProblem(404, 'Not Found', `no route ${request.method} ${path.slice(0, 200)}`, {
    kind: 'no-route',
  });
  return handleError(problem, request, reply);
}
