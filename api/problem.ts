// RFC 9457 problem details: the one shape every 4xx and 5xx of the API takes.
import { z } from 'zod';

export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const FieldError = z.object({
  /** The dotted path of the field, e.g. `documents.0.name`; empty for the whole body. */
  field: z.string().max(500),
  /** The rule it broke, as the domain's schema words it. */
  rule: z.string().max(1000),
});
export type FieldError = z.infer<typeof FieldError>;

export const ProblemDocument = z
  .object({
    type: z.string().max(200),
    title: z.string().max(200),
    status: z.number().int().min(400).max(599),
    detail: z.string().max(4000),
    instance: z.string().max(2100),
    errors: z.array(FieldError).max(100).optional(),
    missingGrant: z.string().max(500).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });
export type ProblemDocument = z.infer<typeof ProblemDocument>;

/** The error statuses every authenticated route may answer with, for its response schema. */
export const PROBLEM_RESPONSES = {
  400: ProblemDocument,
  401: ProblemDocument,
  403: ProblemDocument,
  404: ProblemDocument,
  409: ProblemDocument,
  413: ProblemDocument,
  415: ProblemDocument,
  422: ProblemDocument,
  429: ProblemDocument,
  500: ProblemDocument,
  503: ProblemDocument,
} as const;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** The `type` URI of a problem: a stable name clients can branch on. */
export function problemType(kind: string): string {
  return `urn:ocop:problem:${kind}`;
}

export function problemBody(problem: ApiProblem, instance: string): ProblemDocument {
  const kind = typeof problem.extras.kind === 'string' ? problem.extras.kind : problem.title;
  const extras = Object.fromEntries(Object.entries(problem.extras).filter(([name]) => name !== 'kind'));
  return {
    type: problemType(kind.replace(/\s+/g, '-').toLowerCase()),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    ...extras,
  };
}

export const badRequest = (detail: string, errors: FieldError[] = []) =>
  new ApiProblem(400, 'Bad Request', detail, { kind: 'validation', errors });
export const notFound = (detail: string) => new ApiProblem(404, 'Not Found', detail, { kind: 'not-found' });
