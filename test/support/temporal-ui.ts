// What the browser tests of Temporal UI share: Debian's Chromium as they launch
// it, a wait that leaves a screenshot when it fails, and how an undecoded
// payload of the engine looks in the UI.
import path from 'node:path';
import type { Locator } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A sealed payload as Temporal UI shows one it cannot decode: its ciphertext, a long base64 string in quotes. */
export const ENCRYPTED = /^"[A-Za-z0-9+/]{200,}={0,2}"$/;

export function temporalUi(): string {
  const url = process.env.OCOP_TEST_TEMPORAL_UI;
  if (!url) throw new Error('OCOP_TEST_TEMPORAL_UI is not set: run the tests through jest, whose global setup sets it');
  return url;
}

/**
 * A wait until a target shows on its page, failing the test with a screenshot
 * in `shots`. The wait is long because Temporal UI's first render is slow on a
 * loaded machine; the test already knows the data is there, so nothing is reloaded.
 */
export function showsOrShot(shots: string) {
  return async (target: Locator, timeoutMs = 60_000): Promise<void> => {
    const page = target.page();
    try {
      await target.first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch (error) {
      const shot = path.join(shots, 'failure.png');
      await page.screenshot({ path: shot, fullPage: true });
      throw new Error(`Temporal UI did not show ${String(target)} at ${page.url()} (see ${shot})`, { cause: error });
    }
  };
}
