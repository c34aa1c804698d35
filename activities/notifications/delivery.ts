// Delivery: the channels this worker is configured with (email, webhook, log),
// the rows that route each recipient to them, and the sending of those rows. A
// retry sends only what is not marked sent, under the same keys, so a receiver
// can drop a copy it already has.
import type { Locale, NotificationTemplate } from '../../domain/notifications';
import { type RenderedNotification, renderNotification } from './render';
import { type Channel, type ChannelName, DeliveryError, type Outgoing } from '../channels/channel';
import { emailChannel } from '../channels/email';
import { logChannel } from '../channels/log';
import { webhookChannel } from '../channels/webhook';
import type { NotifyRequest, NotifySettings } from '../notify';
import type { Delivery, NewDelivery, Notification, NotificationStatus, OutboxStore } from './outbox-store';
import type { Recipient } from './recipients';

export interface DeliveryOutcome {
  id: string;
  key: string;
  channel: string;
  recipient: string;
  status: 'sent' | 'failed';
  error: DeliveryError | null;
}

/** Why a channel is off; the log is off by choice and is not worth a warning. */
const UNCONFIGURED = { email: 'SMTP_URL is not set', webhook: 'WEBHOOK_SECRET is not set' } as const;

/** The message in words for one recipient; facts that do not render will not render on a retry either. */
function render(notification: Notification, delivery: Delivery): RenderedNotification {
  const data = { ...notification.payload, recipientName: delivery.name ?? undefined };
  try {
    return renderNotification(notification.template as NotificationTemplate, notification.locale as Locale, data);
  } catch (error) {
    throw new DeliveryError(`cannot render ${notification.template}: ${(error as Error).message}`, true);
  }
}

function outgoing(notification: Notification, delivery: Delivery): Outgoing {
  const message = render(notification, delivery);
  return {
    key: delivery.key,
    recipient: delivery.recipient,
    target: delivery.target,
    message,
    json: {
      key: delivery.key,
      notificationKey: notification.idempotency_key,
      template: notification.template,
      locale: notification.locale,
      recipient: { id: delivery.recipient, role: delivery.role, level: delivery.level, name: delivery.name },
      subject: message.subject,
      text: message.text,
      data: notification.payload,
    },
  };
}

export function createDelivery(
  store: OutboxStore,
  settings: NotifySettings,
  log: (line: string) => void,
  warn: (message: string) => void,
) {
  const channels: Record<ChannelName, Channel | null> = {
    email: settings.smtpUrl ? emailChannel({ url: settings.smtpUrl, from: settings.smtpFrom }) : null,
    webhook: settings.webhookSecret
      ? webhookChannel({ secret: settings.webhookSecret, allowPrivate: settings.webhookAllowPrivate })
      : null,
    log: settings.logChannel ? logChannel(log) : null,
  };

  /** One row per recipient and channel that can reach it; a channel that is not configured is skipped. */
  function plan(req: NotifyRequest, people: Recipient[], notificationId: string): NewDelivery[] {
    const rows: NewDelivery[] = [];
    for (const person of people) {
      const routes: [ChannelName, string | null][] = [];
      if (person.email) routes.push(['email', person.email]);
      const hook = person.webhookUrl ?? settings.webhookUrl;
      if (hook) routes.push(['webhook', hook]);
      routes.push(['log', null]);
      for (const [channel, target] of routes) {
        if (!channels[channel]) {
          if (channel !== 'log') warn(`the ${channel} channel is not configured (${UNCONFIGURED[channel]}): skipped`);
          continue;
        }
        rows.push({
          notification_id: notificationId,
          key: `${req.key}#${channel}:${person.id}`,
          channel,
          recipient: person.id,
          role: person.role,
          level: person.level,
          name: person.name,
          target,
          status: 'pending',
        });
      }
    }
    return rows;
  }

  async function deliverOne(notification: Notification, delivery: Delivery): Promise<DeliveryOutcome> {
    const { id, key, channel, recipient } = delivery;
    await store.countAttempt(id);
    try {
      const sender = channels[channel as ChannelName];
      if (!sender) throw new DeliveryError(`the ${channel} channel is not configured`, false);
      await sender.send(outgoing(notification, delivery));
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      await store.markFailed(id, failure);
      return { id, key, channel, recipient, status: 'failed', error: failure };
    }
    await store.markSent(id);
    return { id, key, channel, recipient, status: 'sent', error: null };
  }

  /** Sends the deliveries of one notification, then records where the notification stands. */
  async function deliver(notificationId: string, deliveries: Delivery[]) {
    const notification = await store.notification(notificationId);
    const outcomes = await Promise.all(deliveries.map((d) => deliverOne(notification, d)));
    const status: NotificationStatus = await store.settle(notificationId);
    return { status, outcomes };
  }

  /** Sends what is neither sent nor refused for good. */
  async function deliverDue(notificationId: string) {
    return deliver(notificationId, await store.due(notificationId));
  }

  /** An operator's retry of failed deliveries, under their original keys. */
  async function retry(which: { ids: string[] } | 'all-failed'): Promise<DeliveryOutcome[]> {
    const failed = await store.failed(which);
    const outcomes: DeliveryOutcome[] = [];
    for (const notificationId of new Set(failed.map((d) => d.notification_id))) {
      const { outcomes: done } = await deliver(
        notificationId,
        failed.filter((d) => d.notification_id === notificationId),
      );
      outcomes.push(...done);
    }
    return outcomes;
  }

  function close(): void {
    for (const channel of Object.values(channels)) channel?.close?.();
  }

  return { plan, deliverDue, retry, close };
}
