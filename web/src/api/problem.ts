// The API answers every refusal as an RFC 9457 problem: a stable `type` (urn:ocop:problem:<kind>) the catalogue
// translates, the server's own detail, and for bad input one entry per field, which forms show beside the field.
import { z } from 'zod';

const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), rule: z.string() })).optional(),
  missingGrant: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? `the API answered ${status}`);
  }

  /** The problem's kind, e.g. `deadline-passed`, which names its message in the catalogue. */
  get kind(): string {
    return this.problem?.type.replace(/^urn:ocop:problem:/, '') ?? 'other';
  }

  get fieldErrors(): { field: string; rule: string }[] {
    return this.problem?.errors ?? [];
  }
}

export function apiErrorOfBody(status: number, body: unknown): ApiError {
  const problem = Problem.safeParse(body);
  return new ApiError(status, problem.success ? problem.data : null);
}

export async function apiErrorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  return apiErrorOfBody(response.status, body);
}
