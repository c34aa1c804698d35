// Notifications go through an outbox. The row is written first under its
// idempotency key, in the same transaction as one delivery row per recipient
// and channel; then each delivery is sent, then marked. A retry, or a worker
// that died half way, finds those rows and sends only what is not marked sent,
// under the same keys, so a receiver can drop a copy it already has.
import { ApplicationFailure } from '@temporalio/common';
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { contactsFor } from '../read-model/contacts';
import type { Database, NotificationDeliveriesTable, NotificationsTable } from '../db/database';
import {
  audienceRole,
  defaultAudience,
  LEVEL_BOUND,
  type Locale,
  type NotificationTemplate,
} from '../domain/notifications';
import { type RenderedNotification, renderNotification } from '../domain/notification-render';
import type { DeadlineKind } from '../domain/product';
import { getRuleSet, RuleSetId } from '../domain/rules';
import type { LevelId, Role } from '../domain/schemas';
import { type Channel, type ChannelName, DeliveryError, type Outgoing } from './channels/channel';
import { emailChannel } from './channels/email';
import { logChannel } from './channels/log';
import { webhookChannel } from './channels/webhook';

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

type Notification = Selectable<NotificationsTable>;
export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'skipped';
type Delivery = Selectable<NotificationDeliveriesTable>;
type Db = Kysely<Database> | Transaction<Database>;

interface Recipient {
  /** An email address, or the role and contact id when there is none: part of the delivery's key. */
  id: string;
  role: Role;
  level: LevelId | null;
  name: string | null;
  email: string | null;
  webhookUrl: string | null;
}

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

export function createOutbox(db: Kysely<Database>, settings: NotifySettings, log: (line: string) => void) {
  const channels: Record<ChannelName, Channel | null> = {
    email: settings.smtpUrl ? emailChannel({ url: settings.smtpUrl, from: settings.smtpFrom }) : null,
    webhook: settings.webhookSecret
      ? webhookChannel({ secret: settings.webhookSecret, allowPrivate: settings.webhookAllowPrivate })
      : null,
    log: settings.logChannel ? logChannel(log) : null,
  };
  // Once per process: the same missing setting would otherwise fill the log with every reminder.
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    log(`notify: warning: ${message}`);
  };

  /** The level whose officers receive the product's dossier, from its rule set. */
  async function dossierLevel(trx: Db, productId: string | null): Promise<LevelId | null> {
    if (!productId) return null;
    const product = await trx.selectFrom('products').select('rule_set').where('id', '=', productId).executeTakeFirst();
    const ruleSetId = RuleSetId.safeParse(product?.rule_set);
    if (!ruleSetId.success) return null;
    const levels = getRuleSet(ruleSetId.data).levels;
    return (levels.find((l) => l.reviewsDossier) ?? levels[0])?.id ?? null;
  }

  /** An officer belongs to the level that reviews dossiers, a council secretary to the deadline's level. */
  async function boundLevel(trx: Db, role: Role, req: NotifyRequest): Promise<LevelId | undefined> {
    const own = role === 'officer' ? await dossierLevel(trx, req.productId) : null;
    return own ?? req.level ?? undefined;
  }

  async function recipients(trx: Db, req: NotifyRequest): Promise<Recipient[]> {
    const audience: AudienceEntry[] =
      req.audience ?? defaultAudience(req.template, req.deadlineKind).map((a) => ({ role: audienceRole(a) }));
    const found = new Map<string, Recipient>();
    for (const { role, level } of audience) {
      if (role === 'producer') {
        const subjectName = typeof req.data.subjectName === 'string' ? req.data.subjectName : null;
        const id = req.subjectEmail ?? 'producer';
        if (!found.has(id)) {
          found.set(id, {
            id,
            role,
            level: null,
            name: subjectName,
            email: req.subjectEmail ?? null,
            webhookUrl: null,
          });
        }
        continue;
      }
      const at = LEVEL_BOUND.includes(role) ? (level ?? (await boundLevel(trx, role, req))) : level;
      const contacts = await contactsFor(trx, { province: req.province, role, level: at });
      if (!contacts.length) warnOnce(`no ${role}${at ? ` (${at})` : ''} contact in ${req.province}`);
      for (const c of contacts) {
        const id = c.email ?? `${role}:${c.id}`;
        if (found.has(id)) continue;
        found.set(id, { id, role, level: at ?? null, name: c.name, email: c.email, webhookUrl: c.webhook_url });
      }
    }
    return [...found.values()];
  }

  /** One row per recipient and channel that can reach it; a channel that is not configured is skipped. */
  function plan(req: NotifyRequest, people: Recipient[], notificationId: string) {
    const rows: Insertable<NotificationDeliveriesTable>[] = [];
    for (const person of people) {
      const routes: [ChannelName, string | null][] = [];
      if (person.email) routes.push(['email', person.email]);
      const hook = person.webhookUrl ?? settings.webhookUrl;
      if (hook) routes.push(['webhook', hook]);
      routes.push(['log', null]);
      for (const [channel, target] of routes) {
        if (!channels[channel]) {
          if (channel !== 'log')
            warnOnce(`the ${channel} channel is not configured (${UNCONFIGURED[channel]}): skipped`);
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

  /** The outbox row and its deliveries, written once; a retry finds them as they are. */
  async function enqueue(req: NotifyRequest): Promise<Pick<Notification, 'id' | 'status'>> {
    return db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('notifications')
        .values({
          idempotency_key: req.key,
          template: req.template,
          locale: settings.locale,
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
      const rows = plan(req, await recipients(trx, req), inserted.id);
      if (rows.length) {
        await trx
          .insertInto('notification_deliveries')
          .values(rows)
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
      } else {
        warnOnce(`${req.template} ${req.key}: nobody could be reached`);
      }
      return inserted;
    });
  }

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

  async function deliverOne(notification: Notification, delivery: Delivery): Promise<DeliveryOutcome> {
    const { id, key, channel, recipient } = delivery;
    // Counted before sending: a worker killed mid-send leaves the attempt on record.
    await db
      .updateTable('notification_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
    try {
      const sender = channels[channel as ChannelName];
      if (!sender) throw new DeliveryError(`the ${channel} channel is not configured`, false);
      await sender.send(outgoing(notification, delivery));
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      await db
        .updateTable('notification_deliveries')
        .set({ status: 'failed', permanent: failure.permanent, last_error: failure.message })
        .where('id', '=', id)
        .execute();
      return { id, key, channel, recipient, status: 'failed', error: failure };
    }
    await db
      .updateTable('notification_deliveries')
      .set({ status: 'sent', permanent: false, last_error: null, sent_at: new Date() })
      .where('id', '=', id)
      .execute();
    return { id, key, channel, recipient, status: 'sent', error: null };
  }

  /** Sends the deliveries of one notification, then records where the notification stands. */
  async function deliver(notificationId: string, deliveries: Delivery[]) {
    const notification = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', notificationId)
      .executeTakeFirstOrThrow();
    const outcomes = await Promise.all(deliveries.map((d) => deliverOne(notification, d)));
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
    return { status, outcomes };
  }

  /** Sends what is neither sent nor refused for good: a retry skips what a receiver refused. */
  async function deliverDue(notificationId: string) {
    const due = await db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('notification_id', '=', notificationId)
      .where('status', '!=', 'sent')
      .where('permanent', '=', false)
      .orderBy('id')
      .execute();
    return deliver(notificationId, due);
  }

  /** An operator's retry of failed deliveries, under their original keys. */
  async function retry(which: { ids: string[] } | 'all-failed'): Promise<DeliveryOutcome[]> {
    let query = db.selectFrom('notification_deliveries').selectAll().where('status', '=', 'failed');
    if (which !== 'all-failed') {
      if (!which.ids.length) return [];
      query = query.where('id', 'in', which.ids);
    }
    const failed = await query.orderBy('id').execute();
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

  return { enqueue, deliverDue, retry, close };
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
