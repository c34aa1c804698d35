// Notifications go through an outbox: the row is written first under its
// idempotency key, then delivered, then marked sent. A retry finds the row and
// never writes a second one.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { DeadlineKind } from '../domain/product';
import type { LevelId } from '../domain/schemas';

export interface NotifyRequest {
  /** `<workflowId>/<stage>/<deadline>/<offset>`: the same reminder always has the same key. */
  key: string;
  template:
    'deadline-reminder' | 'deadline-escalation' | 'certificate-expiry' | 'registration-closing' | 'cycle-report';
  productId: string | null;
  province: string;
  deadlineKind: DeadlineKind | null;
  level: LevelId | null;
  data: Record<string, unknown>;
  subjectEmail?: string;
}

export interface NotifyDeps {
  db: Kysely<Database>;
  locale: 'vi' | 'en';
  log: (line: string) => void;
}

export function notifyActivities({ db, locale, log }: NotifyDeps) {
  return {
    async notify(req: NotifyRequest): Promise<'sent' | 'already-sent'> {
      const recipient = req.subjectEmail ?? `subject-of:${req.productId}`;
      await db
        .insertInto('notifications')
        .values({
          idempotency_key: req.key,
          channel: 'log',
          recipient,
          template: req.template,
          locale,
          payload: JSON.stringify({ ...req.data, deadlineKind: req.deadlineKind, level: req.level }),
          status: 'pending',
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      const row = await db
        .selectFrom('notifications')
        .select(['id', 'status'])
        .where('idempotency_key', '=', req.key)
        .executeTakeFirstOrThrow();
      if (row.status === 'sent') return 'already-sent';
      log(`[notify ${req.template}] ${recipient}: ${req.deadlineKind} ${String(req.data.dueAt ?? '')} (${req.key})`);
      await db
        .updateTable('notifications')
        .set((eb) => ({ status: 'sent', sent_at: new Date(), attempts: eb('attempts', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
      return 'sent';
    },
  };
}
