// The built `ocop` command as a coordinator runs it: text by default, one JSON
// object with --json, and an exit code and one stderr line per kind of error.
import type { ChildProcess } from 'node:child_process';
import { OcopClient } from '../../client/ocop-client';
import type { ProductState } from '../../domain/product';
import { loadConfig } from '../../worker/config';
import { ocop } from '../support/cli';
import { devServerAddress, spawnWorker, stopProcess } from '../support/env';
import { hatDe, producer } from '../support/fixtures';

const TASK_QUEUE = 'cli';
const PRODUCT = 'CL-2023-0001';

describe('ocop', () => {
  let worker: ChildProcess;
  const env = () => ({ TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_TASK_QUEUE: TASK_QUEUE });

  beforeAll(async () => {
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
    const client = await OcopClient.connect(loadConfig(env()));
    await client.startProductApplication(hatDe(PRODUCT));
    await client.act(PRODUCT, 'submitDossier', { actor: producer, documents: ['Phiếu đăng ký'] });
    await client.close();
  });

  afterAll(async () => {
    if (worker) await stopProcess(worker);
  });

  it('--help lists the commands', async () => {
    const run = await ocop(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: ocop');
    expect(run.stdout).toMatch(/status \[options\]/);
  });

  it('status --json prints the state as one JSON object', async () => {
    const run = await ocop(['status', '--product', PRODUCT, '--json'], env());
    expect(run.code).toBe(0);
    const state = JSON.parse(run.stdout) as ProductState;
    expect(state).toMatchObject({ productId: PRODUCT, stage: 'DOSSIER_REVIEW', deadline: { kind: 'dossier-review' } });
    expect(state.history.map((h) => h.action)).toEqual(['register', 'submitDossier']);
  });

  it('status prints a readable summary and history', async () => {
    const run = await ocop(['status', '--product', PRODUCT], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Stage\s+DOSSIER_REVIEW/);
    expect(run.stdout).toMatch(/2\s+\S+ \S+\s+submitDossier\s+producer:htx-trung-khanh\s+REGISTERED → DOSSIER_REVIEW/);
  });

  it.each([
    [['status', '--product', 'CL-2023-0999'], 3, 'ocop: product CL-2023-0999 not found'],
    [['status', '--product', 'nonsense'], 2, 'ocop: ValidationError: --product: must look like CB-2023-0007'],
    [['status'], 2, "error: required option '--product <id>' not specified"],
  ])('%j exits %i with one line', async (args, code, message) => {
    const run = await ocop(args, env());
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')[0]).toContain(message);
  });

  it('says when Temporal cannot be reached', async () => {
    const run = await ocop(['status', '--product', PRODUCT], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(run.code).toBe(5);
    expect(run.stderr.trim()).toBe('ocop: cannot reach Temporal at 127.0.0.1:1: the server is not reachable');
  });
});
