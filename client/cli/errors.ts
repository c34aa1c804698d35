// What `ocop` tells a user or a script when a command does not do what was
// asked: one line on stderr and an exit code per kind, mapped from the API's
// problem+json status so a script can branch on it.
import type { Command } from 'commander';
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

/** The flags that fill a payload's top-level fields: a command's options by attribute, or field -> flag. */
export type FlagSource = Pick<Command, 'options'> | Readonly<Record<string, string>>;

function flagFor(flags: FlagSource, field: string): string | undefined {
  if (!('options' in flags) || !Array.isArray(flags.options)) return (flags as Record<string, string>)[field];
  return (flags as Pick<Command, 'options'>).options.find((o) => o.attributeName() === field)?.long ?? undefined;
}

/** The subcommand `ocop` is running, set before its action (see `group` in commands/shared.ts). */
let running: FlagSource | undefined;
export function runningCommand(command: FlagSource | undefined): void {
  running = command;
}

/**
 * Parses with a domain schema, or refuses with exit 2 naming the flag, each field and its rule. With `flags`
 * (by default the options of the running subcommand),
 * a top-level field left out that a flag fills is named by its flag (`--documents is required`), not by
 * the schema's words for an undefined value.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  flags: FlagSource | undefined = running,
): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const missing: string[] = [];
  const issues: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path.length === 1 ? String(issue.path[0]) : undefined;
    const flag = field !== undefined && issue.input === undefined && flags ? flagFor(flags, field) : undefined;
    // The schema's own words for a value left out ("Invalid input: expected array, received undefined") say nothing.
    const left = issue.input === undefined && /^Invalid input/.test(issue.message);
    if (flag) missing.push(left ? `${flag} is required` : `${flag}: ${issue.message}`);
    else {
      const rule = left ? 'is required' : issue.message;
      issues.push(issue.path.length ? `${issue.path.join('.')}: ${rule}` : rule);
    }
  }
  const lines = [...missing, ...(issues.length ? [`${what}: ${issues.join('; ')}`] : [])];
  throw invalid(lines.join('; '));
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
