// Contacts from a province's spreadsheet: who receives reminders and
// escalations. A refused row is listed with its column and rule and nothing of
// it is imported, while the valid rows of the same file are.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ContactRows, readContacts } from '../../client/contacts';
import { webhookUrlRefusal } from '../../activities/channels/webhook-target';
import { OcopError } from '../../client/errors';
import { upsertContacts } from '../../read-model/contacts';
import { LevelId } from '../../domain/schemas';
import type { ApiContext } from '../context';
import { requireGrant } from '../auth';
import { parseCsvBody } from '../csv-body';
import { ApiProblem } from '../problem';
import { BEARER, problems, provinceFor, REFUSALS } from './operator';
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '../../domain/csv-limits';

const OPERATION = 'manageContacts';

const Row = z.number().int().min(2);

const ContactImport = z
  .object({
    total: z.number().int().min(0),
    imported: z.number().int().min(0),
    contacts: z
      .array(
        z.object({
          row: Row,
          province: z.string().max(3),
          role: z.string().max(40),
          level: z.union([LevelId, z.literal('')]).describe('empty: every level'),
          name: z.string().max(300),
        }),
      )
      .max(CSV_MAX_ROWS),
    refused: z
      .array(z.object({ row: Row, field: z.string().max(40).nullable(), reason: z.string().max(1000) }))
      .max(CSV_MAX_ROWS * 6),
  })
  .meta({ id: 'ContactImport' });

/** A row whose webhook goes to the loopback or a private network is refused, as the worker would refuse it. */
async function refuseUnsafeWebhooks(rows: ContactRows, allowed: readonly string[]): Promise<void> {
  const checked = await Promise.all(
    rows.valid.map(async (v) => (v.contact.webhookUrl ? webhookUrlRefusal(v.contact.webhookUrl, allowed) : undefined)),
  );
  rows.refused.push(
    ...rows.valid.flatMap((v, i) => {
      const refusal = checked[i];
      return refusal
        ? [{ row: v.row, field: 'webhook_url', reason: `must not go to a private address: ${refusal}` }]
        : [];
    }),
  );
  rows.refused.sort((a, b) => a.row - b.row);
  rows.valid = rows.valid.filter((_, i) => checked[i] === undefined);
}

export default async function contactRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  // The cycle imports may have taught the server CSV already; a second parser is refused by Fastify.
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_MAX_BYTES }, parseCsvBody);
  }

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/contacts',
    {
      bodyLimit: CSV_MAX_BYTES,
      schema: {
        summary: 'Add or update contacts from a CSV file (province,role,level,name,email,webhook_url)',
        description:
          'Roles: officer, council_secretary, inspector, coordinator; an empty level (or *) serves every level. ' +
          'Every row must be of a province you coordinate. At most 1 MiB and 2,000 rows.',
        tags: ['contacts'],
        security: BEARER,
        consumes: ['text/csv'],
        body: z.string().max(CSV_MAX_BYTES).describe('CSV with a header row'),
        response: { 200: ContactImport, ...problems(...REFUSALS, 413, 415) },
      },
    },
    async (request) => {
      provinceFor(request, OPERATION);
      let rows: ContactRows;
      try {
        rows = readContacts(request.body);
      } catch (error) {
        if (!(error instanceof OcopError)) throw error;
        throw new ApiProblem(400, 'Bad Request', error.message.replace(/^FILE: /, 'body: '), {
          errors: [{ field: 'body', rule: error.message.replace(/^FILE: /, '') }],
        });
      }
      await refuseUnsafeWebhooks(rows, ctx.config.webhookAllowPrivate);
      if (rows.total > CSV_MAX_ROWS) {
        throw new ApiProblem(400, 'Bad Request', `body: has ${rows.total} rows; at most ${CSV_MAX_ROWS}`, {
          errors: [{ field: 'body', rule: `at most ${CSV_MAX_ROWS} rows` }],
        });
      }
      // Nothing is written unless every province the file names is one the caller may manage.
      for (const province of new Set(rows.valid.map((v) => v.contact.province))) {
        requireGrant(request, OPERATION, { province });
      }
      await upsertContacts(
        ctx.db,
        rows.valid.map((v) => v.contact),
      );
      return {
        total: rows.total,
        imported: rows.valid.length,
        contacts: rows.valid.map(({ row, contact: c }) => ({
          row,
          province: c.province,
          role: c.role,
          level: c.level,
          name: c.name,
        })),
        refused: rows.refused.map((r) => ({ row: r.row, field: r.field ?? null, reason: r.reason })),
      };
    },
  );
}
