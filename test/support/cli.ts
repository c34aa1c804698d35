// Runs the built programs as a user would, and collects what they print; and
// what the `ocop` tests share: a config directory of their own, a signed-in
// user, and a browser that approves a device code at the provider's pages.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/check-prerequisites';
import { ROOT } from './env';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): Promise<Run> {
  const child = spawnNode(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function spawnNode(script: string, args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  // A user's own OCOP_TOKEN or API address must not leak into a test run.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OCOP_')));
  return spawn(process.execPath, [path.join(ROOT, script), ...args], { env: { ...inherited, ...env } });
}

/** `ocop ...` from dist/, the file package.json's bin entry names. */
export function ocop(args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return runNode('dist/client/cli/main.js', args, env, stdin);
}

/** `ocop ...` still running, with what it has printed so far, for a test to answer as the user would. */
export function ocopLive(args: string[], env: Record<string, string>) {
  const child = spawnNode('dist/client/cli/main.js', args, env);
  child.stdin.end();
  const run: Run = { code: null, stdout: '', stderr: '' };
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout.on('data', (chunk: Buffer) => ((run.stdout += chunk.toString()), wake()));
  child.stderr.on('data', (chunk: Buffer) => ((run.stderr += chunk.toString()), wake()));
  const done = new Promise<Run>((resolve) =>
    child.once('close', (code) => {
      run.code = code;
      wake();
      resolve(run);
    }),
  );
  return {
    done,
    /** Resolves with the match once stderr shows `pattern`; rejects if ocop exits first. */
    async stderrMatch(pattern: RegExp): Promise<RegExpExecArray> {
      for (;;) {
        const match = pattern.exec(run.stderr);
        if (match) return match;
        if (run.code !== null) throw new Error(`ocop exited ${run.code} before printing ${pattern}: ${run.stderr}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    kill: () => child.kill('SIGTERM'),
  };
}

/** A fresh XDG_CONFIG_HOME, so each test's `ocop login` writes a credentials file of its own. */
export function configHome(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-config-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'];

/**
 * What a person does with the link and code `ocop login` prints: opens the
 * provider's page in a browser, enters the code, signs in and approves, in
 * whichever order the provider's pages ask. Returns the last page's text.
 */
export async function approveDeviceCode(verificationUri: string, userCode: string, login: string, password: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(verificationUri);
    const codeInput = page.locator('input[name="user_code"]');
    const approve = page.locator('button[form="op.deviceConfirmForm"]:not([name="abort"])');
    const loginInput = page.locator('input[name="login"]');
    for (let step = 0; step < 6; step += 1) {
      await page.waitForLoadState('load');
      if (await codeInput.isVisible()) {
        await codeInput.fill(userCode);
        await Promise.all([page.waitForNavigation(), page.locator('button[form="op.deviceInputForm"]').click()]);
      } else if (await approve.isVisible()) {
        await Promise.all([page.waitForNavigation(), approve.click()]);
      } else if (await loginInput.isVisible()) {
        await loginInput.fill(login);
        await page.locator('input[name="password"]').fill(password);
        await Promise.all([page.waitForNavigation(), page.locator('input[name="password"]').press('Enter')]);
      } else {
        return await page.locator('body').innerText();
      }
    }
    throw new Error(`the provider's pages did not finish: ${await page.locator('body').innerText()}`);
  } finally {
    await browser.close();
  }
}
