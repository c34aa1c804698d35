// `ocop contacts import`: the people and offices that receive reminders and
// escalations, by province, role and level. The API reads the CSV and answers
// for each row.
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors';
import { formatRecords } from '../format';
import { connect } from '../session';
import { group, print, readText } from './shared';

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
      const answer = await connect().importContacts(readText(file, 'FILE'));
      const { total, contacts: done, refused } = answer;
      // A row may be refused for several reasons: the count is of rows.
      const refusedRows = new Set(refused.map((r) => r.row)).size;
      print(Boolean(opts.json), answer, () =>
        [
          `Imported ${done.length} of ${total} contacts`,
          ...(done.length ? [formatRecords(done, '')] : []),
          ...(refused.length
            ? ['', `Refused ${refusedRows} rows; nothing of them was imported`, formatRecords(refused, '')]
            : []),
        ].join('\n'),
      );
      if (refused.length) throw new CliError(EXIT.refused, `${refusedRows} of ${total} rows refused; see the list`);
    });
}
