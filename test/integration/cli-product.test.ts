// One subcommand per human action, from the built binary: a product goes from
// its dossier to a certificate and a post-inspection, another is given more
// time and then withdrawn, and refusals leave the state as it was.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { OcopClient } from '../../client/ocop-client';
import { productWorkflowId } from '../../domain/ids';
import type { ProductState } from '../../domain/product';
import { loadConfig } from '../../worker/config';
import { ocop } from '../support/cli';
import { devServerAddress, eventually, ROOT, spawnWorker, stopProcess } from '../support/env';
import { hatDe, inDays } from '../support/fixtures';

const TASK_QUEUE = 'cli-product';
const CERTIFIED = 'CI-2023-0001';
const WITHDRAWN = 'CI-2023-0002';
const fixture = (name: string) => path.join(ROOT, 'test/fixtures', name);

const PRODUCER = 'producer:htx-trung-khanh';
const OFFICER = 'officer:cb-trungkhanh-nn@district';

describe('ocop product actions', () => {
  const env = () => ({ TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_TASK_QUEUE: TASK_QUEUE });
  let worker: ChildProcess;
  let client: OcopClient;

  /** `ocop product <action> --product <id> ... --json`, and the state it prints. */
  async function act(action: string, product: string, ...flags: string[]): Promise<ProductState> {
    const run = await ocop(['product', action, '--product', product, ...flags, '--json'], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout) as ProductState;
  }

  beforeAll(async () => {
    worker = await spawnWorker({ TEMPORAL_TASK_QUEUE: TASK_QUEUE });
    client = await OcopClient.connect(loadConfig(env()));
    await Promise.all([
      client.startProductApplication(hatDe(CERTIFIED)),
      client.startProductApplication(hatDe(WITHDRAWN)),
    ]);
  });

  afterAll(async () => {
    await client?.close();
    if (worker) await stopProcess(worker);
  });

  it('submit-dossier, review and supplement move the dossier through review', async () => {
    const submitted = await act('submit-dossier', CERTIFIED, '--as', PRODUCER, '--documents', 'Phiếu đăng ký, Nhãn');
    expect(submitted).toMatchObject({ stage: 'DOSSIER_REVIEW', deadline: { kind: 'dossier-review' } });

    const due = inDays(7);
    const asked = await act(
      'review',
      CERTIFIED,
      '--as',
      OFFICER,
      '--decision',
      'request-supplement',
      '--missing',
      'Công bố chất lượng',
      '--due',
      due,
    );
    expect(asked).toMatchObject({ stage: 'AWAITING_SUPPLEMENT', supplementRounds: 1, deadline: { dueAt: due } });

    const supplemented = await act('supplement', CERTIFIED, '--as', PRODUCER, '--file', fixture('supplement.json'));
    expect(supplemented.stage).toBe('DOSSIER_REVIEW');
  });

  it('an action by a role that may not take it exits 4 as Forbidden and leaves the state unchanged', async () => {
    const before = await client.productState(CERTIFIED);
    const run = await ocop(
      ['product', 'review', '--product', CERTIFIED, '--as', PRODUCER, '--decision', 'accept'],
      env(),
    );
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'ocop: Forbidden: actor.role: producer may not reviewDossier; allowed roles are officer, coordinator\n',
    );
    expect(await client.productState(CERTIFIED)).toEqual(before);
  });

  it('review accept and council-result with a sheets file certify the product', async () => {
    const accepted = await act('review', CERTIFIED, '--as', OFFICER, '--decision', 'accept');
    expect(accepted).toMatchObject({ stage: 'EVALUATION', level: 'district' });

    const certified = await act(
      'council-result',
      CERTIFIED,
      '--as',
      'council_secretary:tk-huyen@district',
      '--level',
      'district',
      '--meeting-date',
      inDays(-1 / 24),
      '--file',
      fixture('council-sheets.json'),
    );
    expect(certified).toMatchObject({
      stage: 'CERTIFIED',
      stars: 3,
      scores: [{ level: 'district', total: 60, stars: 3, members: 3 }],
      certificate: { stars: 3, level: 'district' },
    });
  });

  it('inspection records a post-inspection finding once the product is under post-inspection', async () => {
    // Post-inspection starts as a new run of the workflow, just after certification.
    await eventually(
      () => client.productState(CERTIFIED),
      (s) => s.stage === 'POST_INSPECTION',
    );
    const inspected = await act('inspection', CERTIFIED, '--as', 'inspector:doan-hau-kiem-cb', '--outcome', 'pass');
    expect(inspected.inspections).toEqual([expect.objectContaining({ round: 1, outcome: 'pass' })]);
  });

  it('extend-deadline moves the dossier deadline, and withdraw takes a payload file', async () => {
    const until = inDays(45);
    const extended = await act(
      'extend-deadline',
      WITHDRAWN,
      '--as',
      'coordinator:vp-ocop-cb',
      '--until',
      until,
      '--reason',
      'Mưa lũ',
    );
    expect(extended.deadline).toEqual({ kind: 'dossier', dueAt: until });

    const withdrawn = await act('withdraw', WITHDRAWN, '--as', PRODUCER, '--file', fixture('withdraw.json'));
    expect(withdrawn.stage).toBe('WITHDRAWN');

    // A closed application can still be shown, so acting on it is refused rather than "not found".
    await client.client.workflow.getHandle(productWorkflowId(WITHDRAWN)).result();
    const again = await ocop(['product', 'withdraw', '--product', WITHDRAWN, '--as', PRODUCER, '--reason', 'x'], env());
    expect(again.code).toBe(4);
    expect(again.stderr).toBe(
      `ocop: WrongStage: product ${WITHDRAWN} is closed: its workflow has completed and takes no more actions\n`,
    );

    // Starting it again is harmless: no second run opens under the ended application's id.
    const handle = client.client.workflow.getHandle(productWorkflowId(WITHDRAWN));
    const ended = await handle.describe();
    await expect(client.startProductApplication(hatDe(WITHDRAWN))).resolves.toMatchObject({ productId: WITHDRAWN });
    expect(await handle.describe()).toMatchObject({ runId: ended.runId, status: { name: 'COMPLETED' } });
  });

  it('product show prints stage, scores, certificate, inspections and history; status does the same', async () => {
    const [show, status] = await Promise.all([
      ocop(['product', 'show', '--product', CERTIFIED], env()),
      ocop(['status', '--product', CERTIFIED], env()),
    ]);
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toBe(show.stdout);
    expect(show.stdout).toMatch(/Stage\s+POST_INSPECTION/);
    expect(show.stdout).toMatch(/Certificate\s+\S+ \(3★, valid until \d\d\/\d\d\/\d{4}\)/);
    expect(show.stdout).toMatch(/district\s+\d\d\/\d\d\/\d{4}\s+60\s+3\s+3/);
    expect(show.stdout).toMatch(/1\s+\d\d\/\d\d\/\d{4}\s+\d\d\/\d\d\/\d{4}\s+pass/);
    expect(show.stdout).toMatch(/recordCouncilResult\s+council_secretary:tk-huyen\s+EVALUATION → CERTIFIED/);
  });

  it.each([
    [['show', '--product', 'CI-2023-0999'], 3, 'ocop: product CI-2023-0999 not found'],
    [
      ['withdraw', '--product', 'CI-2023-0999', '--as', PRODUCER, '--reason', 'x'],
      3,
      'ocop: product CI-2023-0999 not found',
    ],
    [
      ['review', '--product', CERTIFIED, '--as', 'officer', '--decision', 'accept'],
      2,
      'ocop: ValidationError: --as: must be ROLE:ACTOR_ID',
    ],
    [
      ['review', '--product', CERTIFIED, '--as', 'officer:x@town'],
      2,
      'ocop: ValidationError: --as: level: Invalid option',
    ],
    [
      ['review', '--product', CERTIFIED, '--as', OFFICER, '--decision', 'reject'],
      2,
      'ocop: ValidationError: --reason: is required with --decision reject',
    ],
    [
      ['inspection', '--product', CERTIFIED, '--as', OFFICER, '--outcome', 'pass', '--inspected-at', 'yesterday'],
      2,
      'ocop: ValidationError: --inspected-at: Invalid ISO datetime',
    ],
    [
      ['council-result', '--product', CERTIFIED, '--as', OFFICER, '--file', fixture('withdraw.json')],
      2,
      'ocop: ValidationError: recordCouncilResult: level: Invalid option',
    ],
  ])('product %j exits %i with one line', async (args, code, message) => {
    const run = await ocop(['product', ...args], env());
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
  });

  it('gives up on an action no worker answers, says why, and a worker that comes later takes it', async () => {
    const queue = `${TASK_QUEUE}-unpolled`;
    const unpolled = { TEMPORAL_ADDRESS: devServerAddress(), TEMPORAL_TASK_QUEUE: queue };
    const waiting = await OcopClient.connect(loadConfig(unpolled));
    const product = 'CI-2023-0009';
    await waiting.startProductApplication(hatDe(product));

    const run = await ocop(
      ['product', 'submit-dossier', '--product', product, '--as', PRODUCER, '--documents', 'Phiếu đăng ký'],
      { ...unpolled, ACTION_TIMEOUT_SECONDS: '2' },
    );
    expect(run).toMatchObject({
      code: 5,
      stdout: '',
      stderr:
        `ocop: submitDossier on product ${product}: no answer within 2 s: no worker is polling task queue ${queue}; ` +
        'start one (npm run worker). It may still be taken when a worker runs: check before sending it again\n',
    });

    const late = await spawnWorker({ TEMPORAL_TASK_QUEUE: queue });
    try {
      const state = await eventually(
        () => waiting.productState(product),
        (s) => s.stage === 'DOSSIER_REVIEW',
      );
      expect(state.history.map((h) => h.action)).toEqual(['register', 'submitDossier']);
    } finally {
      await stopProcess(late);
      await waiting.close();
    }
  });

  it('each action has its own --help', async () => {
    const run = await ocop(['product', 'council-result', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: ocop product council-result \[options\]/);
    expect(run.stdout).toMatch(/--as <role:id\[@level\]>/);
    expect(run.stdout).toMatch(/--file <file>\s+JSON payload without the actor, or a JSON array of\s+sheets/);
  });
});
