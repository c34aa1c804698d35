// Commands on product applications: register one or many in a cycle, and
// show one's stage, deadlines, scores, certificate and history.
import type { Command } from 'commander';
import { CycleId, ProductId } from '../../../domain/ids';
import type { Actor } from '../../../domain/schemas';
import { parseOrThrow } from '../../errors';
import { formatImportSummary, formatProductState } from '../format';
import { progressBar } from '../progress';
import { FileRegistration, type ImportSummary, readRegistrations, registrant, rowRefusal } from '../registrations';
import { AS_FLAG, group, parseActor, PartlyRefused, payloadFile, print, readText, withClient } from './shared';

const REGISTRANT_HELP = 'who registers; default: the subject itself (producer:SUBJECT_ID), e.g. coordinator:vp-ocop';

async function showProduct(opts: { product: string; json?: boolean }): Promise<void> {
  const productId = parseOrThrow(ProductId, opts.product, '--product');
  const state = await withClient((client) => client.productState(productId));
  print(Boolean(opts.json), state, () => formatProductState(state));
}

function showOptions(command: Command): Command {
  return command
    .requiredOption('--product <id>', 'product application id, e.g. CB-2023-0007')
    .option('--json', 'print one JSON object')
    .action(showProduct);
}

interface RegisterOptions {
  cycle: string;
  file: string;
  as?: Actor;
  json?: boolean;
}

export function registerProductCommands(ocop: Command): void {
  const product = group(ocop, 'product', 'product applications (hồ sơ sản phẩm OCOP): register, show, act');

  showOptions(
    product
      .command('show')
      .description("a product application's stage, deadline, scores, certificate, inspections and history"),
  );
  showOptions(ocop.command('status').description('the same as `ocop product show`'));

  product
    .command('register')
    .description('register one product in a cycle while its registration window is open')
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .requiredOption(
      '--file <file>',
      'JSON registration: product {name, group}, subject {id, name, type, email?}, kind?',
    )
    .option(AS_FLAG, REGISTRANT_HELP, parseActor)
    .option('--json', 'print one JSON object')
    .action(async (opts: RegisterOptions) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const registration = parseOrThrow(FileRegistration, payloadFile(opts.file), '--file');
      const registered = await withClient((client) =>
        client.registerProduct(cycleId, { ...registration, actor: registrant(registration.subject, opts.as) }),
      );
      print(
        Boolean(opts.json),
        registered,
        () => `Registered ${registered.productId} (workflow ${registered.workflowId})`,
      );
    });

  product
    .command('import')
    .description('register many products from a CSV file, one at a time, and summarise what was registered and refused')
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .requiredOption(
      '--file <file.csv>',
      'CSV with a header row: product_name,product_group,subject_id,subject_name,subject_type, and optionally subject_email,kind,previous_product_id',
    )
    .option(AS_FLAG, REGISTRANT_HELP, parseActor)
    .option('--json', 'print {registered:[{row,productId}], refused:[{row,field?,reason}]}')
    .addHelpText('after', '\nExits 0 when every row was registered, 4 when some were refused (see the summary).')
    .action(async (opts: RegisterOptions) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const { rows, refused, total } = readRegistrations(readText(opts.file, '--file'), opts.as);
      const summary: ImportSummary = { registered: [], refused };
      const show = () => print(Boolean(opts.json), summary, () => formatImportSummary(cycleId, total, summary));
      const bar = progressBar(rows.length);
      const stoppedBy = await withClient(async (client) => {
        for (const [done, { row, registration }] of rows.entries()) {
          try {
            const { productId } = await client.registerProduct(cycleId, registration);
            summary.registered.push({ row, productId });
          } catch (error) {
            const refusal = rowRefusal(row, error);
            if (!refusal) return error;
            refused.push(refusal);
          }
          bar.update(done + 1, `registered ${summary.registered.length}`);
        }
        return null;
      });
      bar.finish();
      refused.sort((a, b) => a.row - b.row);
      if (stoppedBy) {
        // What was registered before the failure stays registered: say which, then why it stopped.
        if (summary.registered.length) show();
        throw stoppedBy;
      }
      show();
      const refusedRows = new Set(refused.map((r) => r.row)).size;
      if (refusedRows) throw new PartlyRefused(`${refusedRows} of ${total} rows refused; see the summary`);
    });
}
