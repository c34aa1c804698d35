// Operators' requests that need the worker's secrets: the API holds no SMTP or
// webhook credentials, so it starts a short workflow whose activity re-delivers
// here, with the channels this worker is configured with.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Outbox } from './notify';

/** Which failed deliveries to send again; always within one province. */
export interface RetryDeliveries {
  province: string;
  /** Delivery ids; absent for every failed delivery of the province. */
  ids?: string[];
}

/**
 * Only ids and statuses travel back through the workflow's history: recipients
 * and error texts (which may quote an address) stay in the outbox rows.
 */
export interface RetriedDelivery {
  id: string;
  status: 'sent' | 'failed';
}

/** Bounded so that one retry stays one activity of minutes, not hours, after an outage. */
export const RETRY_BATCH_MAX = 100;

export function operationsActivities(db: Kysely<Database>, outbox: Outbox) {
  return {
    async retryDeliveries(req: RetryDeliveries): Promise<RetriedDelivery[]> {
      let query = db
        .selectFrom('notification_deliveries as d')
        .innerJoin('notifications as n', 'n.id', 'd.notification_id')
        .select('d.id')
        .where('d.status', '=', 'failed')
        .where(sql<string>`n.payload->>'province'`, '=', req.province);
      if (req.ids) {
        if (!req.ids.length) return [];
        query = query.where('d.id', 'in', req.ids);
      }
      const due = await query.orderBy('d.id').limit(RETRY_BATCH_MAX).execute();
      const outcomes = await outbox.retry({ ids: due.map((d) => d.id) });
      return outcomes.map(({ id, status }) => ({ id, status }));
    },
  };
}
