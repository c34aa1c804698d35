// The dashboard counts and lists a cycle's deadline escalations, which name
// their product only inside the notification's payload. A partial index over
// that name finds them without reading the reminders and reports beside them,
// which outnumber them many times and grow with every cycle.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index notifications_escalations_by_product on notifications ((payload->>'productId'))
    where template = 'deadline-escalation'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notifications_escalations_by_product').execute();
}
