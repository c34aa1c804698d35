// `npm run bench -- --sizes 100,300,1000 --parked 10000`: how many products one
// worker and one Temporal server carry, and what the engine costs over bare
// Temporal. Every figure is measured on this machine in this run; see README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { sql } from 'kysely';
import { OcopClient } from '../client/ocop-client';
import { createDb } from '../db/connection';
import { projectRoot } from '../scripts/temporal-binaries';
import { loadConfig } from '../worker/config';
import { apiScenario } from './api';
import { importScenario } from './imports';
import { roundTripScenario } from './round-trips';
import { webScenario, type WebResult } from './web';
import { webMarkdown, webSummary } from './web-report';
import { CALENDAR } from './lifecycles';
import { markdown, overhead, type Results } from './report';
import { bareScenario, type Context, engineScenario, parkedScenario, profiledScenario } from './scenarios';
import { databaseUrl, dropDatabase, ensureDatabaseServer } from '../scripts/stack/database';
import { startTemporalDevServer } from '../scripts/stack/temporal';
import { build, stopAll, temporalCliVersion } from './stack';

/**
 * The worker settings under measurement, unless the environment sets them.
 * The SDK's own defaults for activities (100) and workflow tasks (40) stand; the
 * cache holds every product of the 1,000 size so that no lifecycle replays,
 * and the parked scenario shows what a bounded cache costs over 10,000; a pool
 * of 20 keeps 100 concurrent activities from queueing long for a connection
 * while leaving room on a PostgreSQL that allows 100.
 */
const TUNING_DEFAULTS = {
  WORKER_MAX_CACHED_WORKFLOWS: '1000',
  WORKER_MAX_CONCURRENT_ACTIVITIES: '100',
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '40',
  DATABASE_POOL_SIZE: '20',
};

/** Product ids have four digits, so one cycle holds at most 10,000 products. */
const MAX_PRODUCTS = 10_000;

function count(max: number) {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) {
      throw new InvalidArgumentError(`must be a whole number from 0 to ${max}`);
    }
    return parsed;
  };
}

function sizes(value: string): number[] {
  const list = value.split(',').map((part) => count(MAX_PRODUCTS)(part.trim()));
  if (list.some((size) => size === 0)) throw new InvalidArgumentError('sizes must be at least 1');
  return list;
}

function levels(value: string): [number, number][] {
  if (!value.trim()) return [];
  return value.split(',').map((pair) => {
    const [lanes, requests] = pair.split(':').map((part) => count(10_000)(part.trim()));
    if (!lanes || !requests) throw new InvalidArgumentError(`${pair}: must be at-a-time:requests, e.g. 50:1000`);
    return [lanes, requests];
  });
}

const SCENARIOS = ['lifecycle', 'api', 'web'] as const;
type ScenarioName = (typeof SCENARIOS)[number];

function scenarios(value: string): ScenarioName[] {
  const list = value.split(',').map((part) => part.trim());
  const unknown = list.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length)
    throw new InvalidArgumentError(`unknown ${unknown.join(', ')}; known are ${SCENARIOS.join(', ')}`);
  return list as ScenarioName[];
}

const program = new Command('bench')
  .description(
    'Measures the OCOP engine against a bare Temporal lifecycle; writes bench/results/<date>-<sizes>.{json,md}',
  )
  .option('--sizes <list>', 'products driven through the full lifecycle, one scenario per size', sizes, [200])
  .option('--parked <n>', 'products certified and left waiting in post-inspection (0: skip)', count(MAX_PRODUCTS), 0)
  .option('--concurrency <n>', 'requests in flight from the driver at once', count(10_000), 50)
  .option('--history-sample <n>', 'products per scenario whose histories are fetched and measured', count(1000), 10)
  .option(
    '--profile <n>',
    'afterwards, n full lifecycles on each worker under node --cpu-prof (0: skip)',
    count(MAX_PRODUCTS),
    0,
  )
  .option(
    '--scenario <list>',
    'which to run: lifecycle (the sizes, engine and bare), api (the service API against Temporal), web (the web app in Chromium)',
    scenarios,
    ['lifecycle'],
  )
  .option('--round-trips <list>', 'one action against the floor: at-a-time:requests pairs (empty: skip)', levels, [
    [1, 200],
    [50, 1000],
  ])
  .option('--import <n>', 'rows of a CSV import registered through the cycle (0: skip)', count(MAX_PRODUCTS), 0)
  .option('--api-products <n>', 'products the api scenario acts on, through the API and directly', count(2000), 200)
  .option('--out <dir>', 'where results are written', path.join(__dirname, 'results'));

/** The commit the sources were built from, and whether the working tree had changes on top of it. */
function sourceVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot() }).toString().trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain') ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function packageVersion(name: string): string {
  const file = path.join(projectRoot(), 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const options = program.parse(process.argv).opts<{
    sizes: number[];
    parked: number;
    concurrency: number;
    historySample: number;
    profile: number;
    scenario: ScenarioName[];
    roundTrips: [number, number][];
    import: number;
    apiProducts: number;
    out: string;
  }>();
  if (options.apiProducts < 1) throw new InvalidArgumentError('--api-products must be at least 1');
  const sizes = options.scenario.includes('lifecycle') ? options.sizes : [];
  if (options.concurrency < 1) throw new InvalidArgumentError('--concurrency must be at least 1');
  const startedAt = new Date();
  const runId = startedAt.toISOString().replace(/[-:]/g, '').replace('T', 't').slice(0, 15);
  const log = (line: string) => {
    const elapsed = Math.round((Date.now() - startedAt.getTime()) / 1000);
    console.log(
      `[${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}] ${line}`,
    );
  };

  const tuningEnv = Object.fromEntries(
    Object.entries(TUNING_DEFAULTS).map(([key, fallback]) => [key, process.env[key] ?? fallback]),
  );
  const config = loadConfig({ ...process.env, ...tuningEnv });

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (let step = cleanups.pop(); step; step = cleanups.pop()) {
      await step().catch((error: unknown) => log(`cleaning up: ${(error as Error).message}`));
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the workers and the server, dropping the bench databases`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  try {
    const buildDir = path.join(projectRoot(), 'node_modules', '.cache', 'ocop-bench', runId);
    cleanups.push(async () => rmSync(buildDir, { recursive: true, force: true }));
    const logDir = mkdtempSync(path.join(os.tmpdir(), `ocop-bench-${runId}-`));
    log(`building the worker and both workflow bundles into ${path.relative(projectRoot(), buildDir)}`);
    const built = await build(buildDir);

    const external = process.env.TEMPORAL_ADDRESS;
    let address = external ?? '';
    let serverPid: number | null = null;
    if (!external) {
      const server = await startTemporalDevServer(
        { address: '127.0.0.1:0', namespaces: [config.temporal.namespace], uiPort: null, dbFile: null },
        log,
      );
      cleanups.push(() => server.stop());
      address = server.address;
      serverPid = server.pid;
      log(`started an in-memory Temporal dev server at ${address}`);
    } else {
      log(`using the Temporal server at ${address}`);
    }
    const ocop = await OcopClient.connect({ ...config, temporal: { ...config.temporal, address } });
    cleanups.push(() => ocop.close());

    const postgres = await ensureDatabaseServer(process.env, log);
    cleanups.push(() => postgres.stop());
    const admin = createDb(databaseUrl(postgres.url, 'postgres'), { max: 2 });
    cleanups.push(() => admin.destroy());
    cleanups.push(async () => {
      const { rows } = await sql<{ datname: string }>`
        select datname from pg_database where datname like ${`ocop_bench_${runId}_%`}`.execute(admin);
      for (const { datname } of rows) await dropDatabase(databaseUrl(postgres.url, datname));
    });
    // Popped first: workers and the API stop before their databases are dropped.
    cleanups.push(stopAll);

    const { rows: pgVersion } = await sql<{ version: string }>`select version()`.execute(admin);
    const system = await ocop.client.workflowService.getSystemInfo({});
    const ctx: Context = {
      client: ocop.client,
      build: built,
      serverPid,
      admin,
      databaseServerUrl: postgres.url,
      workerEnv: { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: config.temporal.namespace, ...tuningEnv },
      runId,
      concurrency: options.concurrency,
      historySample: options.historySample,
      logDir,
      log,
      externalServer: Boolean(external),
    };
    log(`worker logs in ${logDir}`);

    const results: Results & { web: WebResult | null } = {
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      startedAt: startedAt.toISOString(),
      wallSeconds: 0,
      machine: {
        cores: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: os.totalmem() / 1024 ** 3,
        os: `${os.type()} ${os.release()}`,
        loadAverageAtStart: os.loadavg(),
      },
      versions: {
        'engine source': sourceVersion(),
        node: process.version,
        '@temporalio/worker': packageVersion('@temporalio/worker'),
        '@temporalio/client': packageVersion('@temporalio/client'),
        'Temporal server': system.serverVersion ?? 'unknown',
        'Temporal CLI': external ? 'external server' : temporalCliVersion(),
        PostgreSQL: pgVersion[0]?.version.split(' on ')[0] ?? 'unknown',
        kysely: packageVersion('kysely'),
        pg: packageVersion('pg'),
        zod: packageVersion('zod'),
      },
      settings: {
        server: external ? `external at ${address}` : 'dev server, in memory (SQLite), started by the bench',
        concurrency: options.concurrency,
        maxCachedWorkflows: Number(tuningEnv.WORKER_MAX_CACHED_WORKFLOWS),
        maxConcurrentActivityTaskExecutions: Number(tuningEnv.WORKER_MAX_CONCURRENT_ACTIVITIES),
        maxConcurrentWorkflowTaskExecutions: Number(tuningEnv.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS),
        databasePoolSize: Number(tuningEnv.DATABASE_POOL_SIZE),
        calendar: { ...CALENDAR, reminderOffsets: 'none' },
        historySample: options.historySample,
      },
      lifecycles: [],
      parked: null,
      profiled: null,
      api: null,
      roundTrips: null,
      imports: null,
      web: null,
    };

    // Bare first: the engine then runs on a server already holding the bare histories, never the other way round.
    for (const [index, products] of sizes.entries()) {
      const province = `L${String.fromCharCode(65 + index)}`;
      log(`bare lifecycle, ${products} products`);
      const bare = await bareScenario(ctx, province, products);
      log(`  ${bare.completed} done in ${bare.seconds.makespan.toFixed(1)} s, Update p50 ${bare.updates.p50} ms`);
      log(`engine lifecycle, ${products} products`);
      const engine = await engineScenario(ctx, province, products);
      log(
        `  ${engine.completed} expired in ${engine.seconds.makespan.toFixed(1)} s, Update p50 ${engine.updates.p50} ms`,
      );
      results.lifecycles.push({ products, engine, bare, overhead: overhead(engine, bare) });
    }
    if (options.roundTrips.length) {
      log(`round trips: ${options.roundTrips.map(([l, q]) => `${q} at ${l} a time`).join(', ')}, engine then floor`);
      results.roundTrips = await roundTripScenario(ctx, options.roundTrips);
      for (const t of results.roundTrips) {
        log(
          `  ${t.lanes} at a time: engine p50/p95 ${t.engine.p50}/${t.engine.p95} ms, floor ${t.floor.p50}/${t.floor.p95} ms`,
        );
      }
    }
    if (options.import > 0) {
      log(`import: ${options.import} rows through registerProducts`);
      results.imports = await importScenario(ctx, options.import);
      log(`  ${results.imports.registered} in the read model in ${results.imports.inReadModelSeconds.toFixed(1)} s`);
    }
    if (options.parked > 0) {
      log(`parked: ${options.parked} products to post-inspection`);
      results.parked = await parkedScenario(ctx, 'PK', options.parked);
    }
    if (options.profile > 0) {
      log(`profiled: ${options.profile} full lifecycles, engine then bare, with the worker under --cpu-prof`);
      const profileDir = path.join(logDir, 'profiles');
      results.profiled = await profiledScenario(ctx, 'PF', options.profile, profileDir);
      log(`  profiles in ${profileDir}`);
    }

    if (options.scenario.includes('api')) {
      log(`api: ${options.apiProducts} products acted on through the API and directly, then the reads`);
      results.api = await apiScenario(ctx, options.apiProducts);
    }
    if (options.scenario.includes('web')) {
      log('web: the dashboard, the product table and the JavaScript over 10,000 products, in Chromium');
      results.web = await webScenario(ctx);
      console.log(webSummary(results.web));
    }

    results.wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
    mkdirSync(options.out, { recursive: true });
    const name = [
      results.startedAt.slice(0, 10),
      ...(sizes.length ? [sizes.join('-')] : []),
      ...(options.parked ? [`parked${options.parked}`] : []),
      ...(results.api ? ['api'] : []),
      ...(results.web ? ['web'] : []),
    ].join('-');
    writeFileSync(path.join(options.out, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    const web = results.web ? ['', ...webMarkdown(results.web)] : [];
    writeFileSync(path.join(options.out, `${name}.md`), `${[markdown(results), ...web].join('\n')}\n`);
    log(`results in ${path.join(path.relative(process.cwd(), options.out), name)}.{json,md}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
