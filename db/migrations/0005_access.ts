// People and their grants. A principal is whoever an access token names (the
// issuer and subject of an OIDC token); a grant is what the engine lets that
// principal do: a role within a scope for a period. Grants are changed only by
// a province admin, and every change is kept in grant_changes. Products carry
// their place (district under 148, commune under 1489) so a grant's scope can
// be checked against them, and every event names the principal and grant used.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('principals')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person'))
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('principals_issuer_subject', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('grants')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    // A district (148) or commune (1489) code; null means the whole province.
    .addColumn('unit', 'text')
    .addColumn('level', 'text')
    // For the subject role: the producer's subject id.
    .addColumn('subject_id', 'text')
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('valid_until', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('grants_by_principal').on('grants').columns(['issuer', 'subject']).execute();

  await db.schema
    .createTable('grant_changes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('grant_id', 'bigint', (c) => c.notNull().references('grants.id'))
    .addColumn('change', 'text', (c) => c.notNull()) // granted | revoked
    .addColumn('by_issuer', 'text', (c) => c.notNull())
    .addColumn('by_subject', 'text', (c) => c.notNull())
    .addColumn('by_grant_id', 'bigint')
    .addColumn('reason', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.alterTable('products').addColumn('unit', 'text').execute();
  await db.schema.createIndex('products_by_unit').on('products').columns(['province', 'unit']).execute();

  await db.schema.alterTable('product_events').addColumn('principal_id', 'text').execute();
  await db.schema.alterTable('product_events').addColumn('grant_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('product_events').dropColumn('grant_id').execute();
  await db.schema.alterTable('product_events').dropColumn('principal_id').execute();
  await db.schema.dropIndex('products_by_unit').execute();
  await db.schema.alterTable('products').dropColumn('unit').execute();
  await db.schema.dropTable('grant_changes').execute();
  await db.schema.dropTable('grants').execute();
  await db.schema.dropTable('principals').execute();
}
