// What the post-inspection and revocation tests share: a product taken to its
// certificate on a time-skipping server, the team's findings dated by the
// workflow's clock, and the rows post-inspection writes.
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import type { ActionAnswer, ProductApplicationInput, ProductState, RecordInspection } from '../../domain/product';
import type { RecordRevocationDecision } from '../../domain/recognition';
import * as messages from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { stateOnceIn, type TimeSkippingStack } from './env';
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
} from './fixtures';

export const DAY = 86_400_000;
export type ProductHandle = WorkflowHandleWithFirstExecutionRunId<typeof productApplication>;

/** The provincial People's Committee, which issues and revokes the province's certificates. */
export const AUTHORITY = 'UBND tỉnh Cao Bằng';

export function postInspection(stack: TimeSkippingStack, taskQueue: string) {
  const now = () => stack.env.currentTimeMs();
  const iso = async (offsetMs = 0) => new Date((await now()) + offsetMs).toISOString();

  async function skipTo(at: number): Promise<void> {
    const current = await now();
    if (at > current) await stack.env.sleep(at - current);
  }

  /** The council's result, met today by the workflow's clock, and the authority's decision when one is awaited. */
  async function rate(handle: ProductHandle, level: 'district' | 'province', total: number): Promise<ActionAnswer> {
    const meetingDate = await iso();
    const rated = await handle.executeUpdate(messages.recordCouncilResult, {
      args: [councilResult(level, partsFor(total), { meetingDate })],
    });
    if (rated.stage !== 'AWAITING_DECISION') return rated;
    return handle.executeUpdate(messages.recordRecognitionDecision, { args: [recognitionDecision(await now())] });
  }

  /** A product registered, its dossier accepted: its council is next. */
  async function accepted(productId: string, overrides: Partial<ProductApplicationInput> = {}): Promise<ProductHandle> {
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue,
      args: [{ input: hatDe(productId, overrides, await now()) }],
    });
    await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    return handle;
  }

  /** A product certified at 3 stars (district) or 4 stars (province), waiting for its first round. */
  async function certified(
    productId: string,
    stars: 3 | 4,
    overrides: Partial<ProductApplicationInput> = {},
  ): Promise<{ handle: ProductHandle; state: ProductState }> {
    const handle = await accepted(productId, overrides);
    if (stars === 3) await rate(handle, 'district', 62);
    else {
      await rate(handle, 'district', 75);
      await rate(handle, 'province', 78);
    }
    const state = await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect(state).toMatchObject({ stage: 'POST_INSPECTION', stars });
    return { handle, state };
  }

  async function inspect(handle: WorkflowHandle, result: RecordInspection['result']): Promise<ActionAnswer> {
    return handle.executeUpdate(messages.recordInspection, { args: [inspection(result, await now())] });
  }

  /** The coordinator records the issuing authority's decision on a proposed revocation, dated today. */
  async function decide(
    handle: WorkflowHandle,
    decision: Partial<Omit<RecordRevocationDecision, 'decision'>> & {
      decision?: Partial<RecordRevocationDecision['decision']>;
    },
  ): Promise<ActionAnswer> {
    const { decision: ref, ...rest } = decision;
    return handle.executeUpdate(messages.recordRevocationDecision, {
      args: [
        {
          actor: coordinator,
          outcome: 'revoke',
          ground: 'food-safety',
          ...rest,
          decision: { number: '45/QĐ-UBND', decidedOn: await iso(), authority: AUTHORITY, ...ref },
        },
      ],
    });
  }

  const certificateRow = (productId: string) =>
    stack.db
      .selectFrom('certificates')
      .select(['number', 'stars', 'level', 'status', 'valid_until'])
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow();

  /** The notifications of one template for a workflow: the key and the facts it carries. */
  const noticesOf = (workflowId: string, template: string) =>
    stack.db
      .selectFrom('notifications')
      .select(['idempotency_key', 'payload'])
      .where('template', '=', template)
      .where('idempotency_key', 'like', `${workflowId}/%`)
      .orderBy('id')
      .execute();

  return { now, iso, skipTo, accepted, rate, certified, inspect, decide, certificateRow, noticesOf };
}

const { EventType } = temporal.api.enums.v1;
const WORKFLOW_TASK: readonly (temporal.api.enums.v1.EventType | null | undefined)[] = [
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
];

/**
 * The history's events besides workflow tasks. The time-skipping server gives a
 * validator's refusal a workflow task of its own, which the real server does not
 * keep; any other event would mean the refused action left a trace.
 */
export async function eventsBesidesTasks(handle: WorkflowHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  return (events ?? [])
    .filter((e) => !WORKFLOW_TASK.includes(e.eventType))
    .map((e) => `${String(e.eventId)}:${EventType[e.eventType ?? 0]}`);
}

/** The yearly due dates of a certificate, as the workflow computes them from the decision date. */
export function roundsOf(state: Pick<ProductState, 'certificate'>): string[] {
  const decidedOn = new Date(state.certificate?.decidedOn ?? '');
  return [1, 2, 3].map((k) => addDuration(decidedOn, `P${12 * k}M`).toISOString());
}
