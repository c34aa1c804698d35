// The web app as a person meets it: Debian's Chromium driven by playwright-core,
// a page whose console errors and uncaught exceptions fail the test, sign-in
// through the real OpenID provider's own pages, and for every page a screenshot
// at desktop and phone widths and an axe-core check.

// Functions handed to page.evaluate run in the page, so they are typed against the DOM.
/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../api/identity/demo-accounts';
import { CHROMIUM_PATH, chromiumPresent, MISSING_CHROMIUM } from '../../scripts/check-prerequisites';
import { projectRoot } from '../../scripts/temporal-binaries';

export const SCREENSHOTS = path.join(projectRoot(), 'test-output', 'web');
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

/** Chromium's absence, said in the one line `npm test`'s prerequisite check prints, with no stack under it. */
export class MissingChromium extends Error {
  constructor() {
    super(MISSING_CHROMIUM);
    this.name = 'MissingChromium';
    this.stack = MISSING_CHROMIUM;
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPresent()) throw new MissingChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'], headless: true });
}

/** What each context's pages logged as errors: console errors and uncaught exceptions. */
const logged = new WeakMap<BrowserContext, string[]>();

/** Refusals a journey means to meet, by context: the request's path and the status the API answers it with. */
const refusalsExpected = new WeakMap<BrowserContext, { path: string; status: number }[]>();

/**
 * Chromium logs every 4xx answer as "Failed to load resource". A journey whose point is a refusal says which one
 * it expects: the next such answer to `path` with `status` is not counted as the page's error; any other still is.
 */
export function expectRefusal(page: Page, path: string, status: number): void {
  const expected = refusalsExpected.get(page.context()) ?? [];
  expected.push({ path, status });
  refusalsExpected.set(page.context(), expected);
}

/** Whether the console message is a refusal the journey expects; it is then expected no more. */
function isExpectedRefusal(context: BrowserContext, message: ConsoleMessage): boolean {
  const expected = refusalsExpected.get(context) ?? [];
  const url = message.location().url;
  const index = expected.findIndex(
    ({ path, status }) =>
      message.text().startsWith(`Failed to load resource: the server responded with a status of ${status}`) &&
      url !== '' &&
      new URL(url).pathname === path,
  );
  if (index < 0) return false;
  expected.splice(index, 1);
  return true;
}

/** A page in a context of its own (cookies, storage), at desktop width, its errors recorded. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'vi-VN', ...options });
  const errors: string[] = [];
  logged.set(context, errors);
  context.on('console', (message) => {
    if (message.type() !== 'error' || isExpectedRefusal(context, message)) return;
    const where = message.location().url || message.page()?.url() || 'a page';
    errors.push(`console error at ${where}: ${message.text()}`);
  });
  context.on('weberror', (error) =>
    errors.push(`uncaught at ${error.page()?.url() ?? 'a page'}: ${error.error().stack}`),
  );
  return context.newPage();
}

/** The errors the page's context has logged so far. */
export function errorsOf(page: Page): readonly string[] {
  return logged.get(page.context()) ?? [];
}

export interface BrowserFixture {
  /** A fresh page (its own context), closed after the test; the test fails if any of its pages logged an error. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/** Chromium for one test file: launched before its tests, closed after them. */
export function useBrowser(): BrowserFixture {
  // Asked while jest collects the file, so a run without Chromium stops before any test starts.
  if (!chromiumPresent()) throw new MissingChromium();
  let browser: Browser | undefined;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    const errors = open.flatMap((context) => logged.get(context) ?? []);
    await Promise.all(open.splice(0).map((context) => context.close()));
    if (errors.length) throw new Error(`pages logged errors:\n${errors.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(options) {
      if (!browser) throw new Error('newPage() is for tests and hooks, after useBrowser() launched Chromium');
      const page = await openPage(browser, options);
      open.push(page.context());
      return page;
    },
  };
}

/** The app's sign-in page, as it shows before anyone has signed in. */
export async function showSignIn(page: Page, appUrl: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).waitFor();
}

/** The sign-in page's button, which leads to the provider's login form. */
export async function openProviderLogin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByLabel('Tên đăng nhập').waitFor();
}

/**
 * Fills the provider's form by its labels and submits it, approves consent if the provider asks,
 * and waits for the app's menu and, for a demo account, the person's name in the top bar.
 */
export async function submitProviderLogin(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(login);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: /^Đăng nhập/ }).click();
  const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
  const consent = page.getByRole('button', { name: /^Đồng ý/ });
  await menu.or(consent).first().waitFor();
  if (await consent.isVisible()) await consent.click();
  await menu.waitFor();
  const name = DEMO_ACCOUNTS.find((account) => account.login === login)?.name;
  if (name) await page.getByRole('banner').getByText(name, { exact: true }).waitFor();
}

/** Signs in as a person does: the app's button, the provider's form, back in the app with its menu. */
export async function signIn(page: Page, appUrl: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await showSignIn(page, appUrl);
  await openProviderLogin(page);
  await submitProviderLogin(page, login, password);
}

/** Opens a page from the app's main menu, as a person does once signed in. */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name, exact: true }).click();
}

/** Two animation frames: the layout after a resize has been painted, and charts have redrawn to the new width. */
async function painted(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

type Violation = Pick<AxeResults['violations'][number], 'id' | 'impact' | 'help'> & { targets: string[] };

/** axe-core's serious and critical violations of WCAG 2.1 A and AA on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated over the DevTools protocol, which the app's Content-Security-Policy does not govern (a script tag would be).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } };
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        targets: nodes.map((node) => node.target.join(' ')),
      }));
  }, AXE_TAGS);
}

/**
 * Screenshots of the whole page at desktop and phone widths, test-output/web/<name>-desktop.png and
 * -phone.png, and axe-core at both widths; fails listing every serious or critical violation and every
 * error the page has logged so far. The page is left at desktop width.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  for (const [width, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await painted(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    for (const v of await seriousViolations(page)) {
      problems.push(`${width}: ${v.id} (${v.impact}) ${v.help}: ${v.targets.join(', ')}`);
    }
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  await painted(page);
  problems.push(...errorsOf(page));
  if (problems.length) throw new Error(`page ${name} at ${page.url()}:\n${problems.join('\n')}`);
}
