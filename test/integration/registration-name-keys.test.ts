// Migration 0010 keys the registrations recorded before it by the confusables
// key, on a database of its own on the run's PostgreSQL: a name spelt with a
// zero-width space or a Cyrillic letter is then the duplicate it always was,
// and the unique constraint refuses it (issue 13, item 8).
import { sql } from 'kysely';
import { createDb } from '../../db/connection';
import { migrateDown, migrateUp } from '../../db/migrator';
import { dropDatabase, prepareDatabase } from '../../scripts/stack/database';
import { databaseUrl } from '../support/env';

const url = (() => {
  const u = new URL(databaseUrl());
  u.pathname = `/ocop_name_keys_${process.pid}`;
  return u.toString();
})();
const db = createDb(url, { max: 2 });

/** The key the registrations carried before 0010: case and spacing folded only. */
const oldKey = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

async function registered(serial: number, subjectId: string, name: string): Promise<void> {
  const productId = `ZN-2026-000${serial}`;
  await sql`insert into products (id, workflow_id, cycle_id, province, year, name, product_group, subject_id, kind,
      rule_set, stage, last_seq, updated_at)
    values (${productId}, ${`ocop-product-${productId}`}, 'ZN-2026', 'ZN', 2026, ${name}, 'food', ${subjectId}, 'new',
      'OCOP_148_2023', 'REGISTERED', 1, now())`.execute(db);
  await sql`insert into registrations (cycle_id, serial, product_id, subject_id, name_key, registered_at)
    values ('ZN-2026', ${serial}, ${productId}, ${subjectId}, ${oldKey(name)}, now())`.execute(db);
}

beforeAll(async () => {
  await prepareDatabase(url, { recreate: true });
  // Back to before 0010, as a database upgraded from an earlier release stands.
  expect(await migrateDown(db)).toEqual(['0010_registration_name_keys: Down Success']);
});
afterAll(async () => {
  await db.destroy();
  await dropDatabase(url);
});

it('keys the registrations made before it again, and the constraint then refuses a disguised duplicate', async () => {
  await registered(1, 'htx-a', 'Mật ong');
  await registered(2, 'htx-a', 'Mật\u200b ong'); // slipped through under the old key
  await registered(3, 'htx-b', 'Trà \u0410n Phú'); // a Cyrillic А
  await migrateUp(db);
  const keys = await db
    .selectFrom('registrations')
    .select(['serial', 'name_key'])
    .where('cycle_id', '=', 'ZN-2026')
    .orderBy('serial')
    .execute();
  expect(keys).toEqual([
    { serial: 1, name_key: 'mật ong' },
    // Two rows cannot share a key: the later keeps its old one.
    { serial: 2, name_key: oldKey('Mật\u200b ong') },
    { serial: 3, name_key: 'trà an phú' },
  ]);
  const again = db
    .insertInto('registrations')
    .values({
      cycle_id: 'ZN-2026',
      serial: 4,
      product_id: 'ZN-2026-0004',
      subject_id: 'htx-b',
      name_key: 'trà an phú',
      registered_at: new Date().toISOString(),
    })
    .execute();
  await expect(again).rejects.toMatchObject({ code: '23505', constraint: 'registrations_same_product_key' });
});
