// `ocop verify --cycle ID`: the consistency check for the province's office.
// It exits 1 on any difference, so a scheduled job or CI can alert on it.
import type { Command } from 'commander';
import type { CycleVerification } from '../../../domain/consistency';
import { CycleId } from '../../../domain/ids';
import { CliError, EXIT, parseOrThrow } from '../errors';
import { table } from '../format';
import { connect } from '../session';
import { print } from './shared';

export function formatVerification(v: CycleVerification): string {
  if (v.consistent) return `${v.cycleId}: ${v.products} products checked, no difference`;
  return [
    `${v.cycleId}: ${v.products} products checked, ${v.differences.length} differences`,
    '',
    table([
      ['product', 'check', 'found', 'repair'],
      ...v.differences.map((d) => [d.productId ?? '—', d.kind, d.found, d.repair]),
    ]),
  ].join('\n');
}

/** Prints the check, and fails with exit 1 when it found any difference. */
async function verify(opts: { cycle: string; json?: boolean }): Promise<void> {
  const cycleId = parseOrThrow(CycleId, opts.cycle, '--cycle');
  const verification = await connect().verification(cycleId);
  print(Boolean(opts.json), verification, () => formatVerification(verification));
  if (verification.consistent) return;
  throw new CliError(EXIT.failure, `${verification.differences.length} differences in ${cycleId}`);
}

export function registerVerifyCommands(ocop: Command): void {
  ocop
    .command('verify')
    .description(
      "compare every product's workflow with the read model, the certificates and the outbox; " +
        'list each difference with its repair, and exit 1 when there is one',
    )
    .requiredOption('--cycle <id>', 'cycle id, e.g. CB-2023')
    .option('--json', 'print one JSON object')
    .action(verify);
}
