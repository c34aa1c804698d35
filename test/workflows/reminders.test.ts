// Who hears of each kind of deadline, and when: the reminders of every
// deadline a product meets on its way, sent by the engine itself at the
// policy's offsets, on workflow time. Read back from the history, where each
// `notify` was scheduled at the time it was due.
import { temporal } from '@temporalio/proto';
import { productWorkflowId } from '../../domain/ids';
import * as messages from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { stateOnceIn, useTimeSkipping } from '../support/env';
import {
  coordinator,
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  inspection,
  partsFor,
  producer,
  recognitionDecision,
} from '../support/fixtures';

const TASK_QUEUE = 'reminders';
const DAY = 86_400_000;
const { EventType } = temporal.api.enums.v1;

interface Sent {
  key: string;
  template: string;
  kind: string;
  offset: string;
  /** Days from the deadline it reminds of to the time it was sent. */
  daysBefore: number;
}

describe('reminders of every deadline kind', () => {
  const stack = useTimeSkipping(TASK_QUEUE);
  const now = () => stack.env.currentTimeMs();
  const skip = async (days: number) => stack.env.sleep(days * DAY);

  /** Every `notify` a workflow scheduled, in its first run and its latest, with the time it went out. */
  async function sentBy(workflowId: string, firstRunId: string): Promise<Sent[]> {
    const sent: Sent[] = [];
    for (const runId of [firstRunId, undefined]) {
      const history = await stack.env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      for (const event of history.events ?? []) {
        const scheduled = event.activityTaskScheduledEventAttributes;
        if (
          event.eventType !== EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED ||
          scheduled?.activityType?.name !== 'notify'
        ) {
          continue;
        }
        const [request] = (scheduled.input?.payloads ?? []).map((p) =>
          JSON.parse(Buffer.from(p.data ?? []).toString()),
        );
        const at = Number(event.eventTime?.seconds ?? 0) * 1000;
        sent.push({
          key: request.key,
          template: request.template,
          kind: request.deadlineKind,
          offset: request.data.offset ?? 'escalation',
          daysBefore: Math.round(((Date.parse(request.data.dueAt) - at) / DAY) * 100) / 100,
        });
      }
    }
    return sent;
  }

  it('sends each kind its reminders at the offsets, none after an action that came first, and follows an extension', async () => {
    const productId = 'RM-2023-0001';
    const workflowId = productWorkflowId(productId);
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, {}, await now()) }],
    });

    // Dossier due in 30 days: the 7-day reminder, then a coordinator's extension by ten days before the
    // 1-day reminder: that one is never sent for the old date; both are sent for the new one.
    await skip(24);
    const dossierDue = new Date((await handle.query(messages.stateQuery)).deadline?.dueAt ?? '');
    await handle.executeUpdate(messages.extendDeadline, {
      args: [{ actor: coordinator, until: new Date(dossierDue.getTime() + 10 * DAY).toISOString(), reason: 'lũ quét' }],
    });
    await skip(15.5);
    await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });

    // The officer's review (15 days): both reminders, then a supplement asked for 10 days ahead.
    await skip(14.5);
    await handle.executeUpdate(messages.reviewDossier, {
      args: [
        {
          actor: districtOfficer,
          decision: {
            outcome: 'request-supplement',
            missing: ['Phiếu kiểm nghiệm'],
            dueAt: new Date((await now()) + 10 * DAY).toISOString(),
          },
        },
      ],
    });
    await skip(9.5);
    await handle.executeUpdate(messages.submitSupplement, {
      args: [{ actor: producer, documents: ['Phiếu kiểm nghiệm'] }],
    });
    // Reviewed at once: no reminder of this review is sent.
    await handle.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });

    // The district council (30 days by the cycle's default span): both reminders, then its result.
    await skip(29.5);
    await handle.executeUpdate(messages.recordCouncilResult, {
      args: [councilResult('district', partsFor(62), { meetingDate: new Date(await now()).toISOString() })],
    });
    // The province decides at once; its decision has no deadline and no reminders (see recognition.ts).
    await handle.executeUpdate(messages.recordRecognitionDecision, { args: [recognitionDecision(await now())] });
    await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');

    // The first yearly inspection: a month and a week ahead; a corrective action due in 20 days, reminded 7 and 1 days ahead.
    await skip(365 - 3);
    await handle.executeUpdate(messages.recordInspection, {
      args: [
        inspection(
          {
            outcome: 'corrective-action',
            findings: 'Nhãn thiếu hạn sử dụng',
            dueAt: new Date((await now()) + 20 * DAY).toISOString(),
          },
          await now(),
        ),
      ],
    });
    await skip(19.5);
    await handle.executeUpdate(messages.recordInspection, { args: [inspection({ outcome: 'pass' }, await now())] });

    const sent = await sentBy(workflowId, handle.firstExecutionRunId);
    expect(sent.map(({ template, kind, offset, daysBefore }) => [template, kind, offset, daysBefore])).toEqual([
      ['deadline-reminder', 'dossier', 'P7D', 7],
      ['deadline-reminder', 'dossier', 'P7D', 7],
      ['deadline-reminder', 'dossier', 'P1D', 1],
      ['deadline-reminder', 'dossier-review', 'P7D', 7],
      ['deadline-reminder', 'dossier-review', 'P1D', 1],
      ['deadline-reminder', 'supplement', 'P7D', 7],
      ['deadline-reminder', 'supplement', 'P1D', 1],
      ['deadline-reminder', 'evaluation', 'P7D', 7],
      ['deadline-reminder', 'evaluation', 'P1D', 1],
      ['inspection-due', 'inspection', 'P30D', 30],
      ['inspection-due', 'inspection', 'P7D', 7],
      ['deadline-reminder', 'corrective-action', 'P7D', 7],
      ['deadline-reminder', 'corrective-action', 'P1D', 1],
    ]);
    // The two dossier 7-day reminders are for two different dates: the old one's 1-day reminder never went.
    expect(new Set(sent.slice(0, 2).map((s) => s.key)).size).toBe(2);
    expect(sent.some((s) => s.key.includes(dossierDue.toISOString()) && s.offset === 'P1D')).toBe(false);
  });
});
