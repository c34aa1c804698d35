// Commands on product applications: register one or many in a cycle, list
// them with the API's filters, and show one's stage, scores, certificate and
// timeline.
import { type Command, Option } from 'commander';
import { RegistrationFields } from '../../../domain/cycle';
import { CycleId, ProductId } from '../../../domain/ids';
import { checkPreviousProduct } from '../../../domain/product';
import { ProductGroup, Stage } from '../../../domain/schemas';
import { ProductListQuery, ProductSort, type ProductQuery } from '../../../domain/product-list';
import { CliError, EXIT, parseOrThrow } from '../errors';
import { formatImport, formatProductList, formatProductView } from '../format';
import { connect } from '../session';
import { group, parseNumber, parseText, payloadFile, print, readText } from './shared';

/** A registration as the file gives it: no actor, for you register as who you are; its unit, or --unit. */
const FileRegistration = RegistrationFields.omit({ actor: true })
  .extend({ unit: RegistrationFields.shape.unit.unwrap() })
  .superRefine(checkPreviousProduct);

async function showProduct(opts: { product: string; json?: boolean }): Promise<void> {
  const productId = parseOrThrow(ProductId, opts.product, '--product');
  const view = await connect().product(productId);
  print(Boolean(opts.json), view, () => formatProductView(view));
}

function showOptions(command: Command): Command {
  return command
    .requiredOption('--product <id>', 'product application id, e.g. CB-2023-0007')
    .option('--json', 'print one JSON object')
    .action(showProduct);
}

type ListOptions = Omit<ProductQuery, 'q'> & { search?: string; json?: boolean };

/** A flag read by the API's own rule for its field, so the CLI refuses exactly what the API would. */
function queryField<K extends keyof typeof ProductListQuery.shape>(field: K, flag: string) {
  return (value: string) => parseOrThrow(ProductListQuery.shape[field], value, flag);
}

function registerListCommand(product: Command): void {
  product
    .command('list')
    .description('the products you may see, filtered and sorted, a page at a time')
    .option('--cycle <id>', 'in this cycle, e.g. CB-2023', queryField('cycle', '--cycle'))
    .addOption(new Option('--stage <stage>', 'at this stage').choices(Stage.options))
    .option('--stars <n>', 'rated this many stars', parseNumber('--stars', ProductListQuery.shape.stars))
    .addOption(new Option('--group <group>', 'of this product group').choices(ProductGroup.options))
    .option('--unit <code>', 'in this district or commune, e.g. 047', queryField('unit', '--unit'))
    .option('--subject <id>', "this subject's products", queryField('subject', '--subject'))
    .option(
      '--deadline-before <iso>',
      'with an open deadline before this instant',
      queryField('deadlineBefore', '--deadline-before'),
    )
    .option('--search <text>', 'name contains', queryField('q', '--search'))
    .addOption(new Option('--sort <key>', 'order; a leading - reverses it').choices(ProductSort.options))
    .option(
      '--limit <n>',
      'at most this many (1-200, default 50)',
      parseNumber('--limit', ProductListQuery.shape.limit),
    )
    .option('--cursor <cursor>', 'the next page, as the previous page named it', queryField('cursor', '--cursor'))
    .option('--json', 'print one JSON object {items, nextCursor}')
    .addHelpText(
      'after',
      '\nExamples:\n  ocop product list --cycle CB-2023 --unit 047 --stage DOSSIER_REVIEW --sort deadline\n  ocop product list --stars 4 --search "hạt dẻ" --json',
    )
    .action(async ({ search, json, ...query }: ListOptions) => {
      const page = await connect().listProducts({ ...query, q: search });
      print(Boolean(json), page, () => formatProductList(page));
    });
}

export function registerProductCommands(ocop: Command): void {
  const product = group(ocop, 'product', 'product applications (hồ sơ sản phẩm OCOP): register, list, show, act');

  showOptions(
    product
      .command('show')
      .description("a product application's stage, deadline, scores, certificate, inspections and timeline"),
  );
  showOptions(ocop.command('status').description('the same as `ocop product show`'));
  registerListCommand(product);

  product
    .command('register')
    .description('register one product in a cycle while its registration window is open')
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .requiredOption(
      '--file <file>',
      'JSON registration: product {name, group}, subject {id, name, type, email?}, unit, kind?, previousProductId?',
    )
    .option('--unit <code>', "the product's district or commune, if the file does not give it", parseText('--unit', 20))
    .option('--json', 'print one JSON object')
    .action(async (opts: { cycle: string; file: string; unit?: string; json?: boolean }) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const file = payloadFile(opts.file);
      const registration = parseOrThrow(FileRegistration, opts.unit ? { ...file, unit: opts.unit } : file, '--file', {
        unit: '--unit',
      });
      const registered = await connect().registerProduct(cycleId, registration);
      print(
        Boolean(opts.json),
        registered,
        () => `Registered ${registered.productId} (workflow ${registered.workflowId})`,
      );
    });

  product
    .command('import')
    .description('register many products from a CSV file; the API answers for each row')
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .requiredOption(
      '--file <file.csv>',
      'CSV with a header row: product_name,product_group,subject_id,subject_name,subject_type,unit, and optionally subject_email,kind,previous_product_id',
    )
    .option('--json', "print the API's answer {rows:[{line,status,productId?,error?}], registered, refused}")
    .addHelpText('after', '\nExits 0 when every row was registered, 4 when some were refused (see the list).')
    .action(async (opts: { cycle: string; file: string; json?: boolean }) => {
      const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
      const result = await connect().importProducts(cycleId, readText(opts.file, '--file'));
      print(Boolean(opts.json), result, () => formatImport(cycleId, result));
      if (result.refused) {
        throw new CliError(EXIT.refused, `${result.refused} of ${result.rows.length} rows refused; see the list`);
      }
    });
}
