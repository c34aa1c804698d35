// Reports read the read model in PostgreSQL, as a portal would: the cycle
// workflow keeps counts and dates, not the figures of every product.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { cycleFigures } from '../db/reports';
import { CycleTargets } from '../domain/cycle';
import { compareWithTargets, type CycleReport } from '../domain/report';
import { OcopError } from './errors';

export async function cycleReport(db: Kysely<Database>, cycleId: string, now = new Date()): Promise<CycleReport> {
  const cycle = await db.selectFrom('cycles').select(['targets']).where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) throw new OcopError('NotFound', `cycle ${cycleId} not found`);
  return compareWithTargets(await cycleFigures(db, cycleId), CycleTargets.parse(cycle.targets), now.toISOString());
}
