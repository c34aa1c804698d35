// What a chaos run stands on, all of its own: a PostgreSQL cluster, a Temporal
// dev server keeping its state in a SQLite file (so a restart loses nothing),
// the engine's database, the worker as a child process and a client. Starting
// each is the local stack's (scripts/stack/); the faults are struck here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { OcopClient } from '../../client/ocop-client';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/database';
import { loadConfig } from '../../worker/config';
import { databaseUrl, prepareDatabase } from '../stack/database';
import { freePort } from '../stack/net';
import { Stops } from '../stack/stops';
import { type DevServer, type DevServerOptions, startTemporalDevServer } from '../stack/temporal';
import { type Cluster, startCluster } from './cluster';
import type { AppliedFault, PlannedFault } from './faults';
import { ChaosWorker } from './worker';

export const TASK_QUEUE = 'ocop-chaos';

export interface ChaosStack {
  dir: string;
  cluster: Cluster;
  db: Kysely<Database>;
  ocop: OcopClient;
  worker: ChaosWorker;
  /** The worker's pid before and after each PostgreSQL restart: the same when it rode through by itself. */
  pidsAcrossPostgresRestarts: { before: number | undefined; after: number | undefined }[];
  strike(fault: PlannedFault): Promise<AppliedFault>;
  stop(): Promise<void>;
}

export interface ChaosBuild {
  workerScript: string;
  workflowBundle: string;
}

/** How long the engine may take to record a transition after a fault before it counts as not recovered. */
const RECOVERY_LIMIT_MS = 180_000;

/** The first transition recorded after `since`, epoch ms; polled, since the engine recovers on its own time. */
async function nextTransition(db: Kysely<Database>, since: number): Promise<number | null> {
  const until = Date.now() + RECOVERY_LIMIT_MS;
  while (Date.now() < until) {
    const row = await db
      .selectFrom('product_events')
      .select(sql<Date | null>`min(recorded_at)`.as('at'))
      .where('recorded_at', '>', new Date(since))
      .executeTakeFirst()
      .catch(() => undefined);
    if (row?.at) return new Date(row.at).getTime();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

/** The worker's environment: the run's own database and server, and notices to the log only. */
function workerEnv(build: ChaosBuild, databaseUrl: string, address: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !['SMTP_URL', 'WEBHOOK_URL', 'WEBHOOK_SECRET'].includes(key)),
  );
  return {
    ...inherited,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    WORKFLOW_BUNDLE_PATH: build.workflowBundle,
  };
}

export async function startChaosStack(build: ChaosBuild, log: (line: string) => void): Promise<ChaosStack> {
  const stops = new Stops();
  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-chaos-'));
  stops.add(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    const cluster = await startCluster(log);
    stops.add(() => cluster.stop());
    const url = databaseUrl(cluster.url, 'ocop_chaos');
    await prepareDatabase(url);
    const db = createDb(url, { max: 4 });
    stops.add(() => db.destroy());
    const devOptions: DevServerOptions = {
      address: `127.0.0.1:${await freePort()}`,
      namespaces: [],
      uiPort: null,
      dbFile: path.join(dir, 'temporal.sqlite'),
    };
    let server: DevServer = await startTemporalDevServer(devOptions, log);
    stops.add(() => server.stop());
    const worker = new ChaosWorker(
      build.workerScript,
      workerEnv(build, url, server.address),
      path.join(dir, 'worker.log'),
    );
    await worker.start();
    stops.add(() => worker.stop());
    const config = loadConfig({ TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, DATABASE_URL: url });
    const ocop = await OcopClient.connect(config);
    stops.add(() => ocop.close());
    const pidsAcrossPostgresRestarts: ChaosStack['pidsAcrossPostgresRestarts'] = [];
    const restartServer = async () => {
      await server.stop();
      server = await startTemporalDevServer({ ...devOptions, address: server.address }, log);
    };
    const restartPostgres = async () => {
      const before = worker.pid;
      await cluster.restart();
      return () => pidsAcrossPostgresRestarts.push({ before, after: worker.pid });
    };
    return {
      ...{ dir, cluster, db, ocop, worker, pidsAcrossPostgresRestarts },
      async strike(fault) {
        const struckAt = Date.now();
        let afterRecovery = () => 0;
        if (fault.kind === 'worker-kill') await worker.kill();
        else if (fault.kind === 'temporal-restart') await restartServer();
        else afterRecovery = await restartPostgres();
        const recoveredAt = await nextTransition(db, struckAt);
        // Asked once the engine moved again: a worker that died of the restart has done so by then.
        afterRecovery();
        return { ...fault, struckAt, recoveredAt };
      },
      stop: () => stops.run(),
    };
  } catch (error) {
    return stops.afterFailure(error);
  }
}
