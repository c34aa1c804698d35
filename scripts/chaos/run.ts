// One chaos run: N products through their whole compressed lifecycle while the
// worker is SIGKILLed, the dev server and PostgreSQL are restarted; then every
// product is checked (read-model/consistency-reads.ts) and the run tallied.
import { sql } from 'kysely';
import { drive, waitFor } from '../../bench/driver';
import { cycleOf } from '../../bench/lifecycles';
import type { CycleVerification, DifferenceKind } from '../../domain/consistency';
import { TERMINAL_STAGES } from '../../domain/schemas';
import { verifyCycleConsistency } from '../../read-model/consistency-reads';
import { type AppliedFault, type FaultCounts, planFaults, type RecoverySummary, summariseRecoveries } from './faults';
import { chaosLifecycle } from './lifecycle';
import { type ChaosBuild, type ChaosStack, startChaosStack } from './stack';
import type { UnexpectedExit } from './worker';

export interface ChaosOptions extends FaultCounts {
  products: number;
  seed: number;
  /** Requests in flight at once, as the bench's driver takes them. */
  concurrency: number;
  build: ChaosBuild;
  log: (line: string) => void;
}

export interface ChaosTally {
  lost: number;
  duplicated: number;
  stuck: number;
  failed: number;
  noticesMissing: number;
}

export interface ChaosResult {
  startedAt: string;
  seconds: number;
  options: Omit<ChaosOptions, 'build' | 'log'>;
  driven: number;
  tally: ChaosTally;
  finalStages: Record<string, number>;
  faults: AppliedFault[];
  recoveries: RecoverySummary[];
  pidsAcrossPostgresRestarts: { before: number | undefined; after: number | undefined }[];
  workerKeptAcrossPostgresRestarts: boolean;
  unexpectedWorkerExits: UnexpectedExit[];
  driveFailures: { product: number; step: string; message: string }[];
  verification: CycleVerification;
}

export const PROVINCE = 'CB';

/** The drive of N full lifecycles lasts about this long on two cores; the faults fall within it. */
export const faultWindowMs = (products: number) => 20_000 + products * 200;

/** How long products may take to end once driven: the last certificate expires 40 s after it was issued. */
const END_STALL_MS = 150_000;

const LOST: readonly DifferenceKind[] = [
  'workflow-missing',
  'row-missing',
  'transition-missing',
  'certificate-missing',
  'serial-gap',
];
const DUPLICATED: readonly DifferenceKind[] = ['transition-duplicated', 'transition-unknown'];
const FAILED: readonly DifferenceKind[] = ['workflow-failed', 'workflow-unreadable'];

const count = (v: CycleVerification, kinds: readonly DifferenceKind[]) =>
  kinds.reduce((sum, kind) => sum + (v.counts[kind] ?? 0), 0);

/** The faults, one after another at their moments, each waited on until the engine moves again. */
async function strikeAll(stack: ChaosStack, options: ChaosOptions, log: (line: string) => void) {
  const started = Date.now();
  const applied: AppliedFault[] = [];
  for (const fault of planFaults(options, faultWindowMs(options.products), options.seed)) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + fault.atMs - Date.now())));
    const done = await stack.strike(fault);
    const took = done.recoveredAt === null ? 'no transition since' : `${(done.recoveredAt - done.struckAt) / 1000} s`;
    log(`  ${fault.kind} at ${((done.struckAt - started) / 1000).toFixed(1)} s: moved again after ${took}`);
    applied.push(done);
  }
  return applied;
}

/** The products of the cycle by the stage the read model shows. */
async function stagesOf(stack: ChaosStack, cycleId: string): Promise<Record<string, number>> {
  const rows = await stack.db
    .selectFrom('products')
    .select(['stage', sql<number>`count(*)::int`.as('n')])
    .where('cycle_id', '=', cycleId)
    .groupBy('stage')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.stage, r.n]));
}

/**
 * Missing notices: those decided and never sent, and those of expired products
 * that never decided their expiry notice at all (the notice must go: issue 13).
 */
async function noticesMissing(stack: ChaosStack, v: CycleVerification): Promise<number> {
  const decided = v.differences.filter((d) => d.kind === 'notice-missing');
  const told = new Set(decided.filter((d) => d.found.includes('/certificate-expiry/')).map((d) => d.productId));
  const { rows } = await sql<{ id: string }>`select p.id from products p
    where p.cycle_id = ${v.cycleId} and p.stage = 'EXPIRED' and not exists (select 1 from notifications n
      where n.idempotency_key like 'ocop-product-' || p.id || '/certificate-expiry/%')`.execute(stack.db);
  return decided.length + rows.filter((r) => !told.has(r.id)).length;
}

async function runningProducts(stack: ChaosStack, cycleId: string): Promise<number> {
  const { count: n } = await stack.ocop.client.workflow.count(
    `OcopCycle = '${cycleId}' AND ExecutionStatus = 'Running'`,
  );
  return n;
}

async function driveThroughFaults(stack: ChaosStack, options: ChaosOptions) {
  const { log } = options;
  const cycleId = cycleOf(PROVINCE);
  log(
    `driving ${options.products} products while ${options.kills} kills and the restarts strike (seed ${options.seed})`,
  );
  const [driven, faults] = await Promise.all([
    drive(chaosLifecycle(stack.ocop, PROVINCE), options.products, options.concurrency, log),
    strikeAll(stack, options, log),
  ]);
  log(`driven: ${driven.driven} of ${options.products}; waiting for the products to end`);
  const terminal = async () => {
    const stages = await stagesOf(stack, cycleId);
    return TERMINAL_STAGES.reduce((sum, stage) => sum + (stages[stage] ?? 0), 0);
  };
  await waitFor(terminal, options.products, { stallMs: END_STALL_MS });
  return { driven, faults, cycleId };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { build, log, ...settings } = options;
  const startedAt = new Date();
  const stack = await startChaosStack(build, log);
  try {
    const { driven, faults, cycleId } = await driveThroughFaults(stack, options);
    log('checking every product: the workflow against the tables');
    const verification = await verifyCycleConsistency(stack.db, stack.ocop, cycleId);
    const running = await runningProducts(stack, cycleId);
    const finalStages = await stagesOf(stack, cycleId);
    const unexpectedEnds = Object.entries(finalStages)
      .filter(([stage]) => stage !== 'EXPIRED' && TERMINAL_STAGES.some((t) => t === stage))
      .reduce((sum, [, n]) => sum + n, 0);
    const pids = stack.pidsAcrossPostgresRestarts;
    return {
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      options: settings,
      driven: driven.driven,
      tally: {
        lost: count(verification, LOST),
        duplicated: count(verification, DUPLICATED),
        stuck: running + (verification.counts['activity-retrying'] ?? 0),
        failed: driven.failures.length + unexpectedEnds + count(verification, FAILED),
        noticesMissing: await noticesMissing(stack, verification),
      },
      finalStages,
      faults,
      recoveries: summariseRecoveries(faults),
      pidsAcrossPostgresRestarts: pids,
      workerKeptAcrossPostgresRestarts: pids.every((p) => p.before !== undefined && p.before === p.after),
      unexpectedWorkerExits: stack.worker.unexpectedExits,
      driveFailures: driven.failures.slice(0, 50),
      verification: { ...verification, differences: verification.differences.slice(0, 200) },
    };
  } finally {
    await stack.stop();
  }
}
