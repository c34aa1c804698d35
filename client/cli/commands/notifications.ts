// `ocop notifications`: the outbox, one line per delivery, and a retry of the
// failed ones. A retry sends under the delivery's original key, so a receiver
// that already has the message drops the copy.
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { createOutbox, type DeliveryOutcome } from '../../../activities/notify';
import { formatDateTimeVN } from '../../../domain/dates';
import { loadConfig } from '../../../worker/config';
import { OcopError } from '../../errors';
import { table } from '../format';
import { group, parseNumber, PartlyRefused, print, withDb } from './shared';

const STATUSES = ['pending', 'sent', 'failed'] as const;
const positive = z.number().int().positive();

interface ListOptions {
  status?: (typeof STATUSES)[number];
  limit: number;
  json?: boolean;
}

interface RetryOptions {
  id?: number;
  allFailed?: boolean;
  json?: boolean;
}

function formatOutcomes(outcomes: DeliveryOutcome[]): string {
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  return [
    `Retried ${outcomes.length} deliveries: ${outcomes.length - failed} sent, ${failed} failed again`,
    table([
      ['id', 'channel', 'recipient', 'status', 'error'],
      ...outcomes.map((o) => [o.id, o.channel, o.recipient, o.status, o.error?.message]),
    ]),
  ].join('\n');
}

export function registerNotificationsCommands(ocop: Command): void {
  const notifications = group(ocop, 'notifications', 'reminders, escalations and notices in the outbox');

  notifications
    .command('list')
    .description('deliveries, newest first: one line per recipient and channel')
    .addOption(new Option('--status <status>', 'only deliveries in this state').choices(STATUSES))
    .option('--limit <n>', 'at most this many', parseNumber('--limit', positive), 100)
    .option('--json', 'print one JSON object')
    .action(async (opts: ListOptions) => {
      const rows = await withDb((db) => {
        let query = db
          .selectFrom('notification_deliveries as d')
          .innerJoin('notifications as n', 'n.id', 'd.notification_id')
          .select([
            'd.id',
            'd.status',
            'd.channel',
            'd.recipient',
            'd.role',
            'n.template',
            'd.attempts',
            'd.last_error',
            'd.created_at',
            'd.sent_at',
            'd.key',
          ]);
        if (opts.status) query = query.where('d.status', '=', opts.status);
        return query.orderBy('d.id', 'desc').limit(opts.limit).execute();
      });
      print(Boolean(opts.json), { deliveries: rows }, () =>
        rows.length
          ? table([
              ['id', 'created', 'status', 'channel', 'recipient', 'template', 'attempts', 'error', 'key'],
              ...rows.map((r) => [
                r.id,
                formatDateTimeVN(r.created_at),
                r.status,
                r.channel,
                r.recipient,
                r.template,
                r.attempts,
                r.last_error,
                r.key,
              ]),
            ])
          : `no ${opts.status ? `${opts.status} ` : ''}deliveries`,
      );
    });

  notifications
    .command('retry')
    .description('send failed deliveries again with the channels configured here, under their original keys')
    .option('--id <id>', 'one delivery, by the id that list shows', parseNumber('--id', positive))
    .option('--all-failed', 'every failed delivery')
    .option('--json', 'print one JSON object')
    .action(async (opts: RetryOptions) => {
      if ((opts.id === undefined) === !opts.allFailed) {
        throw new OcopError('ValidationError', '--id, --all-failed: give exactly one of them');
      }
      const { notify } = loadConfig(process.env);
      const outcomes = await withDb(async (db) => {
        const outbox = createOutbox(db, notify, (line) => process.stderr.write(`${line}\n`));
        try {
          return await outbox.retry(opts.allFailed ? 'all-failed' : { ids: [String(opts.id)] });
        } finally {
          outbox.close();
        }
      });
      if (opts.id !== undefined && !outcomes.length) {
        throw new OcopError('NotFound', `no failed delivery ${opts.id}; see ocop notifications list --status failed`);
      }
      const json = outcomes.map(({ error, ...o }) => ({ ...o, error: error?.message ?? null }));
      print(Boolean(opts.json), { retried: json }, () => formatOutcomes(outcomes));
      const failed = outcomes.filter((o) => o.status === 'failed').length;
      if (failed) throw new PartlyRefused(`${failed} of ${outcomes.length} deliveries failed again`);
    });
}
