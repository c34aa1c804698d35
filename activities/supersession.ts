// What an application checks before a signal from another workflow may end its
// certificate: a signal can come from anyone who may signal the namespace.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

export function supersessionActivities(db: Kysely<Database>) {
  /** The active certificate a product holds, if any. */
  const activeCertificate = (productId: string) =>
    db
      .selectFrom('certificates')
      .select(['number', 'stars', 'decided_on'])
      .where('product_id', '=', productId)
      .where('status', '=', 'active')
      .orderBy('decided_on', 'desc')
      .executeTakeFirst();

  return {
    /**
     * The stars of the certificate by which `byProductId` supersedes
     * `productId`, or null when the read model does not show it as a later
     * application of the same product, by the same subject, holding an active
     * certificate decided no earlier than the one it would end.
     */
    async confirmedSupersession(req: { productId: string; byProductId: string }): Promise<number | null> {
      if (req.byProductId === req.productId) return null;
      const [own, by] = await Promise.all(
        [req.productId, req.byProductId].map((id) =>
          db
            .selectFrom('products')
            .select(['subject_id', 'previous_product_id'])
            .where('id', '=', id)
            .executeTakeFirst(),
        ),
      );
      if (!own || !by || by.previous_product_id !== req.productId || by.subject_id !== own.subject_id) return null;
      const [held, newer] = await Promise.all([activeCertificate(req.productId), activeCertificate(req.byProductId)]);
      if (!held || !newer || newer.decided_on < held.decided_on) return null;
      return newer.stars;
    },
  };
}
