// The stack's worker: in this process, as `npm run dev` and the demo run it, or
// as the built `node dist/worker/main.js`, as the tests and the bench run it so
// that it can be killed, or measured, on its own.
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { Config } from '../../worker/config';
import { openDatabase, temporalConnectionOptions } from '../../worker/connections';
import { createWorker } from '../../worker/worker';
import { Stops } from './stops';

/** What worker/main.ts prints once it polls: a worker process is ready then. */
export const WORKER_READY = /polling task queue/;

export interface RunningWorker {
  worker: Worker;
  /** Shuts the worker down and waits until its running tasks have finished. */
  stop(): Promise<void>;
}

/** Runs `worker` until `stop()`. */
export function runInBackground(worker: Worker): RunningWorker {
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/** The production worker in this process, on its own connections to the database and to Temporal. */
export async function startWorkerInProcess(
  config: Config,
  log: (line: string) => void,
): Promise<RunningWorker & { db: Kysely<Database> }> {
  const db = await openDatabase(config);
  const stops = new Stops();
  stops.add(() => db.destroy());
  try {
    const connection = await NativeConnection.connect(temporalConnectionOptions(config));
    stops.add(() => connection.close());
    const running = runInBackground(await createWorker({ config, connection, db, log }));
    stops.add(running.stop);
    log(`worker polling task queue "${config.temporal.taskQueue}"`);
    return { ...running, db, stop: () => stops.run() };
  } catch (error) {
    return stops.afterFailure(error);
  }
}
