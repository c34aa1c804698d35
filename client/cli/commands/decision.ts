// `ocop decision`: the recognition decisions (quyết định công nhận) of a cycle.
// A coordinator records one for many products from a JSON file; anyone lists
// the announced decisions and revocations, and exports a decision as CSV for
// the national OCOP system. One product's decision, and a revocation, are
// `ocop product recognize` and `ocop product revoke`.
import type { Command } from 'commander';
import { z } from 'zod';
import { formatDateVN } from '../../../domain/dates';
import { cycleOfProduct, CycleId } from '../../../domain/ids';
import { RecognitionDecisionBody } from '../../../domain/recognition';
import { ProvinceCode, Year } from '../../../domain/schemas';
import type { AnnouncedRevocation, DecisionSummary, RecognitionDecisionAnswer } from '../../api-client';
import { CliError, EXIT, invalid, parseOrThrow } from '../errors';
import { formatRecords, table } from '../format';
import { anonymous, connect } from '../session';
import { parseNumber, payloadFile, print } from './shared';

const EXAMPLE = {
  number: '1234/QĐ-UBND',
  decidedOn: '2026-10-15T02:00:00Z',
  authority: 'UBND tỉnh Cao Bằng',
  level: 'province',
  products: [{ productId: 'CB-2026-0007' }, { productId: 'CB-2026-0012' }],
};

function formatAnswer(answer: RecognitionDecisionAnswer): string {
  const head = answer.decisionId
    ? `decision ${answer.decisionId}${answer.changed ? '' : ' (already recorded: nothing changed)'}`
    : 'nothing recorded';
  const rows = answer.products.map((p) =>
    p.status === 'accepted'
      ? [p.productId, 'accepted', `${p.stars}★ ${p.certificateNumber}, valid until ${day(p.validUntil)}`]
      : [p.productId, 'refused', p.problem.detail],
  );
  return `${head}: ${answer.accepted} accepted, ${answer.refused} refused\n${table([['product', 'status', ''], ...rows])}`;
}

const day = (instant: string) => formatDateVN(instant);

function formatDecisions(decisions: DecisionSummary[]): string {
  if (!decisions.length) return 'no decisions announced';
  return table([
    ['id', 'number', 'date', 'authority', 'cycle', 'level', 'products'],
    ...decisions.map((d) => [d.decisionId, d.number, day(d.decidedOn), d.authority, d.cycleId, d.level, d.products]),
  ]);
}

function formatRevocations(revocations: AnnouncedRevocation[]): string {
  if (!revocations.length) return 'no revocations announced';
  return table([
    ['product', 'name', 'certificate', 'decision', 'date', 'authority', 'ground'],
    ...revocations.map((r) => [
      r.productId,
      r.productName,
      r.certificateNumber ?? '',
      r.number,
      day(r.decidedOn),
      r.authority,
      r.ground,
    ]),
  ]);
}

const optionalYear = parseNumber('--year', Year);

function listOptions(command: Command): Command {
  return command
    .option('--province <code>', 'the province, e.g. CB', (v) => parseOrThrow(ProvinceCode, v, '--province'))
    .option('--year <year>', 'the year the decisions were issued', optionalYear)
    .option('--json', 'print one JSON array');
}

export function registerDecisionCommands(ocop: Command): void {
  const decision = ocop
    .command('decision')
    .description('recognition decisions (quyết định công nhận): record, list, show, export; revocations');

  decision
    .command('record')
    .description("a coordinator records the authority's decision for the products it lists")
    .requiredOption('--file <file>', 'the decision as JSON: number, decidedOn, authority, level, products')
    .option('--cycle <id>', 'the cycle; by default that of the first product', (v) =>
      parseOrThrow(CycleId, v, '--cycle'),
    )
    .option('--json', "print the API's answer")
    .addHelpText(
      'after',
      `\nExits 0 when every product was accepted, 4 when some were refused (see the list).\n` +
        `Example decision.json:\n  ${JSON.stringify(EXAMPLE)}`,
    )
    .action(async (opts: { file: string; cycle?: string; json?: boolean }) => {
      const body = parseOrThrow(RecognitionDecisionBody, payloadFile(opts.file), '--file');
      const cycle = opts.cycle ?? cycleOfProduct(body.products[0]?.productId ?? '');
      if (!CycleId.safeParse(cycle).success) throw invalid(`--cycle: cannot tell the cycle of ${cycle}; give --cycle`);
      const answer = await connect().recordDecision(cycle, body);
      print(Boolean(opts.json), answer, () => formatAnswer(answer));
      if (answer.refused) {
        throw new CliError(
          EXIT.refused,
          `${answer.refused} of ${answer.products.length} products refused; see the list`,
        );
      }
    });

  listOptions(
    decision
      .command('list')
      .description('the recognition decisions announced, newest first (no sign-in needed)')
      .option('--cycle <id>', 'only those of a cycle', (v) => parseOrThrow(CycleId, v, '--cycle')),
  ).action(async (opts: { province?: string; year?: number; cycle?: string; json?: boolean }) => {
    const { json, ...query } = opts;
    const decisions = await anonymous().decisions(query);
    print(Boolean(json), decisions, () => formatDecisions(decisions));
  });

  decision
    .command('show <decisionId>')
    .description('a decision as announced: the products it recognises (no sign-in needed)')
    .option('--json', 'print one JSON object')
    .action(async (id: string, opts: { json?: boolean }) => {
      const announced = await anonymous().decision(decisionIdOf(id));
      const { items, ...head } = announced;
      print(Boolean(opts.json), announced, () => `${formatRecords([head], '')}\n${formatRecords(items, '')}`);
    });

  decision
    .command('export <decisionId>')
    .description('a decision as CSV for the national OCOP system, on stdout: ocop decision export 12 > qd.csv')
    .action(async (id: string) => {
      process.stdout.write(await anonymous().decisionCsv(decisionIdOf(id)));
    });

  listOptions(
    decision.command('revocations').description('the revocations (thu hồi) decided, newest first (no sign-in needed)'),
  ).action(async (opts: { province?: string; year?: number; json?: boolean }) => {
    const { json, ...query } = opts;
    const revocations = await anonymous().revocations(query);
    print(Boolean(json), revocations, () => formatRevocations(revocations));
  });
}

function decisionIdOf(value: string): string {
  return parseOrThrow(
    z.string().regex(/^\d{1,18}$/, 'must be a decision id, e.g. 12 (ocop decision list)'),
    value,
    'decisionId',
  );
}
