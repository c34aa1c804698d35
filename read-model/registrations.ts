// The registrations of a cycle (one row per serial, unique per subject and
// product name key): what the API checks a registration against before it
// sends anything, so that a duplicate leaves no event in the cycle's history.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** The application each subject's name key was registered as, keyed by `registrationKey`. */
export async function registeredIn(
  db: Kysely<Database>,
  cycleId: string,
  subjectIds: readonly string[],
): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('registrations')
    .select(['subject_id', 'name_key', 'product_id'])
    .where('cycle_id', '=', cycleId)
    .where('subject_id', 'in', [...new Set(subjectIds)])
    .execute();
  return new Map(rows.map((r) => [registrationKey(r.subject_id, r.name_key), r.product_id]));
}

export function registrationKey(subjectId: string, nameKey: string): string {
  return `${subjectId}\n${nameKey}`;
}
