// Histories of full lifecycles, recorded once and committed under
// test/histories/product/, replay against the current workflow code on every run. A
// change that would make the workflows already open in production take another
// path fails here with a nondeterminism error, and needs `patched()`.
//
// Each file name starts with the workflow version that recorded it. A change
// made with `patched()` records the new version beside the old ones, which
// must keep replaying (v1: before the per-kind reminder policy; v2: with it;
// v3: closing the application ends its certificate first; v4: a potential
// 5-star product keeps the province's rating whatever becomes of its candidacy):
//   OCOP_RECORD_HISTORIES=1 npx jest test/workflows/product-replay.test.ts
// runs the lifecycles below on a time-skipping server, writes the files of
// RECORD_AS (the first and the last run of each chain), then replays them all.
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import type { RecordInspection } from '../../domain/product';
import * as messages from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { stateOnceIn } from '../support/env';
import {
  coordinator,
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  inDays,
  inspection,
  partsFor,
  producer,
} from '../support/fixtures';
import { HistoryShelf, type Lifecycle, replayTests } from '../support/histories';

const shelf = new HistoryShelf('product');
/** The patches each version's histories were recorded with: each is what set the version apart. */
const PATCHES: Record<string, string[]> = {
  v1: [],
  v2: ['per-kind-reminders'],
  v3: ['certificate-ends-first', 'per-kind-reminders'],
  v4: ['candidacy-keeps-rating', 'certificate-ends-first', 'per-kind-reminders'],
};
const RECORD_AS = 'v4';
const DAY = 86_400_000;

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof productApplication>;

/** A 3-star product certified by the district, passed at each yearly round, expired after 36 months. */
async function plainLifecycle(env: TestWorkflowEnvironment, handle: Handle, productId: string, db: Kysely<Database>) {
  await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
  await handle.executeUpdate(messages.reviewDossier, {
    args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
  });
  await handle.executeUpdate(messages.recordCouncilResult, { args: [councilResult('district', partsFor(62))] });
  const certified = await stateOnceIn(db, handle, productId, 'POST_INSPECTION');
  const decidedOn = new Date(certified.certificate?.decidedOn ?? '');
  for (const months of [12, 24, 36]) {
    await skipTo(env, addDuration(decidedOn, `P${months}M`).getTime() - 3 * DAY);
    await inspect(env, handle, { outcome: 'pass' });
  }
  await handle.result();
}

/**
 * A 4-star product whose every wait does something: a calendar change, a
 * missed dossier deadline saved in the grace period, a supplement round, a
 * forward to the province, a corrective action, a downgrade, a round nobody
 * came to, the expiry notice and the expiry.
 */
async function eventfulLifecycle(
  env: TestWorkflowEnvironment,
  handle: Handle,
  productId: string,
  db: Kysely<Database>,
) {
  const started = await env.currentTimeMs();
  await handle.signal(messages.calendarChangedSignal, {
    deadline: 'dossier',
    until: inDays(32, started),
    reason: 'Lùi hạn',
  });
  await skipTo(env, started + 33 * DAY);
  await handle.executeUpdate(messages.extendDeadline, {
    args: [{ actor: coordinator, until: inDays(10, await env.currentTimeMs()), reason: 'Chủ thể ốm' }],
  });
  await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
  await handle.executeUpdate(messages.reviewDossier, {
    args: [
      {
        actor: districtOfficer,
        decision: { outcome: 'request-supplement', missing: ['Nhãn'], dueAt: inDays(10, await env.currentTimeMs()) },
      },
    ],
  });
  await skipTo(env, (await env.currentTimeMs()) + 5 * DAY);
  await handle.executeUpdate(messages.submitSupplement, { args: [{ actor: producer, documents: ['Nhãn'] }] });
  await handle.executeUpdate(messages.reviewDossier, {
    args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
  });
  await handle.executeUpdate(messages.recordCouncilResult, { args: [councilResult('district', partsFor(75))] });
  await handle.executeUpdate(messages.recordCouncilResult, { args: [councilResult('province', partsFor(78))] });

  const certified = await stateOnceIn(db, handle, productId, 'POST_INSPECTION');
  const decidedOn = new Date(certified.certificate?.decidedOn ?? '');
  const round = (k: number) => addDuration(decidedOn, `P${12 * k}M`).getTime();
  await skipTo(env, round(1) - 10 * DAY);
  const correctBy = inDays(20, await env.currentTimeMs());
  await inspect(env, handle, { outcome: 'corrective-action', findings: 'Thiếu tem truy xuất', dueAt: correctBy });
  await skipTo(env, round(1) + 5 * DAY);
  await inspect(env, handle, { outcome: 'pass' });
  await skipTo(env, round(2) - 3 * DAY);
  await inspect(env, handle, { outcome: 'downgrade', toStars: 3, grounds: 'Bao bì sai mẫu' });
  await handle.result();
}

async function skipTo(env: TestWorkflowEnvironment, at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

async function inspect(env: TestWorkflowEnvironment, handle: Handle, result: RecordInspection['result']) {
  await handle.executeUpdate(messages.recordInspection, { args: [inspection(result, await env.currentTimeMs())] });
}

/** A potential 5-star product whose central council never sits. */
async function centralNeverSits(_env: TestWorkflowEnvironment, handle: Handle) {
  await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
  await handle.executeUpdate(messages.reviewDossier, {
    args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
  });
  await handle.executeUpdate(messages.recordCouncilResult, { args: [councilResult('district', partsFor(92))] });
  await handle.executeUpdate(messages.recordCouncilResult, { args: [councilResult('province', partsFor(93))] });
  await handle.result();
}

type Story = (env: TestWorkflowEnvironment, handle: Handle, productId: string, db: Kysely<Database>) => Promise<void>;

/** A product application started for `productId`, then taken through `story`. */
const product =
  (productId: string, story: Story): Lifecycle =>
  async (env, taskQueue, db) => {
    const handle = await env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue,
      args: [{ input: hatDe(productId, {}, await env.currentTimeMs()) }],
    });
    await story(env, handle, productId, db);
    return handle;
  };

const LIFECYCLES = {
  'lifecycle-3-star': product('HI-2023-0001', plainLifecycle),
  'lifecycle-4-star-eventful': product('HI-2023-0002', eventfulLifecycle),
  'lifecycle-potential-5-star-central-never-sits': product('HI-2023-0003', centralNeverSits),
};

describe('replay of recorded histories', () => {
  replayTests(shelf, { patches: PATCHES, lifecycles: LIFECYCLES, current: RECORD_AS });
});
