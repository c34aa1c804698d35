// The web app over a province's cycle of 10,000 products, in Debian's Chromium:
// the dashboard's time to first render beside the app's own sign-in page, the
// product table's filter round trip, and the JavaScript the dashboard costs. The
// API serves the app built from the sources in this run, as it serves web/dist.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Browser } from 'playwright-core';
import { seedDemoGrants } from '../api/identity/seed';
import { OcopClient } from '../client/ocop-client';
import { CAO_BANG_2023_TARGETS } from '../domain/cycle';
import type { Database } from '../db/database';
import { errorsOf, launchChromium } from '../test/support/browser';
import { insertListProducts, LIST_CYCLE, PROVINCE, UNITS } from './api-data';
import { waitFor } from './driver';
import { type Context, type Latency, latency, withWorker } from './scenarios';
import { databaseUrl } from '../scripts/stack/database';
import {
  coldLoad,
  type Fetched,
  type FilterChange,
  filterRoundTrips,
  gzipSize,
  openProducts,
  type ScriptSize,
  signInOnce,
  type StoredSession,
} from './web-browser';
import { startWebStack } from './web-stack';

const COORDINATOR = 'nong.thi.ha';
const PRODUCTS = 10_000;
const SUBJECTS = 3_000;
/** Cold loads of each page timed, after WARM_UP_LOADS of each that are not. */
const LOADS = 20;
const WARM_UP_LOADS = 2;
const WARM_UP_FILTERS = 5;
const FILTERS = 60;
const GOALS = { dashboardMs: 1000, filterMs: 200, dashboardJsGzipKb: 300 };
const DAY_MS = 86_400_000;

const DASHBOARD = { selector: '[data-testid=dashboard][data-ready=true]' };
const SIGN_IN = { selector: 'main button', text: 'Đăng nhập' };
/** The stages the seeded rows hold (bench/api-data.ts). */
const SEEDED_STAGES = [
  'REGISTERED',
  'DOSSIER_REVIEW',
  'AWAITING_SUPPLEMENT',
  'EVALUATION',
  'POST_INSPECTION',
  'REJECTED',
  'WITHDRAWN',
];

export interface JsFigures {
  /** Every script the dashboard's cold load fetched. */
  dashboard: ScriptSize[];
  dashboardGzipBytes: number;
  /** Whether the API compressed any of them; if not, the gzip figures are the bench's own. */
  compressedByApi: boolean;
  /** Every .js file of the build. */
  dist: { files: number; bytes: number; gzipBytes: number };
}

export interface WebResult {
  setup: { products: number; subjects: number; cycle: string; loads: number; filters: number; chromium: string };
  goals: typeof GOALS;
  dashboard: Latency;
  signIn: Latency;
  filter: Latency;
  js: JsFigures;
  /** The load the JavaScript was counted on, request by request on the page's clock, and when it rendered. */
  sampleLoad: { renderedMs: number; waterfall: Fetched[] };
  /** Console errors and uncaught exceptions of the measured pages: should be none. */
  errors: string[];
}

/** The cycle the seeded rows belong to, as a rehearsal in the present: registration open for a month. */
async function startListCycle(ocop: OcopClient, db: Kysely<Database>): Promise<void> {
  const at = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
  await ocop.startCycle({
    province: PROVINCE,
    year: Number(LIST_CYCLE.slice(-4)),
    compressed: true,
    calendar: {
      registrationOpens: at(-1),
      registrationCloses: at(30),
      dossierDeadline: at(45),
      evaluation: { district: at(60) },
      cycleEnds: at(90),
    },
    targets: CAO_BANG_2023_TARGETS,
  });
  const row = async () =>
    (await db.selectFrom('cycles').select('id').where('id', '=', LIST_CYCLE).executeTakeFirst()) ? 1 : 0;
  if (!(await waitFor(row, 1, { intervalMs: 100, stallMs: 30_000 })).reached) {
    throw new Error(`the cycle ${LIST_CYCLE} wrote no row`);
  }
}

/** The producers the seeded rows name (cb-chu-the-<i % 3000>), of every type, so the subject figures are not empty. */
async function insertSubjects(db: Kysely<Database>): Promise<void> {
  const types = ['cooperative', 'enterprise', 'household', 'cooperative_group'];
  const rows = Array.from({ length: SUBJECTS }, (_, i) => ({
    id: `cb-chu-the-${i}`,
    province: PROVINCE,
    name: `Chủ thể ${i}`,
    type: types[i % types.length]!,
  }));
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto('subjects')
      .values(rows.slice(start, start + 1000))
      .execute();
  }
}

/**
 * Stage, then each unit in turn, for every seeded stage: each change asks for a list the page has not
 * loaded yet, so none is answered from the query cache.
 */
function filterChanges(count: number): FilterChange[] {
  const changes: FilterChange[] = [];
  let unit: string | undefined;
  for (const stage of SEEDED_STAGES) {
    changes.push({ label: 'Bước', value: stage });
    // The stage's list with the unit already chosen is the one the stage change loaded.
    const shown = unit;
    for (const next of UNITS.filter((u) => u !== shown)) {
      changes.push({ label: 'Đơn vị hành chính', value: next });
      unit = next;
    }
  }
  if (changes.length < count) throw new Error(`only ${changes.length} distinct filter changes, ${count} asked`);
  return changes.slice(0, count);
}

/** Dashboard and sign-in page, cold, alternately, so both share the machine's conditions. */
async function measureLoads(browser: Browser, appUrl: string, session: StoredSession, errors: string[]) {
  const times = { dashboard: [] as number[], signIn: [] as number[] };
  for (let i = 0; i < WARM_UP_LOADS + LOADS; i++) {
    const dashboard = await coldLoad(browser, `${appUrl}/cycles/${LIST_CYCLE}`, DASHBOARD, { session });
    const signIn = await coldLoad(browser, `${appUrl}/`, SIGN_IN);
    errors.push(...dashboard.errors, ...signIn.errors);
    if (i < WARM_UP_LOADS) continue;
    times.dashboard.push(dashboard.ms);
    times.signIn.push(signIn.ms);
  }
  return { dashboard: latency(times.dashboard), signIn: latency(times.signIn) };
}

async function measureFilter(browser: Browser, appUrl: string, session: StoredSession, errors: string[]) {
  const page = await openProducts(browser, `${appUrl}/products?cycle=${LIST_CYCLE}`, session);
  try {
    const times = await filterRoundTrips(page, filterChanges(WARM_UP_FILTERS + FILTERS));
    return latency(times.slice(WARM_UP_FILTERS));
  } finally {
    errors.push(...errorsOf(page));
    await page.context().close();
  }
}

function distScripts(dir: string): JsFigures['dist'] {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
  const bodies = files.map((file) => readFileSync(path.join(dir, file)));
  return {
    files: files.length,
    bytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSize(body), 0),
  };
}

async function measureJs(browser: Browser, appUrl: string, session: StoredSession, webDist: string) {
  const load = await coldLoad(browser, `${appUrl}/cycles/${LIST_CYCLE}`, DASHBOARD, { session, detail: true });
  return {
    figures: {
      dashboard: load.scripts,
      dashboardGzipBytes: load.scripts.reduce((sum, s) => sum + s.gzip, 0),
      compressedByApi: load.scripts.some((s) => s.encoding !== null),
      dist: distScripts(webDist),
    },
    sampleLoad: { renderedMs: load.ms, waterfall: load.waterfall },
    errors: load.errors,
  };
}

export function webScenario(ctx: Context): Promise<WebResult> {
  return withWorker(ctx, 'web', 'engine', async (running) => {
    const db = running.db!;
    const stack = await startWebStack(ctx, databaseUrl(ctx.databaseServerUrl, running.database!), running.taskQueue);
    let browser: Browser | undefined;
    try {
      ctx.log(`  provider at ${stack.provider.url}, API and app at ${stack.api.url}`);
      await seedDemoGrants(db, stack.provider.url);
      await startListCycle(new OcopClient(ctx.client, running.taskQueue), db);
      ctx.log(`  cycle ${LIST_CYCLE} started; inserting ${PRODUCTS} products and ${SUBJECTS} subjects`);
      await insertSubjects(db);
      await insertListProducts(db, PRODUCTS);
      browser = await launchChromium();
      const session = await signInOnce(browser, stack.api.url, COORDINATOR);
      const errors: string[] = [];
      ctx.log(`  ${LOADS} cold loads each of the dashboard and the sign-in page`);
      const loads = await measureLoads(browser, stack.api.url, session, errors);
      ctx.log(
        `    dashboard p50 ${loads.dashboard.p50} ms p95 ${loads.dashboard.p95} ms; sign-in ${loads.signIn.p50} ms`,
      );
      ctx.log(`  ${FILTERS} filter changes on the product table`);
      const filter = await measureFilter(browser, stack.api.url, session, errors);
      ctx.log(`    p50 ${filter.p50} ms p95 ${filter.p95} ms`);
      const js = await measureJs(browser, stack.api.url, session, stack.webDist);
      errors.push(...js.errors);
      ctx.log(`  dashboard JavaScript ${(js.figures.dashboardGzipBytes / 1024).toFixed(1)} KB gzip`);
      return {
        setup: {
          products: PRODUCTS,
          subjects: SUBJECTS,
          cycle: LIST_CYCLE,
          loads: LOADS,
          filters: FILTERS,
          chromium: browser.version(),
        },
        goals: GOALS,
        dashboard: loads.dashboard,
        signIn: loads.signIn,
        filter,
        js: js.figures,
        sampleLoad: js.sampleLoad,
        errors,
      };
    } finally {
      await browser?.close();
      await stack.api.stop();
      await stack.provider.stop();
    }
  });
}
