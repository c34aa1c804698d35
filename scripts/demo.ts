// `npm run demo`: the main job on the embedded default. It starts a Temporal
// dev server of its own, in memory, with Temporal UI (an ended cycle cannot be
// started again, so a second run must not find the first one's CB-2023),
// prepares its own database `ocop_demo` afresh and a worker on its own task
// queue, starts the dev OpenID provider and the API, and has the demo people
// run Cao Bằng's 2023 cycle through the API with forty products on a calendar
// of about three minutes.
// It prints the report against the plan's targets and keeps the worker
// running (post-inspections fall due every two minutes) until Ctrl-C.
// `npm run demo -- --exit` stops once the report is printed.
import { formatCycleReport } from '../client/cli/commands/report';
import { OcopClient } from '../client/ocop-client';
import { cycleWorkflowId } from '../domain/ids';
import type { annualCycle } from '../workflows/cycle/workflow';
import { signInHelp } from './demo/accounts';
import { Cast } from './demo/cast';
import { contactsCsv } from './demo/contacts';
import { CYCLE_ID, DemoCycle, PLAN } from './demo/cycle';
import { formatOutcomes, formatTimeline } from './demo/report';
import { type DevEnv, startDevEnv } from './dev-env';
import { ensureWebAppBuilt } from './web-app';

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
  await ensureWebAppBuilt();
  const env = await startDevEnv(console.log, {
    database: 'ocop_demo',
    recreateDatabase: true,
    inMemoryTemporal: true,
    taskQueue: 'ocop-demo',
    // The demo's own lines tell the story; a refused request shows as the problem the demo reports.
    apiLogger: false,
  });
  const observer = await OcopClient.connect(env.config);
  // The start time sets this run's workflows apart, should the server be one that keeps history.
  const thisRun = `OcopCycle="${CYCLE_ID}" AND StartTime >= "${new Date().toISOString()}"`;
  const watch = env.uiUrl && `${env.uiUrl}?query=${encodeURIComponent(thisRun)}`;
  try {
    console.log(
      `Web app ${env.apiUrl}/ · API ${env.apiUrl}/v1 (docs ${env.apiUrl}/docs) · OpenID provider ${env.issuer}`,
    );
    console.log(signInHelp(env.apiUrl, env.issuer));
    const cast = await Cast.signIn(env.apiUrl, env.issuer, env.audience);
    await importContacts(cast);
    if (watch) console.log(`\nTheo dõi trên Temporal UI: ${watch}`);
    // Only the end of the cycle is watched on Temporal directly: the stack's clock, not a person's action.
    const ended = async () => {
      await observer.client.workflow.getHandle<typeof annualCycle>(cycleWorkflowId(CYCLE_ID)).result();
    };
    const cycle = new DemoCycle(cast, console.log, ended);
    const report = await Promise.race([cycle.run(), interrupted]);
    if (report === 'interrupted') return;

    console.log(`\nBÁO CÁO CUỐI KỲ so với ${PLAN}, như \`ocop report --cycle ${CYCLE_ID}\` in ra\n`);
    console.log(formatCycleReport(report));
    console.log(`\nKẾT QUẢ TỪNG SẢN PHẨM\n${formatOutcomes(await cycle.outcomes())}`);
    await printShowcase(cast, cycle.showcase);
    console.log(`\nThời gian chạy: ${minutesAndSeconds(Date.now() - started)}`);
    if (watch) console.log(`Temporal UI: ${watch}`);
    if (exitWhenDone) return;
    printStillRunning(env);
    await interrupted;
  } finally {
    await observer.close();
    await env.stop();
  }
}

/** Who receives the cycle's messages: the coordinator uploads the province's address book (POST /v1/contacts). */
async function importContacts(cast: Cast): Promise<void> {
  const answer = (await cast.coordinator.api.importContacts(contactsCsv())) as { imported?: number };
  console.log(`${cast.coordinator.name} nhập ${answer.imported ?? 0} địa chỉ nhận thông báo (POST /v1/contacts)`);
}

/** One product's timeline as the API gives it: who did what, under which grant. */
async function printShowcase(cast: Cast, productId: string | undefined): Promise<void> {
  if (!productId) return;
  const view = await cast.coordinator.api.product(productId);
  console.log(`\nDÒNG THỜI GIAN ${productId} (GET /v1/products/${productId})\n${formatTimeline(view.timeline)}`);
}

function printStillRunning(env: DevEnv): void {
  console.log(
    `\nThe API (${env.apiUrl}, docs ${env.apiUrl}/docs) and the OpenID provider (${env.issuer}) keep running:`,
  );
  console.log(`sign in with ocop login --user nong.thi.ha --password-stdin (OCOP_API_URL=${env.apiUrl}).`);
  console.log('The worker keeps running the post-inspections (hậu kiểm); press Ctrl-C to stop.');
}

main().then(
  // A run stopped half-way leaves waits of the script behind; nothing of them is needed any more.
  () => process.exit(0),
  (error: unknown) => {
    console.error(`demo: ${(error as Error).message}`);
    process.exit(1);
  },
);
