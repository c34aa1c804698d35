// The notify activity. Notifications go through an outbox in three parts:
// notifications/recipients.ts finds who hears of it, notifications/outbox-store.ts
// writes the row under its idempotency key with one delivery per recipient and
// channel, and notifications/delivery.ts sends what is not marked sent. A retry,
// or a worker that died half way, finds those rows and sends each reminder once.
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Locale, NotificationTemplate } from '../domain/notifications';
import type { DeadlineKind } from '../domain/product';
import type { LevelId, Role } from '../domain/schemas';
import { createDelivery } from './notifications/delivery';
import { type NotificationStatus, outboxStore } from './notifications/outbox-store';
import { recipientsOf } from './notifications/recipients';

export interface AudienceEntry {
  role: Role;
  level?: LevelId;
}

export interface NotifyRequest {
  /** `<workflowId>/<stage>/<deadline>/<offset>`: the same reminder always has the same key. */
  key: string;
  template: NotificationTemplate;
  productId: string | null;
  province: string;
  deadlineKind: DeadlineKind | null;
  level: LevelId | null;
  data: Record<string, unknown>;
  subjectEmail?: string;
  /** Who receives it; without it, the default policy's audience for the template and the deadline kind. */
  audience?: AudienceEntry[];
}

export interface NotifySettings {
  locale: Locale;
  smtpUrl?: string;
  smtpFrom?: string;
  /** Where webhooks go for contacts that name no URL of their own. */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Private addresses and ranges webhooks may go to (OCOP_WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate?: readonly string[];
  /** The development channel: every message as a line in the log. */
  logChannel: boolean;
}

export const DEVELOPMENT_SETTINGS: NotifySettings = { locale: 'vi', logChannel: true };

export function createOutbox(db: Kysely<Database>, settings: NotifySettings, log: (line: string) => void) {
  // Once per process: the same missing setting would otherwise fill the log with every reminder.
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    log(`notify: warning: ${message}`);
  };
  const store = outboxStore(db);
  const delivery = createDelivery(store, settings, log, warnOnce);

  async function enqueue(req: NotifyRequest) {
    return store.enqueue(req, settings.locale, async (trx, notificationId) => {
      const rows = delivery.plan(req, await recipientsOf(trx, req, warnOnce), notificationId);
      if (!rows.length) warnOnce(`${req.template} ${req.key}: nobody could be reached`);
      return rows;
    });
  }

  return { enqueue, deliverDue: delivery.deliverDue, retry: delivery.retry, close: delivery.close };
}

export type Outbox = ReturnType<typeof createOutbox>;

export function notifyActivities(outbox: Outbox) {
  return {
    async notify(req: NotifyRequest): Promise<NotificationStatus | 'already-sent'> {
      const notification = await outbox.enqueue(req);
      if (notification.status === 'sent') return 'already-sent';
      const { status, outcomes } = await outbox.deliverDue(notification.id);
      const transient = outcomes.filter((o) => o.error && !o.error.permanent);
      if (transient.length) {
        throw ApplicationFailure.retryable(
          transient.map((o) => `${o.channel} ${o.recipient}: ${o.error?.message}`).join('; '),
          'DeliveryFailed',
        );
      }
      return status;
    },
  };
}
