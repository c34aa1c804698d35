// Registrations of a cycle, so the cycle workflow can refuse a duplicate
// without holding a list that grows with its products; and the final report.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registrations')
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().unique())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('registrations_pkey', ['cycle_id', 'serial'])
    .addUniqueConstraint('registrations_same_product_key', ['cycle_id', 'subject_id', 'name_key'])
    .execute();
  await db.schema.alterTable('cycles').addColumn('final_report', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('final_report').execute();
  await db.schema.dropTable('registrations').execute();
}
