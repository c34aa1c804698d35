// A registration is accepted once the cycle has started the product's workflow; the workflow's first activity
// writes the product's read-model row a moment later. Clients act on the id they get back at once (a producer
// submits the dossier), and every product route finds its product through the read model, so the API answers a
// registration only once the row is there. A row still missing after the wait is no error (the workflow holds the
// product): the answer goes out, and a later request finds it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

const POLL_MS = 25;
const WITHIN_MS = 10_000;

export async function untilInReadModel(db: Kysely<Database>, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  const deadline = Date.now() + WITHIN_MS;
  while (Date.now() < deadline) {
    const { count } = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('id', 'in', productIds)
      .executeTakeFirstOrThrow();
    if (Number(count) === productIds.length) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
