// An inspection row is one finding; a yearly round can have several (a
// corrective action, then its re-check). The key column counted findings
// under the name `round`: it becomes `seq`, and `round` the yearly round,
// taken for existing rows from the round the workflow put in `details`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inspections').renameColumn('round', 'seq').execute();
  await db.schema.alterTable('inspections').addColumn('round', 'integer').execute();
  await sql`update inspections set round = coalesce((details->>'round')::integer, seq)`.execute(db);
  await db.schema
    .alterTable('inspections')
    .alterColumn('round', (c) => c.setNotNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inspections').dropColumn('round').execute();
  await db.schema.alterTable('inspections').renameColumn('seq', 'round').execute();
}
