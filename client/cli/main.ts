#!/usr/bin/env node
// `ocop`: the coordinators' command line, on the same client library the demo
// and the tests use. Errors go to stderr as one line, with an exit code per kind.
import { Command, CommanderError } from 'commander';
import { ProductId } from '../../domain/ids';
import { ConfigError, loadConfig } from '../../worker/config';
import { OcopError, parseOrThrow } from '../errors';
import { OcopClient } from '../ocop-client';
import { formatProductState } from './format';

/** Exit codes a script can branch on. */
export const EXIT = {
  ok: 0,
  failure: 1,
  invalid: 2,
  notFound: 3,
  refused: 4,
  unavailable: 5,
} as const;

const EXIT_BY_KIND: Record<OcopError['kind'], number> = {
  ValidationError: EXIT.invalid,
  WrongStage: EXIT.refused,
  Forbidden: EXIT.refused,
  DeadlinePassed: EXIT.refused,
  NotFound: EXIT.notFound,
  AlreadyExists: EXIT.refused,
  Unavailable: EXIT.unavailable,
};

function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

async function withClient<T>(run: (client: OcopClient) => Promise<T>): Promise<T> {
  const client = await OcopClient.connect(loadConfig(process.env));
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

export function program(): Command {
  const ocop = new Command('ocop')
    .description('Run and follow OCOP (Mỗi xã một sản phẩm) cycles on Temporal')
    .showHelpAfterError()
    .exitOverride();

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

  return ocop;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (error instanceof OcopError) {
      process.stderr.write(`ocop: ${error.kind === 'NotFound' ? '' : `${error.kind}: `}${error.message}\n`);
      return EXIT_BY_KIND[error.kind];
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`ocop: ${error.message}\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`ocop: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failure;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => process.exit(code));
}
