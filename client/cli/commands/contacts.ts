// `ocop contacts import`: the people and offices that receive reminders and
// escalations, by province, role and level. It needs only PostgreSQL.
import type { Command } from 'commander';
import { upsertContacts } from '../../../db/contacts';
import { type ContactRows, readContacts } from '../../contacts';
import { table } from '../format';
import { group, PartlyRefused, print, readText, withDb } from './shared';

function formatContactImport({ total, valid, refused }: ContactRows): string {
  const lines = [`Imported ${valid.length} of ${total} contacts`];
  if (valid.length) {
    lines.push(
      table([
        ['row', 'province', 'role', 'level', 'name', 'email', 'webhook'],
        ...valid.map(({ row, contact: c }) => [row, c.province, c.role, c.level || '*', c.name, c.email, c.webhookUrl]),
      ]),
    );
  }
  if (refused.length) {
    lines.push('', `Refused ${new Set(refused.map((r) => r.row)).size} rows; nothing of them was imported`);
    lines.push(table([['row', 'field', 'reason'], ...refused.map((r) => [r.row, r.field ?? '—', r.reason])]));
  }
  return lines.join('\n');
}

export function registerContactsCommands(ocop: Command): void {
  const contacts = group(ocop, 'contacts', 'who receives reminders and escalations, by province, role and level');

  contacts
    .command('import')
    .description(
      'add or update contacts from a CSV file; a refused row is listed with its column and rule, and not imported',
    )
    .argument(
      '<file>',
      'CSV with the columns province,role,level,name,email,webhook_url (level and webhook_url may be empty)',
    )
    .option('--json', 'print one JSON object')
    .addHelpText(
      'after',
      [
        '',
        'Roles: officer, council_secretary, inspector, coordinator. An empty level (or *) serves every level.',
        "A subject's address comes from its registration, not from this file.",
        '',
        'Example file:',
        '  province,role,level,name,email,webhook_url',
        '  CB,officer,district,Phòng NN huyện Trùng Khánh,pnn.trungkhanh@caobang.gov.vn,',
        '  CB,coordinator,,Văn phòng Điều phối OCOP tỉnh,ocop@caobang.gov.vn,https://ocop.caobang.gov.vn/hooks',
      ].join('\n'),
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const rows = readContacts(readText(file, 'FILE'));
      await withDb((db) =>
        upsertContacts(
          db,
          rows.valid.map((v) => v.contact),
        ),
      );
      print(Boolean(opts.json), rows, () => formatContactImport(rows));
      const refusedRows = new Set(rows.refused.map((r) => r.row)).size;
      if (refusedRows) throw new PartlyRefused(`${refusedRows} of ${rows.total} rows refused; see the list`);
    });
}
