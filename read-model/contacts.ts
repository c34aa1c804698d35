// Who receives notifications, by province, role and level. A contact with an
// empty level (or '*', written by hand) serves every level of its province.
import type { Kysely, Transaction } from 'kysely';
import type { Contact } from '../domain/notifications';
import type { LevelId, Role } from '../domain/schemas';
import type { Database } from '../db/database';

const ANY_LEVEL = ['', '*'];

/** Inserts each contact, or updates the address of the one with its province, role, level and name. */
export async function upsertContacts(db: Kysely<Database>, contacts: readonly Contact[]): Promise<void> {
  if (!contacts.length) return;
  await db
    .insertInto('contacts')
    .values(
      contacts.map((c) => ({
        province: c.province,
        role: c.role,
        level: c.level,
        name: c.name,
        email: c.email,
        webhook_url: c.webhookUrl ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['province', 'role', 'level', 'name']).doUpdateSet((eb) => ({
        email: eb.ref('excluded.email'),
        webhook_url: eb.ref('excluded.webhook_url'),
      })),
    )
    .execute();
}

/** The contacts of a role in a province; with a level, those of that level and those of any level. */
export function contactsFor(
  db: Kysely<Database> | Transaction<Database>,
  where: { province: string; role: Role; level?: LevelId },
) {
  let query = db
    .selectFrom('contacts')
    .selectAll()
    .where('province', '=', where.province)
    .where('role', '=', where.role);
  if (where.level) query = query.where('level', 'in', [where.level, ...ANY_LEVEL]);
  return query.orderBy('id').execute();
}
