// Schemathesis (PyPI) against the live API, from its own OpenAPI document, with
// a coordinator's real token: every generated request must get an answer the
// document allows, never a server error, and every 4xx must be problem+json.
// The HAR file it writes is the record of what was sent and answered.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemathesisCommand } from '../../scripts/install-schemathesis';
import { useApi } from '../support/api';
import { ROOT } from '../support/env';

const OUTPUT = path.join(ROOT, 'test-output', 'schemathesis');
const HAR = path.join(OUTPUT, 'api.har');
/** Per operation: 29 operations times this is well over a thousand requests. */
const EXAMPLES_PER_OPERATION = 60;

interface HarEntry {
  request: { method: string; url: string };
  response: { status: number; headers: { name: string; value: string }[] };
}

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const { command, args: prefix, env } = schemathesisCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the live API under Schemathesis', () => {
  // Alone in its database and namespace: what it finds to explore is only what it made.
  const api = useApi({ taskQueue: 'api-schemathesis', isolated: true });

  it('answers over a thousand generated requests as its document says, with no server error', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const token = await api.tokenFor('nong.thi.ha');
    const { code, output } = await run([
      'run',
      `${api.url}/openapi.json`,
      '--header',
      `Authorization: Bearer ${token}`,
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      // Not the coverage phase: on this Python (3.11) Hypothesis fails describing one of its own lambdas
      // there ('AST constructor recursion depth mismatch'), a runtime error of the tool, not of the API.
      '--phases',
      'examples,fuzzing',
      '--max-examples',
      String(EXAMPLES_PER_OPERATION),
      '--seed',
      '20231070',
      '--generation-database',
      'none',
      '--request-timeout',
      '60',
      '--workers',
      '2',
      '--no-color',
      '--report',
      'har',
      '--report-har-path',
      HAR,
    ]);
    writeFileSync(path.join(OUTPUT, 'output.txt'), output);
    const entries = (JSON.parse(readFileSync(HAR, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
    const serverErrors = entries.filter((e) => e.response.status >= 500);
    const notProblems = entries.filter((e) => {
      if (e.response.status < 400 || e.response.status >= 500) return false;
      const type = e.response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
      return !type.startsWith('application/problem+json');
    });
    const describe = (list: HarEntry[]) =>
      list.slice(0, 5).map((e) => `${e.request.method} ${e.request.url} → ${e.response.status}`);
    expect({ serverErrors: describe(serverErrors), notProblems: describe(notProblems) }).toEqual({
      serverErrors: [],
      notProblems: [],
    });
    expect(entries.length).toBeGreaterThanOrEqual(1000);
    // Schemathesis's own verdict: no check failed on any operation.
    if (code !== 0) throw new Error(`schemathesis exited with ${code}:\n${output.slice(-6000)}`);
  }, 900_000);
});
