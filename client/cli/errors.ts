// What `ocop` tells a user or a script when a command does not do what was
// asked: one line on stderr and an exit code per kind, mapped from the API's
// problem+json status so a script can branch on it.
import type { z } from 'zod';
import { ApiError, ApiUnreachable, type Problem } from '../api-client';

/** Exit codes a script can branch on. */
export const EXIT = {
  ok: 0,
  failure: 1,
  invalid: 2,
  notFound: 3,
  refused: 4,
  unavailable: 5,
  notSignedIn: 6,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure `ocop` can explain in one line. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new CliError(EXIT.invalid, message);

/** Parses with a domain schema, or refuses with exit 2 naming the flag, each field and its rule. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw invalid(`${what}: ${issues.join('; ')}`);
}

const EXIT_BY_STATUS: Record<number, ExitCode> = {
  400: EXIT.invalid,
  401: EXIT.notSignedIn,
  403: EXIT.refused,
  404: EXIT.notFound,
  409: EXIT.refused,
  413: EXIT.invalid,
  415: EXIT.invalid,
  422: EXIT.refused,
  503: EXIT.unavailable,
  504: EXIT.unavailable,
};

/** The problem in one line: its detail, with each field and rule of a bad request, and the grant a refusal misses. */
export function describeProblem(problem: Problem): string {
  const detail = (problem.detail ?? problem.title).replace(/\s*\n\s*/g, ' ');
  const parts = [detail];
  const fields = (problem.errors ?? []).filter((e) => !detail.includes(`${e.field}: ${e.rule}`));
  if (fields.length) parts.push(fields.map((e) => `${e.field}: ${e.rule}`).join('; '));
  if (problem.missingGrant && !detail.includes(problem.missingGrant)) parts.push(`needs ${problem.missingGrant}`);
  const line = parts.join(': ');
  return problem.status === 401 ? `not signed in: ${line}; run ocop login` : line;
}

/** Any error as the line to print and the code to exit with. */
export function explain(error: unknown): { code: ExitCode; line: string } {
  if (error instanceof CliError) return { code: error.exitCode, line: error.message };
  if (error instanceof ApiError) {
    const status = error.problem.status;
    const code = EXIT_BY_STATUS[status] ?? EXIT.failure;
    return { code, line: describeProblem(error.problem) };
  }
  if (error instanceof ApiUnreachable) return { code: EXIT.unavailable, line: error.message };
  return { code: EXIT.failure, line: (error as Error)?.stack ?? String(error) };
}
