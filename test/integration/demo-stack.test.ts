// `npm run dev` as a developer starts it (the built dist/scripts/dev.js, on
// the run's dev server and database): the dev OpenID provider and the API come
// up with it, the demo people's grants are seeded once, a demo person's token
// from the provider is accepted, a port already taken stops it with one line,
// and Ctrl-C stops everything it started.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../scripts/stack/net';
import { databaseUrl, devServerAddress, workflowBundle } from '../support/env';
import { passwordToken } from '../support/identity';

const DEV = path.resolve(__dirname, '../../dist/scripts/dev.js');
const READY = 'press Ctrl-C to stop';
const START_TIMEOUT_MS = 60_000;

interface DevRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startDev(env: Record<string, string>): DevRun {
  const child = spawn(process.execPath, [DEV], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: `dev-stack-${process.pid}`,
      WORKFLOW_BUNDLE_PATH: workflowBundle(),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Resolves once the dev env says it is ready; rejects with its output if it exits first. */
function ready(run: DevRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in time:\n${run.output()}`)), START_TIMEOUT_MS);
    const check = () => {
      if (!run.output().includes(READY)) return;
      clearTimeout(timer);
      run.child.stdout?.off('data', check);
      resolve();
    };
    run.child.stdout?.on('data', check);
    void run.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${run.output()}`));
    });
  });
}

async function interrupt(run: DevRun): Promise<number | null> {
  run.child.kill('SIGINT');
  return run.exited;
}

describe('npm run dev', () => {
  let ports: { idp: number; api: number };
  let env: Record<string, string>;

  beforeAll(async () => {
    ports = { idp: await freePort(), api: await freePort() };
    env = { OCOP_IDP_PORT: String(ports.idp), OCOP_API_PORT: String(ports.api) };
  });

  it('starts the provider and the API, seeds the demo grants once, and stops on Ctrl-C', async () => {
    const issuer = `http://127.0.0.1:${ports.idp}`;
    const api = `http://127.0.0.1:${ports.api}`;
    const first = startDev(env);
    await ready(first);
    expect(first.output()).toContain(`API:             ${api}`);
    expect(first.output()).toContain(`OpenID provider: ${issuer}`);
    expect(first.output()).toMatch(/be\.van\.duc\s+Bế Văn Đức\s+dossier_officer CB unit 047/);
    expect(first.output()).toContain('demo grants: 12 given, 0 already held');

    expect(await (await fetch(`${api}/healthz`)).json()).toEqual({ status: 'ok', issuer, audience: 'urn:ocop:api' });
    const token = await passwordToken(issuer, 'be.van.duc');
    const me = await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { grants: { role: string; scope: { unit?: string } }[] };
    expect(body.grants.map((g) => [g.role, g.scope.unit])).toEqual([['dossier_officer', '047']]);

    // A second one on the same ports stops at once, naming the port and the variable.
    const second = startDev(env);
    expect(await second.exited).toBe(1);
    expect(second.output().trim().split('\n')).toEqual([
      `dev: port ${ports.idp} on 127.0.0.1 is taken: set OCOP_IDP_PORT to a free port`,
    ]);

    expect(await interrupt(first)).toBe(0);
    await expect(fetch(`${api}/healthz`)).rejects.toThrow();
    await expect(fetch(`${issuer}/.well-known/openid-configuration`)).rejects.toThrow();

    const again = startDev(env);
    await ready(again);
    expect(again.output()).toContain('demo grants: 0 given, 12 already held');
    expect(await interrupt(again)).toBe(0);
  }, 180_000);
});
