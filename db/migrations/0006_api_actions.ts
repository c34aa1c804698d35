// What people and services did through the API, beyond the transitions that
// product_events already records: starting a cycle, moving its calendar,
// importing, retrying a notification, changing grants. One row per accepted
// request that changes something: who, under which grant, which operation on
// which resource. Bodies are not kept: they hold personal data.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_actions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('principal_id', 'bigint', (c) => c.notNull().references('principals.id'))
    .addColumn('grant_id', 'bigint', (c) => c.references('grants.id'))
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('api_actions_by_principal').on('api_actions').columns(['principal_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_actions').execute();
}
