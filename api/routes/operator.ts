// What the province-wide resources share (reports, notifications, contacts,
// schedules, grants): the bearer requirement, the problem responses, the
// province an operation is asked for, and id cursors.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { mayDo, type Operation } from '../../domain/access';
import { ProvinceCode } from '../../domain/schemas';
import { requireGrant } from '../auth';
import { ApiProblem, ProblemDocument } from '../problem';

export const BEARER = [{ bearer: [] }];

/** The problem documents a route may answer with, for its response schema. */
export function problems<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(statuses.map((s) => [s, ProblemDocument])) as Record<S[number], typeof ProblemDocument>;
}

/** The usual refusals of an authenticated route. */
export const REFUSALS = [400, 401, 403, 503] as const;

/**
 * The province a province-wide request is about: the one asked for, or the
 * first the caller's grants allow the operation in. A caller with no such grant
 * is refused here, naming the grant it lacks, before anything is read.
 */
export function provinceFor(request: FastifyRequest, operation: Operation, asked?: string): string {
  const province =
    asked ??
    request.grants
      .filter((g) => mayDo(g.role, operation))
      .map((g) => g.scope.province)
      .sort()[0] ??
    request.grants[0]?.scope.province;
  if (!province) {
    throw new ApiProblem(403, 'Forbidden', `${operation} needs a grant, and this principal holds none`, {
      missingGrant: `a grant that allows ${operation}`,
    });
  }
  requireGrant(request, operation, { province });
  return province;
}

export const ProvinceQuery = ProvinceCode.optional().describe(
  'the province; by default the first one your grants allow this in',
);

/** An opaque page cursor: the id of the last item of the previous page. */
export const Cursor = z
  .string()
  .regex(/^\d{1,18}$/, 'must be the nextCursor of the previous page')
  .describe('the nextCursor of the previous page');

export const Limit = (max: number, fallback: number) =>
  z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)
    .default(fallback);
