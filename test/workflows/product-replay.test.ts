// Histories of full lifecycles, recorded once and committed under
// test/histories/product/, replay against the current workflow code on every run. A
// change that would make the workflows already open in production take another
// path fails here with a nondeterminism error, and needs `patched()`.
//
// Each file name starts with the workflow version that recorded it. A change
// made with `patched()` records the new version beside the old ones, which
// must keep replaying (v1: before the per-kind reminder policy; v2: with it;
// v3: closing the application ends its certificate first; v4: a potential
// 5-star product keeps the province's rating whatever becomes of its candidacy;
// v5: the rules as written, with the recognition decision before the certificate
// and no downgrade by inspectors; v6: transitions recorded by a local activity,
// and only the search attributes that changed upserted; v7: the workflow type
// productApplicationV2, which takes every patched path and records no marker):
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
import {
  CANDIDACY_KEEPS_RATING,
  CERTIFICATE_ENDS_FIRST,
  LOCAL_RECORDING,
  PER_KIND_REMINDERS,
  RULES_AS_WRITTEN,
} from '../../workflows/patches';
import * as messages from '../../workflows/product/messages';
import { productApplication, productApplicationV2 } from '../../workflows/product/workflow';
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
  recognitionDecision,
} from '../support/fixtures';
import { HistoryShelf, type Lifecycle, replayTests } from '../support/histories';

const shelf = new HistoryShelf('product');
/** The patches each version's histories were recorded with: each is what set the version apart. */
const PATCHES: Record<string, string[]> = {
  v1: [],
  v2: [PER_KIND_REMINDERS],
  v3: [CERTIFICATE_ENDS_FIRST, PER_KIND_REMINDERS],
  v4: [CANDIDACY_KEEPS_RATING, CERTIFICATE_ENDS_FIRST, PER_KIND_REMINDERS],
  v5: [CANDIDACY_KEEPS_RATING, CERTIFICATE_ENDS_FIRST, PER_KIND_REMINDERS, RULES_AS_WRITTEN],
  v6: [CANDIDACY_KEEPS_RATING, CERTIFICATE_ENDS_FIRST, LOCAL_RECORDING, PER_KIND_REMINDERS, RULES_AS_WRITTEN],
  v7: [],
};
const RECORD_AS = 'v7';
const DAY = 86_400_000;

type Handle = WorkflowHandleWithFirstExecutionRunId<typeof productApplication>;

/** The council met today, in workflow time. */
async function council(
  env: TestWorkflowEnvironment,
  handle: Handle,
  level: 'district' | 'province' | 'central',
  total: number,
) {
  const meetingDate = new Date(await env.currentTimeMs()).toISOString();
  await handle.executeUpdate(messages.recordCouncilResult, {
    args: [councilResult(level, partsFor(total), { meetingDate })],
  });
}

/** The authority's recognition decision, dated `daysAgo` days before it is recorded. */
async function decide(env: TestWorkflowEnvironment, handle: Handle, daysAgo = 0, certificateNumber?: string) {
  const at = (await env.currentTimeMs()) - daysAgo * DAY;
  await handle.executeUpdate(messages.recordRecognitionDecision, {
    args: [recognitionDecision(at, certificateNumber ? { certificateNumber } : {})],
  });
}

/** A 3-star product rated by the district, certified by decision, passed at each yearly round, expired after 36 months. */
async function plainLifecycle(env: TestWorkflowEnvironment, handle: Handle, productId: string, db: Kysely<Database>) {
  await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
  await handle.executeUpdate(messages.reviewDossier, {
    args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
  });
  await council(env, handle, 'district', 62);
  await skipTo(env, (await env.currentTimeMs()) + 20 * DAY);
  await decide(env, handle, 5);
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
 * forward to the province, its decision, a corrective action, a revocation
 * proposed and declined, a round nobody came to, the expiry notice and the expiry.
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
  await council(env, handle, 'district', 75);
  await council(env, handle, 'province', 78);
  await decide(env, handle);

  const certified = await stateOnceIn(db, handle, productId, 'POST_INSPECTION');
  const decidedOn = new Date(certified.certificate?.decidedOn ?? '');
  const round = (k: number) => addDuration(decidedOn, `P${12 * k}M`).getTime();
  await skipTo(env, round(1) - 10 * DAY);
  const correctBy = inDays(20, await env.currentTimeMs());
  await inspect(env, handle, { outcome: 'corrective-action', findings: 'Thiếu tem truy xuất', dueAt: correctBy });
  await skipTo(env, round(1) + 5 * DAY);
  await inspect(env, handle, { outcome: 'pass' });
  await skipTo(env, round(2) - 3 * DAY);
  await inspect(env, handle, {
    outcome: 'revocation-proposed',
    ground: 'quality-mismatch',
    findings: 'Bao bì sai mẫu',
  });
  await skipTo(env, round(2) + 10 * DAY);
  await handle.executeUpdate(messages.recordRevocationDecision, {
    args: [
      {
        actor: coordinator,
        outcome: 'decline',
        decision: {
          number: '77/QĐ-UBND',
          decidedOn: new Date(await env.currentTimeMs()).toISOString(),
          authority: 'UBND tỉnh',
        },
        ground: 'quality-mismatch',
        note: 'Chủ thể đã đổi bao bì',
      },
    ],
  });
  await handle.result();
}

async function skipTo(env: TestWorkflowEnvironment, at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

async function inspect(env: TestWorkflowEnvironment, handle: Handle, result: RecordInspection['result']) {
  await handle.executeUpdate(messages.recordInspection, { args: [inspection(result, await env.currentTimeMs())] });
}

/** A potential 5-star product whose 4 stars the province decides meanwhile, and whose central council never sits. */
async function centralNeverSits(env: TestWorkflowEnvironment, handle: Handle) {
  await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
  await handle.executeUpdate(messages.reviewDossier, {
    args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
  });
  await council(env, handle, 'district', 92);
  await council(env, handle, 'province', 93);
  await decide(env, handle);
  await handle.result();
}

type Story = (env: TestWorkflowEnvironment, handle: Handle, productId: string, db: Kysely<Database>) => Promise<void>;

/** A product application started for `productId`, then taken through `story`. */
const product =
  (productId: string, story: Story): Lifecycle =>
  async (env, taskQueue, db) => {
    const handle = await env.client.workflow.start(productApplicationV2, {
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
