// The worker: the product and cycle workflows, and the activities with their
// database connection. Tests build the same worker with this function.
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities } from '../activities';
import type { Database } from '../db/database';
import type { Config } from './config';
import { dataConverterFor } from './payload-codec';
import { workflowBundleOptions } from './workflow-bundle';

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  db: Kysely<Database>;
  log?: (line: string) => void;
}

function bundledAtStart() {
  const { workflowsPath, preloadModules } = workflowBundleOptions();
  return { workflowsPath, bundlerOptions: { preloadModules } };
}

export async function createWorker({ config, connection, db, log }: WorkerDeps): Promise<Worker> {
  const { workflowBundlePath, ...tuning } = config.worker;
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    // Codecs run in the worker, outside the workflow sandbox: the bundle is the same with or without them.
    dataConverter: dataConverterFor(config.payloadKeys),
    // A pre-built bundle starts the worker without webpack and runs the same code everywhere.
    ...(workflowBundlePath ? { workflowBundle: { codePath: workflowBundlePath } } : bundledAtStart()),
    activities: createActivities({ db, notify: config.notify, log }),
    ...Object.fromEntries(Object.entries(tuning).filter(([, value]) => value !== undefined)),
  });
}
