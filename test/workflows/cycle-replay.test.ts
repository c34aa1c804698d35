// Histories of annual cycles, recorded once and committed under
// test/histories/cycle/, replay against the current workflow code on every run
// (see product-replay.test.ts for the why). To record the current version:
//   OCOP_RECORD_HISTORIES=1 npx jest test/workflows/cycle-replay.test.ts
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CycleInput, RegisterProduct } from '../../domain/cycle';
import { cycleIdOf, cycleWorkflowId } from '../../domain/ids';
import * as messages from '../../workflows/cycle/messages';
import { annualCycle } from '../../workflows/cycle/workflow';
import { eventually } from '../support/env';
import { coordinator, inDays } from '../support/fixtures';
import { HistoryShelf, type Lifecycle, replayTests } from '../support/histories';

const shelf = new HistoryShelf('cycle');
/** The patches each version's histories were recorded with. */
const PATCHES: Record<string, string[]> = {
  v1: [],
  v2: ['extension-after-registration'],
  v3: ['ended-applications-skipped', 'extension-after-registration'],
  // Issue 11: rounds (đợt) and the rule set by date; no patch, for the running logic did not change.
  v4: ['ended-applications-skipped', 'extension-after-registration'],
  v5: ['applications-v2', 'ended-applications-skipped', 'extension-after-registration'],
};
const RECORD_AS = 'v5';

const registration = (subjectId: string, name: string): RegisterProduct => ({
  actor: coordinator,
  product: { name, group: 'food' },
  subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type: 'cooperative' },
  unit: '047',
});

/**
 * A year of Cao Bằng on the real calendar's scale, open for registration from
 * today. Products need a district, and only Cao Bằng's are listed; recordings
 * share the run's database, so each lifecycle rehearses a year of its own.
 */
async function startYear(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  year: number,
  fields: Partial<CycleInput> = { ruleSetId: 'OCOP_148_2023' },
) {
  const now = await env.currentTimeMs();
  const input: CycleInput = {
    province: 'CB',
    year,
    compressed: true,
    ...fields,
    calendar: {
      registrationOpens: inDays(-1, now),
      registrationCloses: inDays(30, now),
      dossierDeadline: inDays(60, now),
      evaluation: { district: inDays(120, now), province: inDays(150, now), central: inDays(180, now) },
      cycleEnds: inDays(200, now),
    },
    targets: { newProductsThreeStarsOrMore: 2 },
  };
  const handle = await env.client.workflow.start(annualCycle, {
    workflowId: cycleWorkflowId(cycleIdOf(input)),
    taskQueue,
    args: [input],
  });
  const extension = {
    actor: coordinator,
    deadline: 'dossierDeadline',
    until: inDays(70, now),
    reason: 'Mưa lũ',
  } as const;
  return { handle, extension };
}

/**
 * A year of two registrations and a moved dossier deadline arrive at
 * once, then nobody acts and the year runs to its final report.
 */
const registrationsBesideAnExtension: Lifecycle = async (env, taskQueue) => {
  const { handle, extension } = await startYear(env, taskQueue, 2077);
  await Promise.all([
    handle.executeUpdate(messages.registerProduct, { args: [registration('htx-mau-son', 'Rượu Mẫu Sơn')] }),
    handle.executeUpdate(messages.extendCalendar, { args: [extension] }),
    handle.executeUpdate(messages.registerProduct, { args: [registration('htx-that-khe', 'Hồi Văn Quan')] }),
  ]);
  await handle.result();
  return handle;
};

/** A year in which an operator terminates one of two applications, then the dossier deadline moves. */
const extensionPastAnEndedApplication: Lifecycle = async (env, taskQueue, db) => {
  const { handle, extension } = await startYear(env, taskQueue, 2078);
  const ended = await handle.executeUpdate(messages.registerProduct, {
    args: [registration('htx-meo-vac', 'Mật ong bạc hà Mèo Vạc')],
  });
  await handle.executeUpdate(messages.registerProduct, { args: [registration('htx-dong-van', 'Chè Shan Đồng Văn')] });
  await eventually(
    () => db.selectFrom('products').select('stage').where('id', '=', ended.productId).executeTakeFirst(),
    (row) => row?.stage === 'REGISTERED',
  );
  await env.client.workflow.getHandle(ended.workflowId).terminate('ended by an operator');
  // Before ended-applications-skipped, this extension failed on the ended application.
  await handle.executeUpdate(messages.extendCalendar, { args: [extension] }).catch(() => undefined);
  await handle.result();
  return handle;
};

/**
 * A year's second round (CB-2072-D2) that names no rule set, so it runs under the one in force when its
 * registration opens; its dossier deadline moves and the round runs to its final report.
 */
const secondRoundByDate: Lifecycle = async (env, taskQueue) => {
  const { handle, extension } = await startYear(env, taskQueue, 2072, { round: 2 });
  const state = await handle.query(messages.cycleStateQuery);
  expect(state).toMatchObject({ cycleId: 'CB-2072-D2', round: 2, ruleSetId: 'OCOP_1489_2025' });
  await handle.executeUpdate(messages.extendCalendar, { args: [extension] });
  await handle.result();
  return handle;
};

const LIFECYCLES: Record<string, Lifecycle> = {
  'second-round-by-date': secondRoundByDate,
  'registrations-beside-an-extension': registrationsBesideAnExtension,
  'extension-past-an-ended-application': extensionPastAnEndedApplication,
};

describe('replay of recorded annual cycles', () => {
  replayTests(shelf, { patches: PATCHES, lifecycles: LIFECYCLES, current: RECORD_AS });
});
