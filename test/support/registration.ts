// A Cao Bằng cycle on the dev server whose registration window is open now,
// with a worker of the test's own task queue running it: what a test of
// registering products stands on.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import { OcopClient } from '../../client/ocop-client';
import type { Database } from '../../db/database';
import type { CycleInput } from '../../domain/cycle';
import { cycleId, cycleWorkflowId } from '../../domain/ids';
import type { annualCycle } from '../../workflows/cycle/workflow';
import { connectToDevServer, openDb, runningWorker } from './env';

const MINUTE = 60_000;

export interface OpenCycle {
  env: TestWorkflowEnvironment;
  db: Kysely<Database>;
  client: OcopClient;
  cycleId: string;
  cycle: WorkflowHandle<typeof annualCycle>;
  /** Terminates the cycle, then stops the worker and closes the connections. */
  close(reason: string): Promise<void>;
}

/** A compressed cycle of `year` whose registration opened a minute ago and closes in 30 minutes. */
export async function openCycle(taskQueue: string, year: number): Promise<OpenCycle> {
  const env = await connectToDevServer();
  const db = openDb();
  let worker: Awaited<ReturnType<typeof runningWorker>> | undefined;
  const id = cycleId('CB', year);
  const cycle = env.client.workflow.getHandle<typeof annualCycle>(cycleWorkflowId(id));
  const close = async (reason: string) => {
    await cycle.terminate(reason).catch(() => undefined);
    await worker?.stop();
    await env.teardown();
    await db.destroy();
  };
  try {
    worker = await runningWorker(env, taskQueue, db);
    const client = new OcopClient(env.client, taskQueue);
    const now = Date.now();
    const at = (minutes: number) => new Date(now + minutes * MINUTE).toISOString();
    const input: CycleInput = {
      province: 'CB',
      year,
      compressed: true,
      ruleSetId: 'OCOP_148_2023',
      calendar: {
        registrationOpens: at(-1),
        registrationCloses: at(30),
        dossierDeadline: at(60),
        evaluation: { district: at(90) },
        cycleEnds: at(120),
      },
      targets: { newProductsThreeStarsOrMore: 1 },
    };
    await client.startCycle(input);
    return { env, db, client, cycleId: id, cycle, close };
  } catch (error) {
    await close('the cycle could not be opened');
    throw error;
  }
}
