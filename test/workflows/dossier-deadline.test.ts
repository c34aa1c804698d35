// A month of waiting in seconds: the time-skipping server jumps the timers.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { productWorkflowId } from '../../domain/ids';
import { productApplication } from '../../workflows/product/workflow';
import { inProcessWorker, openDb, startTimeSkipping } from '../support/env';
import { hatDe } from '../support/fixtures';

describe('a dossier nobody submits', () => {
  let env: TestWorkflowEnvironment;
  let db: Kysely<Database>;
  let worker: Worker;

  beforeAll(async () => {
    env = await startTimeSkipping();
    db = openDb();
    worker = await inProcessWorker(env, 'dossier-deadline', db);
  });

  afterAll(async () => {
    await env?.teardown();
    await db?.destroy();
  });

  it('is reminded 7 and 1 days before its 30-day deadline, escalated, and lapses after the grace period', async () => {
    const productId = 'TS-2023-0001';
    const started = await env.currentTimeMs();
    const wallStart = Date.now();
    const state = await worker.runUntil(
      env.client.workflow.execute(productApplication, {
        workflowId: productWorkflowId(productId),
        taskQueue: 'dossier-deadline',
        args: [{ input: hatDe(productId, {}, started) }],
      }),
    );
    const wallSeconds = (Date.now() - wallStart) / 1000;

    expect(state.stage).toBe('LAPSED');
    const lapsedAt = Date.parse(state.history.at(-1)?.at ?? '');
    expect((lapsedAt - started) / 86_400_000).toBeCloseTo(33, 3); // 30 days, then 3 days' grace
    expect(wallSeconds).toBeLessThan(15);

    const sent = await db
      .selectFrom('notifications')
      .select(['idempotency_key', 'template'])
      .where('idempotency_key', 'like', `${productWorkflowId(productId)}/%`)
      .orderBy('id')
      .execute();
    expect(sent.map((n) => [n.template, n.idempotency_key.split('/').at(-1)])).toEqual([
      ['deadline-reminder', 'P7D'],
      ['deadline-reminder', 'P1D'],
      ['deadline-escalation', 'escalation'],
    ]);
  });
});
