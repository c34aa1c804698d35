// Why the client polls an Update's outcome on the run that accepted it (issue
// 13, item 7): once that run has continued as new, the server answers NotFound
// to a poll by workflow id alone, though the workflow took the Update.
import { WorkflowNotFoundError, WorkflowUpdateStage } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { productWorkflowId } from '../../domain/ids';
import * as messages from '../../workflows/product/messages';
import { productApplicationV2 } from '../../workflows/product/workflow';
import { connectToDevServer, eventually, openDb, runningWorker } from '../support/env';
import * as F from '../support/fixtures';

const TASK_QUEUE = 'update-outcome-after-can';

describe('an Update whose handling continues the run as new', () => {
  let env: TestWorkflowEnvironment;
  let db: Kysely<Database>;
  let worker: Awaited<ReturnType<typeof runningWorker>>;

  beforeAll(async () => {
    env = await connectToDevServer();
    db = openDb();
    worker = await runningWorker(env, TASK_QUEUE, db);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.destroy();
  });

  it('is answered from the run that accepted it, and not found on the run that follows', async () => {
    const productId = `UCN-${2030 + (Date.now() % 60)}-0001`;
    const handle = await env.client.workflow.start(productApplicationV2, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: F.hatDe(productId) }],
    });
    await handle.executeUpdate(messages.submitDossier, { args: [{ actor: F.producer, documents: F.DOSSIER }] });
    await handle.executeUpdate(messages.reviewDossier, {
      args: [{ actor: F.districtOfficer, decision: { outcome: 'accept' } }],
    });
    await handle.executeUpdate(messages.recordCouncilResult, {
      args: [F.councilResult('district', F.partsFor(62), { meetingDate: new Date().toISOString() })],
    });
    // The decision certifies the product, and the run continues as new into post-inspection.
    const update = await env.client.workflow
      .getHandle(handle.workflowId)
      .startUpdate(messages.recordRecognitionDecision, {
        args: [F.recognitionDecision(Date.now())],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    expect(update.workflowRunId).toBe(handle.firstExecutionRunId);
    await eventually(
      async () => (await env.client.workflow.getHandle(handle.workflowId).describe()).runId,
      (runId) => runId !== handle.firstExecutionRunId,
    );

    const byWorkflowId = env.client.workflow.getHandle(handle.workflowId).getUpdateHandle(update.updateId);
    await expect(byWorkflowId.result()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await update.result()).toMatchObject({ stage: 'CERTIFIED', stars: 3 });
    await handle.terminate('the test is over');
  }, 60_000);
});
