// A caller's tasks from the read model: one branch per filter of domain/tasks,
// each tagged with the action it waits for, then one row per product (the
// first branch that reached it) in order of due date.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import { LevelId, Stage } from '../domain/schemas';
import type { ActionName } from '../domain/stages';
import type { TaskFilter } from '../domain/tasks';
import type { Database } from '../db/database';

export const TASKS_LIMIT_DEFAULT = 50;
export const TASKS_LIMIT_MAX = 200;

export interface TaskRow {
  productId: string;
  name: string;
  cycleId: string;
  stage: Stage;
  level: LevelId | null;
  unit: string | null;
  deadline: string | null;
  action: ActionName;
}

function branch(db: Kysely<Database>, filter: TaskFilter, rank: number) {
  return db
    .selectFrom('products')
    .select(['id', 'name', 'cycle_id', 'stage', 'level', 'unit', 'next_deadline'])
    .select(sql<number>`${rank}::int`.as('rank'))
    .where('province', '=', filter.province)
    .where('stage', '=', filter.stage)
    .where((eb) => {
      const and: Expression<SqlBool>[] = [];
      if (filter.unit !== undefined) and.push(eb('unit', '=', filter.unit));
      if (filter.subjectId !== undefined) and.push(eb('subject_id', '=', filter.subjectId));
      if (filter.ruleSets) and.push(filter.ruleSets.length ? eb('rule_set', 'in', filter.ruleSets) : sql`false`);
      if (filter.level !== undefined) and.push(eb('level', '=', filter.level));
      if (filter.hasDeadline || filter.dueBefore !== undefined) and.push(eb('next_deadline', 'is not', null));
      if (filter.dueBefore !== undefined) and.push(eb('next_deadline', '<', new Date(filter.dueBefore)));
      if (filter.dueAfter !== undefined) {
        const after = new Date(filter.dueAfter);
        and.push(eb.or([eb('next_deadline', 'is', null), eb('next_deadline', '>=', after)]));
      }
      return eb.and(and);
    });
}

/** The products the filters reach, soonest due first (those without a deadline last), at most `limit`. */
export async function findTasks(
  db: Kysely<Database>,
  filters: readonly TaskFilter[],
  limit = TASKS_LIMIT_DEFAULT,
): Promise<TaskRow[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > TASKS_LIMIT_MAX) {
    throw new RangeError(`limit: must be an integer from 1 to ${TASKS_LIMIT_MAX}`);
  }
  const [first, ...rest] = filters.map((f, i) => branch(db, f, i));
  if (!first) return [];
  const all = rest.reduce((union, next) => union.unionAll(next), first);
  const rows = await db
    .selectFrom(db.selectFrom(all.as('reached')).selectAll().distinctOn('id').orderBy('id').orderBy('rank').as('task'))
    .selectAll()
    .orderBy(sql`next_deadline asc nulls last`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    // The branch that reached the product says what it waits for.
    const reached = filters[r.rank];
    if (!reached) throw new Error(`tasks: no filter ${r.rank}`);
    return {
      productId: r.id,
      name: r.name,
      cycleId: r.cycle_id,
      stage: Stage.parse(r.stage),
      level: LevelId.nullable().parse(r.level),
      unit: r.unit,
      deadline: r.next_deadline?.toISOString() ?? null,
      action: reached.action,
    };
  });
}
