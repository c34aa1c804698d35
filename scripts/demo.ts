// `npm run demo`: the main job on the embedded default. It starts (or joins)
// the Temporal dev server with Temporal UI, prepares its own database
// `ocop_demo` and a worker on its own task queue, runs Cao Bằng's 2023 cycle
// with forty products on a calendar of about three minutes, prints the report
// against the plan's targets, and keeps the worker running (post-inspections
// fall due every two minutes) until Ctrl-C. `npm run demo -- --exit` stops
// once the report is printed.
import { formatReport } from '../client/cli/format';
import { OcopClient } from '../client/ocop-client';
import { upsertContacts } from '../db/contacts';
import type { Config } from '../worker/config';
import { CONTACTS } from './demo/contacts';
import { CYCLE_ID, DemoCycle, PLAN } from './demo/cycle';
import { formatOutcomes } from './demo/report';
import { startDevEnv } from './dev-env';

/** Ends what a previous run left open, so that this run starts from nothing and ids are free again. */
async function endPreviousRun(config: Config): Promise<void> {
  const client = await OcopClient.connect(config);
  try {
    const open = [];
    for await (const run of client.client.workflow.list({
      query: `OcopCycle = "${CYCLE_ID}" AND ExecutionStatus = "Running"`,
    })) {
      open.push(client.client.workflow.getHandle(run.workflowId, run.runId));
    }
    await Promise.all(open.map((handle) => handle.terminate('npm run demo starts the cycle anew')));
    if (open.length) console.log(`ended ${open.length} workflow(s) of ${CYCLE_ID} left open by a previous run`);
  } finally {
    await client.close();
  }
}

function minutesAndSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} phút ${seconds % 60} giây`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const exitWhenDone = process.argv.includes('--exit');
  const interrupted = new Promise<'interrupted'>((resolve) => {
    process.once('SIGINT', () => resolve('interrupted')).once('SIGTERM', () => resolve('interrupted'));
  });
  const env = await startDevEnv(console.log, {
    database: 'ocop_demo',
    recreateDatabase: true,
    taskQueue: 'ocop-demo',
    beforeWorker: endPreviousRun,
  });
  await upsertContacts(env.db, CONTACTS);
  const client = await OcopClient.connect(env.config);
  // The dev server keeps earlier runs in its SQLite file; the start time sets this run's workflows apart.
  const thisRun = `OcopCycle="${CYCLE_ID}" AND StartTime >= "${new Date().toISOString()}"`;
  const watch = env.uiUrl && `${env.uiUrl}?query=${encodeURIComponent(thisRun)}`;
  try {
    if (watch) console.log(`\nTheo dõi trên Temporal UI: ${watch}`);
    const cycle = new DemoCycle(client, console.log);
    const report = await Promise.race([cycle.run(), interrupted]);
    if (report === 'interrupted') return;

    console.log(`\nBÁO CÁO CUỐI KỲ so với ${PLAN}, như \`ocop report --cycle ${CYCLE_ID}\` in ra\n`);
    console.log(formatReport(report));
    console.log(`\nKẾT QUẢ TỪNG SẢN PHẨM\n${formatOutcomes(await cycle.outcomes())}`);
    console.log(`\nThời gian chạy: ${minutesAndSeconds(Date.now() - started)}`);
    if (watch) console.log(`Temporal UI: ${watch}`);
    if (exitWhenDone) return;
    console.log('The worker keeps running the post-inspections (hậu kiểm); press Ctrl-C to stop.');
    await interrupted;
  } finally {
    await client.close();
    await env.stop();
  }
}

main().then(
  // A run stopped half-way leaves waits of the script behind; nothing of them is needed any more.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exit(1);
  },
);
