// `npm run chaos`: faults as a routine check. Builds the worker and the
// workflow bundle from the sources (as the bench does), runs them on a
// PostgreSQL cluster and a dev server of the run's own while it strikes, then
// prints the tally and writes it under bench/results/. Exits 1 when anything
// was lost, doubled, stuck or left unsent, or the worker needed help.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { build } from '../../bench/stack';
import { projectRoot } from '../temporal-binaries';
import { consoleReport, passed, writeResult } from './report';
import { runChaos } from './run';

const whole = (max: number) => (value: string) => {
  const parsed = z.coerce.number().int().min(0).max(max).safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`must be a whole number from 0 to ${max}`);
  return parsed.data;
};

/** The run CI makes: small enough for a few minutes on two cores, with one of each fault. */
const SHORT = { products: 50, kills: 5, restarts: 1, serverRestarts: 1 };

const program = new Command('chaos')
  .description('drives products through their lifecycle under worker kills and restarts, then checks every one')
  .option('--products <n>', 'products driven through the whole compressed lifecycle', whole(9_999), 200)
  .option('--kills <n>', 'worker SIGKILLs at random moments', whole(1_000), 20)
  .option('--restarts <n>', 'PostgreSQL restarts (pg_ctl restart -m fast)', whole(20), 2)
  .option('--server-restarts <n>', 'Temporal dev server restarts', whole(20), 1)
  .option('--short', `the CI preset: ${SHORT.products} products, ${SHORT.kills} kills, one restart of each`)
  .option('--seed <n>', 'the seed of the kill moments, to repeat a run', whole(2 ** 31), Date.now() % 2 ** 31)
  .option('--concurrency <n>', 'requests in flight at once', whole(1_000), 20)
  .option('--out <dir>', 'where results are written', path.join(__dirname, '..', '..', 'bench', 'results'));

async function main(): Promise<void> {
  const opts = program.parse().opts<{
    products: number;
    kills: number;
    restarts: number;
    serverRestarts: number;
    short?: boolean;
    seed: number;
    concurrency: number;
    out: string;
  }>();
  const chosen = opts.short ? { ...opts, ...SHORT } : opts;
  const log = (line: string) => console.log(line);
  // Inside the project, where the built worker and the bundler find node_modules.
  const dir = path.join(projectRoot(), '.data', `chaos-build-${process.pid}`);
  try {
    log('building the worker and the workflow bundle');
    const built = await build(dir);
    const result = await runChaos({
      products: chosen.products,
      kills: chosen.kills,
      postgresRestarts: chosen.restarts,
      temporalRestarts: chosen.serverRestarts,
      seed: opts.seed,
      concurrency: opts.concurrency,
      build: { workerScript: built.engineWorker, workflowBundle: built.engineBundle },
      log,
    });
    console.log(consoleReport(result));
    log(`results in ${path.relative(process.cwd(), writeResult(result, opts.out))}.{json,md}`);
    process.exitCode = passed(result) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`chaos: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
