// Reports read the read model in PostgreSQL, as a portal would: the cycle
// workflow keeps counts and dates, not the figures of every product.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { cycleFigures } from '../read-model/reports';
import { CycleTargets } from '../domain/cycle';
import { compareWithTargets, type CycleReport } from '../domain/report';
import { OcopError } from './errors';

/**
 * A cycle's figures beside the plan's targets. The targets are those of the
 * cycle's row, unless the caller has them from the workflow: a cycle started a
 * moment ago has not written its row yet.
 */
export async function cycleReport(db: Kysely<Database>, cycleId: string, targets?: CycleTargets): Promise<CycleReport> {
  const goals = targets ?? (await storedTargets(db, cycleId));
  // One moment for the whole report: "active at" and "kept at" are the time it was generated.
  const at = new Date();
  return compareWithTargets(await cycleFigures(db, cycleId, undefined, { at }), goals, at.toISOString());
}

async function storedTargets(db: Kysely<Database>, cycleId: string): Promise<CycleTargets> {
  const cycle = await db.selectFrom('cycles').select(['targets']).where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw new OcopError('NotFound', `cycle ${cycleId} not found`);
  return CycleTargets.parse(cycle.targets);
}
