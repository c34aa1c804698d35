// The web app's figures as Chromium sees them. Times are read inside the page,
// from the page's own clock: a load from navigation start (performance.now() of
// a fresh document) to the animation frame after the awaited element appears, a
// filter from the select's change event to the frame after the table holds the
// answer. The bench process's round trips to the browser add nothing to them.

// Functions handed to page.evaluate run in the page, so they are typed against the DOM.
/// <reference lib="dom" />
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Response } from 'playwright-core';
import { errorsOf, openPage, signIn } from '../test/support/browser';

/** What oidc-client-ts keeps in the tab's session storage once a person has signed in. */
export type StoredSession = { origin: string; entries: [string, string][] };

/** Signs in once through the provider's pages, as a person does, and keeps the session the app stored. */
export async function signInOnce(browser: Browser, appUrl: string, login: string): Promise<StoredSession> {
  const page = await openPage(browser);
  try {
    await signIn(page, appUrl, login);
    return { origin: new URL(appUrl).origin, entries: await page.evaluate(() => Object.entries(sessionStorage)) };
  } finally {
    await page.context().close();
  }
}

/** The element a load waits for: `selector`, and when `text` is given, one whose text is exactly that. */
export interface Awaited {
  selector: string;
  text?: string;
}

/**
 * An init script: resolves `window.__firstRender` with performance.now() at the first animation frame
 * after the awaited element is in the document.
 */
function firstRenderClock(awaited: Awaited): void {
  const present = () =>
    Array.from(document.querySelectorAll(awaited.selector)).some(
      (element) => awaited.text === undefined || element.textContent?.trim() === awaited.text,
    );
  (window as unknown as { __firstRender: Promise<number> }).__firstRender = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!present()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

function restoreSession(session: StoredSession): void {
  if (window.location.origin !== session.origin) return;
  for (const [key, value] of session.entries) sessionStorage.setItem(key, value);
}

export interface ScriptSize {
  path: string;
  bytes: number;
  /** Content-Encoding of the response, null when sent as is. */
  encoding: string | null;
  /** Body bytes on the wire, as Chromium counted them. */
  transferred: number;
  /** gzip (zlib level 6, the usual server default) of the body, measured by the bench. */
  gzip: number;
}

export const gzipSize = (body: Buffer) => gzipSync(body).length;

async function scriptSize(response: Response): Promise<ScriptSize> {
  const body = await response.body();
  const sizes = await response.request().sizes();
  return {
    path: new URL(response.url()).pathname,
    bytes: body.length,
    encoding: (await response.headerValue('content-encoding')) ?? null,
    transferred: sizes.responseBodySize,
    gzip: gzipSize(body),
  };
}

const isScript = (response: Response) =>
  /javascript/.test(response.headers()['content-type'] ?? '') || new URL(response.url()).pathname.endsWith('.js');

/** One request of a load on the page's clock: ms from navigation start. */
export interface Fetched {
  path: string;
  kind: string;
  start: number;
  end: number;
}

export interface Load {
  ms: number;
  scripts: ScriptSize[];
  /** The document and every resource it fetched until the awaited element rendered (with `detail`). */
  waterfall: Fetched[];
  errors: readonly string[];
}

function waterfallOf(): Fetched[] {
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ] as PerformanceResourceTiming[];
  return entries.map((entry) => {
    const url = new URL(entry.name);
    return {
      path: `${url.pathname}${url.search}`,
      kind: entry.initiatorType,
      start: entry.startTime,
      end: entry.responseEnd,
    };
  });
}

/**
 * One cold load in a context of its own (no cache, no cookies), signed in with `session` if given,
 * until `awaited` is rendered; with `detail`, the JavaScript the load fetched and when each request ran.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  awaited: Awaited,
  { session, detail = false }: { session?: StoredSession; detail?: boolean } = {},
): Promise<Load> {
  const page = await openPage(browser);
  const context = page.context();
  try {
    if (session) await context.addInitScript(restoreSession, session);
    await context.addInitScript(firstRenderClock, awaited);
    const scripts: Promise<ScriptSize>[] = [];
    if (detail) page.on('response', (response) => void (isScript(response) && scripts.push(scriptSize(response))));
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator(awaited.selector).first().waitFor({ timeout: 60_000 });
    const ms = await page.evaluate(() => (window as unknown as { __firstRender: Promise<number> }).__firstRender);
    const waterfall = detail ? await page.evaluate(waterfallOf) : [];
    return { ms, scripts: await Promise.all(scripts), waterfall, errors: [...errorsOf(page)] };
  } finally {
    await context.close();
  }
}

const TABLE = '[data-testid=products-table]';

/**
 * Arms the clock of one filter change: the select's change event starts it; it stops at the frame after the
 * table, having been busy with the new query, is idle again and shows rows. Resolves `window.__roundTrip`.
 */
function armRoundTrip(table: string): void {
  const w = window as unknown as { __roundTrip: Promise<number> };
  w.__roundTrip = new Promise((resolve, reject) => {
    let changedAt: number | undefined;
    let busy = false;
    const onChange = () => {
      changedAt ??= performance.now();
    };
    window.addEventListener('change', onChange, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const element = document.querySelector(table);
      if (changedAt === undefined || !element) return;
      if (element.getAttribute('data-loading') === 'true') busy = true;
      else if (busy) {
        observer.disconnect();
        const rows = element.querySelectorAll('tbody tr').length;
        const start = changedAt;
        if (rows === 0) reject(new Error('the filtered table shows no rows'));
        else requestAnimationFrame(() => resolve(performance.now() - start));
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** A change of one select, by its label, to one of its values. */
export interface FilterChange {
  label: string;
  value: string;
}

/** The page is open on the product table; each change must ask for a list this page has not loaded yet. */
export async function filterRoundTrips(page: Page, changes: readonly FilterChange[]): Promise<number[]> {
  const times: number[] = [];
  for (const change of changes) {
    await page.evaluate(armRoundTrip, TABLE);
    await page.getByLabel(change.label, { exact: true }).selectOption(change.value);
    times.push(await page.evaluate(() => (window as unknown as { __roundTrip: Promise<number> }).__roundTrip));
  }
  return times;
}

/** A signed-in page on the product table, its first page shown. */
export async function openProducts(browser: Browser, url: string, session: StoredSession): Promise<Page> {
  const page = await openPage(browser);
  await page.context().addInitScript(restoreSession, session);
  await page.goto(url);
  await page.locator(`${TABLE}[data-loading=false] tbody tr`).first().waitFor({ timeout: 60_000 });
  return page;
}
