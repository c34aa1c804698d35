// Temporal UI as an operator uses it, in headless Chromium: the workflows of a
// cycle listed by the OcopCycle search attribute, and one product's page, whose
// input this UI, with no codec endpoint, shows only encrypted.
// Debian's chromium drives it: the machine has no network to download one.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/check-prerequisites';
import { OcopClient } from '../../client/ocop-client';
import { loadConfig } from '../../worker/config';
import { devServerAddress, eventually, ROOT, spawnWorker, stopProcess } from '../support/env';
import { coordinator, DOSSIER, producer } from '../support/fixtures';
import { CHROMIUM_ARGS, ENCRYPTED, showsOrShot, temporalUi } from '../support/temporal-ui';

const TASK_QUEUE = 'temporal-ui';
// Cao Bằng, as products are placed in its districts; a year of its own, apart from other tests' cycles.
const CYCLE = 'CB-2079';
const SHOTS = path.join(ROOT, 'test-output', 'temporal-ui');
const shows = showsOrShot(SHOTS);
const MINUTE = 60_000;

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

  it("lists a cycle's workflows by OcopCycle and shows a product's input encrypted", async () => {
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

    // Without a codec endpoint the UI shows what the server holds: the input sealed, and no one's name.
    await shows(page.getByText(ENCRYPTED).first());
    expect(await page.content()).not.toContain(subject.name);
    await page.screenshot({ path: path.join(SHOTS, 'product-input-encrypted.png'), fullPage: true });
  });
});
