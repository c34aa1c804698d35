// `npm run worker` / `node dist/worker/main.js`. Stops gracefully on SIGINT and
// SIGTERM: the SDK stops polling, lets running tasks finish, then run() returns.
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadConfig } from './config';
import { describeTemporalError, openDatabase, StartupError, temporalConnectionOptions } from './connections';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDatabase(config);
  let connection: NativeConnection;
  try {
    connection = await NativeConnection.connect(temporalConnectionOptions(config));
  } catch (error) {
    await db.destroy();
    throw new StartupError(describeTemporalError(error, config.temporal.address));
  }
  try {
    const worker = await createWorker({ config, connection, db, log: (line) => console.log(line) });
    console.log(
      `worker: polling task queue "${config.temporal.taskQueue}" in namespace "${config.temporal.namespace}" at ${config.temporal.address}`,
    );
    await worker.run();
    console.log('worker: stopped');
  } finally {
    await connection.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StartupError;
  console.error(`worker: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
  process.exit(1);
});
