// A certificate is issued by a recognition decision (quyết định công nhận):
// its number, date and authority are the certificate's, and its term runs from
// that date. Certificates issued before the decision step have none. A product
// row names the application it re-rates, so a re-evaluation's failure can be
// checked against the read model by the application it would end. A council
// scoring twice keeps both rounds' sheets.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('certificates')
    .addColumn('decision_number', 'text')
    .addColumn('decision_date', 'timestamptz')
    .addColumn('decision_authority', 'text')
    .execute();
  // The ministry numbers 5-star certificates: they take no serial of the province's (serial 0).
  await db.schema.alterTable('certificates').dropConstraint('certificates_province_year_serial_key').execute();
  await sql`create unique index certificates_province_year_serial_key on certificates (province, year, serial)
    where serial > 0`.execute(db);
  await db.schema.alterTable('products').addColumn('previous_product_id', 'text').execute();
  // A council whose first round spread too far scores again: both rounds' sheets are kept.
  await sql`alter table score_sheets add column round integer not null default 1,
    drop constraint score_sheets_pkey, add constraint score_sheets_pkey primary key (product_id, level, member_id, round)`.execute(
    db,
  );
  await sql`create index products_by_previous on products (previous_product_id)
    where previous_product_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('products_by_previous').execute();
  await sql`delete from score_sheets where round > 1`.execute(db);
  await sql`alter table score_sheets drop constraint score_sheets_pkey,
    add constraint score_sheets_pkey primary key (product_id, level, member_id)`.execute(db);
  await db.schema.alterTable('score_sheets').dropColumn('round').execute();
  await db.schema.alterTable('products').dropColumn('previous_product_id').execute();
  await db.schema.dropIndex('certificates_province_year_serial_key').execute();
  await db.schema
    .alterTable('certificates')
    .addUniqueConstraint('certificates_province_year_serial_key', ['province', 'year', 'serial'])
    .execute();
  await db.schema
    .alterTable('certificates')
    .dropColumn('decision_number')
    .dropColumn('decision_date')
    .dropColumn('decision_authority')
    .execute();
}
