// Commands on one product application.
import type { Command } from 'commander';
import { ProductId } from '../../../domain/ids';
import { parseOrThrow } from '../../errors';
import { formatProductState } from '../format';
import { print, withClient } from './shared';

export function registerProductCommands(ocop: Command): void {
  ocop
    .command('status')
    .description("a product application's stage, deadline, scores, certificate and action history")
    .requiredOption('--product <id>', 'product application id, e.g. CB-2023-0007')
    .option('--json', 'print one JSON object')
    .action(async (opts: { product: string; json?: boolean }) => {
      const productId = parseOrThrow(ProductId, opts.product, '--product');
      const state = await withClient((client) => client.productState(productId));
      print(Boolean(opts.json), state, () => formatProductState(state));
    });
}
