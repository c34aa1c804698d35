// The bare lifecycle's worker: the engine worker's configuration and tuning,
// empty activities and no database, started as its own process like the
// engine's so that the two are measured alike, payload encryption included.
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../../worker/config';
import { temporalConnectionOptions } from '../../worker/connections';
import { dataConverterFor } from '../../worker/payload-codec';
import type { BareActivities } from './workflows';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { workflowBundlePath, ...tuning } = config.worker;
  if (!workflowBundlePath) throw new Error('WORKFLOW_BUNDLE_PATH must name the bare lifecycle bundle');
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const activities: BareActivities = { async noop() {} };
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataConverter: dataConverterFor(config.payloadKeys),
      workflowBundle: { codePath: workflowBundlePath },
      activities,
      ...Object.fromEntries(Object.entries(tuning).filter(([, value]) => value !== undefined)),
    });
    console.log(`bare worker: polling task queue "${config.temporal.taskQueue}"`);
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bare worker: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
