// The API process with Temporal unreachable: what it reads from the database
// (a cycle's report, the product list) it still serves, and what needs Temporal
// is refused with 503 rather than the process refusing to start. `ocop report`
// reads only the database, so a coordinator gets it while Temporal is down.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { API_AUDIENCE, issuer, seedDemoGrants } from '../support/api';
import { databaseUrl, openDb, stopProcess } from '../support/env';
import { passwordToken } from '../support/identity';

const ROOT = path.resolve(__dirname, '..', '..');
/** Nothing listens on port 1 of the loopback: connecting is refused at once. */
const UNREACHABLE = '127.0.0.1:1';

/** Starts the built API and resolves with its URL once it says it is ready. */
async function startApiProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/api/main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /API ready at (http:\/\/\S+?) \(/.exec(output);
      if (ready?.[1]) resolve(ready[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, url };
}

describe('the API while Temporal is unreachable', () => {
  let api: { child: ChildProcess; url: string } | undefined;
  let token = '';

  beforeAll(async () => {
    const db = openDb();
    await seedDemoGrants(db, issuer()).finally(() => db.destroy());
    api = await startApiProcess({
      TEMPORAL_ADDRESS: UNREACHABLE,
      DATABASE_URL: databaseUrl(),
      OCOP_OIDC_ISSUER: issuer(),
      OCOP_API_AUDIENCE: API_AUDIENCE,
      OCOP_API_PORT: '0',
    });
    token = await passwordToken(issuer(), 'nong.thi.ha');
  }, 60_000);

  afterAll(async () => {
    if (api) await stopProcess(api.child);
  });

  const get = async (route: string) => {
    const response = await fetch(`${api?.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("starts, and answers a cycle's report and the product list from the database", async () => {
    const report = await get('/v1/cycles/CB-2098/report');
    expect(report.status).toBe(404);
    expect(String(report.body.detail)).toMatch(/CB-2098/);
    const products = await get('/v1/products?cycle=CB-2098');
    expect(products.status).toBe(200);
  });

  it('refuses what needs Temporal with 503, naming it', async () => {
    const cycle = await get('/v1/cycles/CB-2098');
    expect(cycle.status).toBe(503);
    expect(String(cycle.body.detail)).toMatch(/Temporal/);
  });
});
