// Temporal UI as an operator uses it, in headless Chromium: the workflows of a
// cycle listed by the OcopCycle search attribute, and one product's page with
// the summary it was started with and the details it sets while it waits.
// Debian's chromium drives it: the machine has no network to download one.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/check-prerequisites';
import { OcopClient } from '../../client/ocop-client';
import { loadConfig } from '../../worker/config';
import { devServerAddress, eventually, ROOT, spawnWorker, stopProcess } from '../support/env';
import { coordinator, DOSSIER, producer } from '../support/fixtures';

const TASK_QUEUE = 'temporal-ui';
// Cao Bằng, as products are placed in its districts; a year of its own, apart from other tests' cycles.
const CYCLE = 'CB-2079';
const SHOTS = path.join(ROOT, 'test-output', 'temporal-ui');
const MINUTE = 60_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function temporalUi(): string {
  const url = process.env.OCOP_TEST_TEMPORAL_UI;
  if (!url) throw new Error('OCOP_TEST_TEMPORAL_UI is not set: run the tests through jest, whose global setup sets it');
  return url;
}

/**
 * Waits until `target` shows on its page, or fails the test with a screenshot.
 * The wait is long because Temporal UI's first render is slow on a loaded
 * machine; the test already knows the data is there, so nothing is reloaded.
 */
async function shows(target: Locator, timeoutMs = 60_000): Promise<void> {
  const page = target.page();
  try {
    await target.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (error) {
    const shot = path.join(SHOTS, 'failure.png');
    await page.screenshot({ path: shot, fullPage: true });
    throw new Error(`Temporal UI did not show ${String(target)} at ${page.url()} (see ${shot})`, { cause: error });
  }
}

describe('Temporal UI of the dev server', () => {
  let worker: ChildProcess;
  let client: OcopClient;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
    client = await OcopClient.connect(
      loadConfig({ TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_TASK_QUEUE: TASK_QUEUE }),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await client?.close();
    if (worker) await stopProcess(worker);
  });

  it("lists a cycle's workflows by OcopCycle and shows a product's summary and what it waits for", async () => {
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
    await client.startCycle({
      province: 'CB',
      year: 2079,
      compressed: true,
      ruleSetId: 'OCOP_148_2023',
      calendar: {
        registrationOpens: at(-1),
        registrationCloses: at(10),
        dossierDeadline: at(20),
        evaluation: { district: at(30) },
        cycleEnds: at(40),
      },
      targets: { newProductsThreeStarsOrMore: 2 },
    });
    const subject = { id: producer.id, name: 'HTX Nông nghiệp Trùng Khánh', type: 'cooperative' } as const;
    const hatDe = await client.registerProduct(CYCLE, {
      actor: coordinator,
      product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
      subject,
      unit: '047',
    });
    const mienDong = await client.registerProduct(CYCLE, {
      actor: coordinator,
      product: { name: 'Miến dong Phia Đén', group: 'food' },
      subject: { id: 'htx-phia-den', name: 'HTX Nông nghiệp Phia Đén', type: 'cooperative' },
      unit: '052',
    });
    await client.act(hatDe.productId, 'submitDossier', { actor: producer, documents: DOSSIER });

    // The list reads the visibility store, which lags a start by a moment: the
    // page is opened once the store lists the cycle and both products.
    const listQuery = `OcopCycle="${CYCLE}"`;
    const listed = await eventually(
      async () => (await client.client.workflow.count(listQuery)).count,
      (count) => count >= 3,
      60_000,
    );
    expect(listed).toBe(3);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${temporalUi()}/namespaces/default/workflows?query=${encodeURIComponent(listQuery)}`);
    const link = (workflowId: string) => page.getByRole('link', { name: workflowId, exact: true });
    await shows(link(hatDe.workflowId));
    await shows(link(mienDong.workflowId));
    await page.screenshot({ path: path.join(SHOTS, 'cycle-workflows.png'), fullPage: true });

    await link(hatDe.workflowId).click();
    await page.waitForURL((url) => url.pathname.includes(`/workflows/${hatDe.workflowId}/`));
    await shows(page.getByText('recordTransition'));
    await page.screenshot({ path: path.join(SHOTS, 'product-timeline.png'), fullPage: true });

    // Temporal UI renders the summary and the current details as markdown, each in a frame of its own.
    await page.getByText('User Metadata', { exact: true }).click();
    const summary = page.frameLocator('iframe#user-metadata-summary');
    const details = page.frameLocator('iframe#user-metadata-current-details');
    await shows(summary.getByText(`Hạt dẻ Trùng Khánh · HTX Nông nghiệp Trùng Khánh · ${CYCLE}`));
    await shows(details.getByText('Waiting for the district officer to review the dossier'));
    await page.screenshot({ path: path.join(SHOTS, 'product-user-metadata.png'), fullPage: true });
  });
});
