// The outbox's rows: a notification under its idempotency key, written in one
// transaction with one delivery row per recipient and channel, then each
// delivery's attempts and outcome, and where the notification as a whole stands.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, NotificationDeliveriesTable, NotificationsTable } from '../../db/database';
import type { Locale } from '../../domain/notifications';
import type { NotifyRequest } from '../notify';

export type Notification = Selectable<NotificationsTable>;
export type Delivery = Selectable<NotificationDeliveriesTable>;
export type NewDelivery = Insertable<NotificationDeliveriesTable>;
export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** The deliveries of a notification just written; called once, within its transaction. */
export type PlanDeliveries = (trx: Transaction<Database>, notificationId: string) => Promise<NewDelivery[]>;

export function outboxStore(db: Kysely<Database>) {
  return {
    /** The outbox row and its deliveries, written once; a retry finds them as they are. */
    async enqueue(
      req: NotifyRequest,
      locale: Locale,
      planDeliveries: PlanDeliveries,
    ): Promise<Pick<Notification, 'id' | 'status'>> {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('notifications')
          .values({
            idempotency_key: req.key,
            template: req.template,
            locale,
            payload: JSON.stringify({
              ...req.data,
              productId: req.productId,
              province: req.province,
              deadlineKind: req.deadlineKind,
              level: req.level,
            }),
            status: 'pending',
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .returning(['id', 'status'])
          .executeTakeFirst();
        if (!inserted) {
          return trx
            .selectFrom('notifications')
            .select(['id', 'status'])
            .where('idempotency_key', '=', req.key)
            .executeTakeFirstOrThrow();
        }
        const rows = await planDeliveries(trx, inserted.id);
        if (rows.length) {
          await trx
            .insertInto('notification_deliveries')
            .values(rows)
            .onConflict((oc) => oc.column('key').doNothing())
            .execute();
        }
        return inserted;
      });
    },

    async notification(id: string): Promise<Notification> {
      return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },

    /** What is neither sent nor refused for good: a retry skips what a receiver refused. */
    async due(notificationId: string): Promise<Delivery[]> {
      return db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('notification_id', '=', notificationId)
        .where('status', '!=', 'sent')
        .where('permanent', '=', false)
        .orderBy('id')
        .execute();
    },

    /** Failed deliveries, these or all of them, for an operator's retry. */
    async failed(which: { ids: string[] } | 'all-failed'): Promise<Delivery[]> {
      let query = db.selectFrom('notification_deliveries').selectAll().where('status', '=', 'failed');
      if (which !== 'all-failed') {
        if (!which.ids.length) return [];
        query = query.where('id', 'in', which.ids);
      }
      return query.orderBy('id').execute();
    },

    /** Counted before sending: a worker killed mid-send leaves the attempt on record. */
    async countAttempt(deliveryId: string): Promise<void> {
      await db
        .updateTable('notification_deliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', deliveryId)
        .execute();
    },

    async markFailed(deliveryId: string, failure: { message: string; permanent: boolean }): Promise<void> {
      await db
        .updateTable('notification_deliveries')
        .set({ status: 'failed', permanent: failure.permanent, last_error: failure.message })
        .where('id', '=', deliveryId)
        .execute();
    },

    async markSent(deliveryId: string): Promise<void> {
      await db
        .updateTable('notification_deliveries')
        .set({ status: 'sent', permanent: false, last_error: null, sent_at: new Date() })
        .where('id', '=', deliveryId)
        .execute();
    },

    /** Records where the notification stands, from all its deliveries. */
    async settle(notificationId: string): Promise<NotificationStatus> {
      const all = await db
        .selectFrom('notification_deliveries')
        .select(['status', 'channel', 'recipient', 'last_error'])
        .where('notification_id', '=', notificationId)
        .execute();
      const failed = all.filter((d) => d.status === 'failed');
      const status: NotificationStatus = !all.length
        ? 'skipped'
        : failed.length
          ? 'failed'
          : all.every((d) => d.status === 'sent')
            ? 'sent'
            : 'pending';
      await db
        .updateTable('notifications')
        .set((eb) => ({
          status,
          attempts: eb('attempts', '+', 1),
          last_error: failed.map((d) => `${d.channel} ${d.recipient}: ${d.last_error}`).join('; ') || null,
          sent_at: status === 'sent' ? new Date() : null,
        }))
        .where('id', '=', notificationId)
        .execute();
      return status;
    },
  };
}

export type OutboxStore = ReturnType<typeof outboxStore>;
