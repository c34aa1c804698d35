// A cycle's own notices (registration closes soon, the digest of lapses) give
// up as a product's do: a mail server that stays down must not stall the
// cycle's phases, and the notice waits in the outbox as failed.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { CycleInput } from '../../domain/cycle';
import { cycleIdOf, cycleWorkflowId } from '../../domain/ids';
import { loadConfig } from '../../worker/config';
import * as messages from '../../workflows/cycle/messages';
import { annualCycle } from '../../workflows/cycle/workflow';
import { inProcessWorker, openDb, startTimeSkipping } from '../support/env';
import { coordinator, inDays } from '../support/fixtures';

const TASK_QUEUE = 'cycle-notices';

describe("a cycle's notices while the mail server is down", () => {
  let env: TestWorkflowEnvironment;
  let db: Kysely<Database>;

  beforeAll(async () => {
    env = await startTimeSkipping();
    db = openDb();
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.destroy();
  });

  it('do not hold up its phases: registration closes on its date, the notice waits in the outbox', async () => {
    // Nothing listens on port 1: every attempt is refused, as during a mail server outage.
    const { notify } = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1', NOTIFY_LOG: 'false' });
    const worker = await inProcessWorker(env, TASK_QUEUE, db, { notify, log: () => undefined });
    const now = await env.currentTimeMs();
    const input: CycleInput = {
      province: 'CB',
      year: 2064,
      compressed: true,
      ruleSetId: 'OCOP_148_2023',
      calendar: {
        registrationOpens: inDays(-1, now),
        registrationCloses: inDays(30, now),
        dossierDeadline: inDays(60, now),
        evaluation: { district: inDays(120, now) },
        cycleEnds: inDays(200, now),
      },
      targets: { newProductsThreeStarsOrMore: 1 },
    };
    const workflowId = cycleWorkflowId(cycleIdOf(input));
    const cycle = await env.client.workflow.start(annualCycle, { workflowId, taskQueue: TASK_QUEUE, args: [input] });
    // Nobody submits the dossier: the application lapses after the dossier deadline, long after registration closed.
    await worker.runUntil(async () => {
      const registered = await cycle.executeUpdate(messages.registerProduct, {
        args: [
          {
            actor: coordinator,
            product: { name: 'Miến dong Nguyên Bình', group: 'food' },
            subject: { id: 'htx-nguyen-binh', name: 'HTX Nguyên Bình', type: 'cooperative', email: 'nb@example.vn' },
            unit: '047',
          },
        ],
      });
      await env.client.workflow.getHandle(registered.workflowId).result();
    });

    const row = await db.selectFrom('cycles').select('phase').where('id', '=', cycleIdOf(input)).executeTakeFirst();
    expect(row?.phase).not.toBe('REGISTRATION');
    const notices = await db
      .selectFrom('notifications')
      .select(['template', 'status'])
      .where('idempotency_key', 'like', `${workflowId}/registration-closing/%`)
      .execute();
    expect(notices).toEqual([{ template: 'registration-closing', status: 'failed' }]);
    await cycle.terminate('the test is over');
  }, 120_000);
});
