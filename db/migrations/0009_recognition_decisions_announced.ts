// The recognition decisions (quyết định công nhận) a province records, as they
// are announced: one row per decision, and one per product it recognises. A
// decision is the authority's document, named by its number within the
// province and the year it was issued, so a retry of the same number finds the
// row it wrote. A product is listed once, in the decision that certified it;
// products the workflow refused are never listed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recognition_decisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('cycle_id', 'text', (c) => c.notNull())
    // The year of decided_on in Vietnam: decision numbers start again each year.
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'timestamptz', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('recognition_decisions_number_key', ['province', 'year', 'number'])
    .execute();
  await db.schema
    .createIndex('recognition_decisions_by_cycle')
    .on('recognition_decisions')
    .columns(['cycle_id', 'decided_on'])
    .execute();

  await db.schema
    .createTable('recognition_decision_products')
    .addColumn('decision_id', 'bigint', (c) => c.notNull().references('recognition_decisions.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().unique())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('certificate_number', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('recognition_decision_products_pkey', ['decision_id', 'product_id'])
    .execute();

  // Revocations are announced from the transitions the workflow records; this finds them without a scan.
  await sql`create index product_events_revocations on product_events (product_id)
    where stage_to = 'REVOKED'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('product_events_revocations').execute();
  await db.schema.dropTable('recognition_decision_products').execute();
  await db.schema.dropTable('recognition_decisions').execute();
}
