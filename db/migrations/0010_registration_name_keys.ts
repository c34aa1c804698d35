// Registrations keyed by their names' confusables key (domain/confusables.ts)
// instead of the case- and space-folded name, so that the unique constraint on
// (cycle_id, subject_id, name_key) refuses a name that differs only by an
// invisible character or a look-alike letter. Rows registered before are keyed
// again; where two of them now share a key (a duplicate that slipped through)
// the later keeps its old key, for the constraint must hold and neither is
// this migration's to withdraw.
import type { Kysely } from 'kysely';
import { productNameKey } from '../../domain/registration';

interface Registration {
  cycle_id: string;
  serial: number;
  product_id: string;
  subject_id: string;
  name_key: string;
}

/** The tables as they stand at this migration. */
interface Tables {
  registrations: Registration;
  products: { id: string; name: string };
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select(['r.cycle_id', 'r.serial', 'r.subject_id', 'r.name_key', 'p.name'])
    .orderBy('r.cycle_id')
    .orderBy('r.serial')
    .execute();
  const taken = new Set(rows.map((r) => `${r.cycle_id}\n${r.subject_id}\n${r.name_key}`));
  for (const row of rows) {
    const key = productNameKey(row.name);
    const slot = `${row.cycle_id}\n${row.subject_id}\n${key}`;
    if (key === row.name_key || taken.has(slot)) continue;
    taken.delete(`${row.cycle_id}\n${row.subject_id}\n${row.name_key}`);
    taken.add(slot);
    await db
      .updateTable('registrations')
      .set({ name_key: key })
      .where('cycle_id', '=', row.cycle_id)
      .where('serial', '=', row.serial)
      .execute();
  }
}

/** The keys stay: the earlier ones were a coarser form of the same comparison, and each row still has one. */
export async function down(): Promise<void> {}
