// A notification reaches several people over several channels, and each of
// those deliveries succeeds or fails on its own. The outbox row keeps its one
// idempotency key per reminder; each delivery gets a row of its own, keyed by
// that key, its channel and its recipient, so a retry finds it and a receiver
// can drop a redelivered copy.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('channel').dropColumn('recipient').execute();
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('notification_id', 'bigint', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('name', 'text')
    .addColumn('target', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('permanent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('notification_deliveries_notification_idx')
    .on('notification_deliveries')
    .column('notification_id')
    .execute();
  await db.schema
    .createIndex('notification_deliveries_status_idx')
    .on('notification_deliveries')
    .column('status')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_deliveries').execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('log'))
    .addColumn('recipient', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
