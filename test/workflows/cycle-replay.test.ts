// Histories of annual cycles, recorded once and committed under
// test/histories/cycle/, replay against the current workflow code on every run
// (see product-replay.test.ts for the why). To record the current version:
//   OCOP_RECORD_HISTORIES=1 npx jest test/workflows/cycle-replay.test.ts
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { yearInVietnam, type CycleInput, type RegisterProduct } from '../../domain/cycle';
import { cycleId, cycleWorkflowId } from '../../domain/ids';
import * as messages from '../../workflows/cycle/messages';
import { annualCycle } from '../../workflows/cycle/workflow';
import { openDb, runningWorker, startTimeSkipping } from '../support/env';
import { coordinator, inDays } from '../support/fixtures';
import { EventType, HistoryShelf, patchesIn, RECORDING } from '../support/histories';

const shelf = new HistoryShelf('cycle');
/** The patches each version's histories were recorded with. */
const PATCHES: Record<string, string[]> = {
  v1: [],
  v2: ['extension-after-registration'],
};
const VERSIONS = Object.keys(PATCHES);
const RECORD_AS = 'v2';
const PROVINCE = 'LS';

const registration = (subjectId: string, name: string): RegisterProduct => ({
  actor: coordinator,
  product: { name, group: 'food' },
  subject: { id: subjectId, name: `Chủ thể ${subjectId}`, type: 'cooperative' },
});

/**
 * Lạng Sơn's year: two registrations and a moved dossier deadline arrive at
 * once, then nobody acts and the year runs to its final report.
 */
async function registrationsBesideAnExtension(env: TestWorkflowEnvironment, taskQueue: string): Promise<string> {
  const now = await env.currentTimeMs();
  const input: CycleInput = {
    province: PROVINCE,
    year: yearInVietnam(inDays(-1, now)),
    ruleSetId: 'OCOP_148_2023',
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
    workflowId: cycleWorkflowId(cycleId(PROVINCE, input.year)),
    taskQueue,
    args: [input],
  });
  await Promise.all([
    handle.executeUpdate(messages.registerProduct, { args: [registration('htx-mau-son', 'Rượu Mẫu Sơn')] }),
    handle.executeUpdate(messages.extendCalendar, {
      args: [{ actor: coordinator, deadline: 'dossierDeadline', until: inDays(70, now), reason: 'Mưa lũ' }],
    }),
    handle.executeUpdate(messages.registerProduct, { args: [registration('htx-that-khe', 'Hồi Văn Quan')] }),
  ]);
  await handle.result();
  return handle.workflowId;
}

const LIFECYCLES = { 'registrations-beside-an-extension': registrationsBesideAnExtension };

describe('replay of recorded annual cycles', () => {
  if (RECORDING) {
    it('records the cycles from the current code', async () => {
      const env = await startTimeSkipping();
      const db = openDb();
      const worker = await runningWorker(env, 'record-cycle-histories', db);
      try {
        for (const [name, run] of Object.entries(LIFECYCLES)) {
          const workflowId = await run(env, 'record-cycle-histories');
          const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
          await shelf.save(`${RECORD_AS}-${name}.json`, history);
        }
      } finally {
        await worker.stop();
        await env.teardown();
        await db.destroy();
      }
    }, 60_000);
  }

  it('holds each cycle from its start to its final report, for every version', async () => {
    const names = VERSIONS.flatMap((version) => Object.keys(LIFECYCLES).map((name) => `${version}-${name}`));
    expect(shelf.files()).toEqual(names.map((name) => `${name}.json`).sort());
    for (const name of names) {
      const events = (await shelf.load(`${name}.json`)).events ?? [];
      expect(events[0]?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
      expect(events.at(-1)?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
      const version = name.slice(0, name.indexOf('-'));
      expect([name, patchesIn(events)]).toEqual([name, PATCHES[version]]);
    }
  });

  it('replays every history without nondeterminism', async () => {
    expect(shelf.files()).toHaveLength(VERSIONS.length * Object.keys(LIFECYCLES).length);
    expect(await shelf.replayFailures()).toEqual([]);
  });
});
