// `ocop notifications`: the outbox, one line per delivery, and a retry of the
// failed ones. The retry runs on the worker's side, with its channels; a retry
// sends under the delivery's original key, so a receiver that already has the
// message drops the copy.
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { CliError, EXIT, invalid } from '../errors';
import { formatRecords } from '../format';
import { connect } from '../session';
import { group, parseNumber, parseText, print } from './shared';

const STATUSES = ['pending', 'sent', 'failed'] as const;
const positive = z.number().int().positive();

/** The list in an answer that is a list, or holds one under a known key. */
function listIn(answer: unknown, ...keys: string[]): Record<string, unknown>[] {
  if (Array.isArray(answer)) return answer as Record<string, unknown>[];
  if (typeof answer === 'object' && answer !== null) {
    for (const key of keys) {
      const value = (answer as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value as Record<string, unknown>[];
    }
  }
  return [];
}

export function registerNotificationsCommands(ocop: Command): void {
  const notifications = group(ocop, 'notifications', 'reminders, escalations and notices in the outbox');

  notifications
    .command('list')
    .description('deliveries, newest first: one line per recipient and channel')
    .addOption(new Option('--status <status>', 'only deliveries in this state').choices(STATUSES))
    .option('--limit <n>', 'at most this many', parseNumber('--limit', positive.max(1000)))
    .option('--province <code>', 'the province; default the one your grants name', parseText('--province', 3))
    .option('--cursor <cursor>', 'the next page, as the previous page named it', parseText('--cursor', 20))
    .option('--json', 'print one JSON object {items, nextCursor}')
    .action(async (opts: { status?: string; limit?: number; province?: string; cursor?: string; json?: boolean }) => {
      const answer = await connect().notifications({
        status: opts.status,
        limit: opts.limit,
        province: opts.province,
        cursor: opts.cursor,
      });
      const rows = listIn(answer, 'items', 'deliveries');
      const next = (answer as { nextCursor?: string | null }).nextCursor;
      print(Boolean(opts.json), answer, () =>
        [
          formatRecords(rows, `no ${opts.status ? `${opts.status} ` : ''}deliveries`),
          ...(next ? ['', `more: --cursor ${next}`] : []),
        ].join('\n'),
      );
    });

  notifications
    .command('retry')
    .description('send failed deliveries again, on the worker side, under their original keys')
    .option('--id <id>', 'one delivery, by the id that list shows', parseNumber('--id', positive))
    .option('--all-failed', 'every failed delivery')
    .option('--json', 'print one JSON object')
    .action(async (opts: { id?: number; allFailed?: boolean; json?: boolean }) => {
      if ((opts.id === undefined) === !opts.allFailed) throw invalid('--id, --all-failed: give exactly one of them');
      const api = connect();
      const answer =
        opts.id === undefined ? await api.retryFailedNotifications() : await api.retryNotification(String(opts.id));
      const outcomes = listIn(answer, 'retried', 'deliveries', 'items');
      const failed = outcomes.filter((o) => o.status === 'failed').length;
      const finished = (answer as { finished?: boolean }).finished !== false;
      print(Boolean(opts.json), answer, () =>
        [
          finished
            ? `Retried ${outcomes.length} deliveries: ${outcomes.length - failed} sent, ${failed} failed again`
            : 'The worker has not finished the retry yet; it goes on: see ocop notifications list',
          formatRecords(outcomes, ''),
        ].join('\n'),
      );
      if (failed) throw new CliError(EXIT.refused, `${failed} of ${outcomes.length} deliveries failed again`);
    });
}
