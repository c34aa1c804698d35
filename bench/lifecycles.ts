// What the bench drives: OCOP product applications through the client library,
// as the province's users would, and the bare lifecycle through the plain
// Temporal client. Both take the same actions in the same order.
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { OcopError } from '../client/errors';
import type { OcopClient } from '../client/ocop-client';
import { durationToMs } from '../domain/duration';
import { productId } from '../domain/ids';
import type { ProductApplicationInput } from '../domain/product';
import type { Actor, ProductGroup, SubjectType } from '../domain/schemas';
import { act, type BareCalendar, bareLifecycle } from './baseline/workflows';
import type { Action, Lifecycle } from './driver';

/**
 * The compressed calendar of a full lifecycle: inspections fall due 15 s and
 * 30 s after certification, the expiry notice goes at 35 s, the certificate
 * expires at 40 s. Long enough that a loaded driver still inspects on time.
 */
export const CALENDAR = { certificateValidity: 'PT40S', postInspectionInterval: 'PT15S', expiryNoticeLead: 'PT5S' };

export const BARE_CALENDAR: BareCalendar = {
  certificateValidityMs: durationToMs(CALENDAR.certificateValidity),
  postInspectionIntervalMs: durationToMs(CALENDAR.postInspectionInterval),
  expiryNoticeLeadMs: durationToMs(CALENDAR.expiryNoticeLead),
};

const INSPECTION_ROUNDS = Math.floor(BARE_CALENDAR.certificateValidityMs / BARE_CALENDAR.postInspectionIntervalMs);

/** Synthetic cycles are in the year 2099, so a bench run on a shared server is never mistaken for a real cycle. */
export const YEAR = 2099;

const GROUPS: ProductGroup[] = ['food', 'beverage', 'herbal', 'handicraft', 'ornamental', 'tourism'];
const SUBJECT_TYPES: SubjectType[] = ['cooperative', 'enterprise', 'household', 'cooperative_group'];
const DOSSIER = ['Phiếu đăng ký', 'Báo cáo tự đánh giá', 'Công bố chất lượng', 'Nhãn và bao bì'];
const coordinator: Actor = { id: 'vp-ocop', role: 'coordinator' };
const districtOfficer: Actor = { id: 'phong-nn-huyen', role: 'officer', level: 'district' };
const districtSecretary: Actor = { id: 'thu-ky-hoi-dong-huyen', role: 'council_secretary', level: 'district' };
const inspector: Actor = { id: 'doan-hau-kiem', role: 'inspector' };
/** 62 points from each of three members: 3 stars at the district, below its threshold to forward. */
const THREE_STARS = { A: 25, B: 15, C: 22 };

export function cycleOf(province: string): string {
  return `${province}-${YEAR}`;
}

/**
 * Product applications of `province`. A full lifecycle runs on the compressed
 * calendar through both inspections to expiry; a parked one stops after
 * certification and keeps the rule set's real terms (36 months, yearly
 * inspections, reminders), as a province's certified products wait.
 */
export function engineLifecycle(ocop: OcopClient, province: string, kind: 'full' | 'parked'): Lifecycle {
  const id = (i: number) => productId(cycleOf(province), i);
  const subjectId = (i: number) => `${province.toLowerCase()}-chu-the-${i}`;
  const input = (i: number): ProductApplicationInput => ({
    productId: id(i),
    cycleId: cycleOf(province),
    province,
    year: YEAR,
    ruleSetId: 'OCOP_148_2023',
    product: { name: `Sản phẩm ${i}`, group: GROUPS[i % GROUPS.length]! },
    subject: {
      id: subjectId(i),
      name: `Chủ thể ${i}`,
      type: SUBJECT_TYPES[i % SUBJECT_TYPES.length]!,
      email: `chu-the-${i}@example.vn`,
    },
    registeredBy: coordinator,
    deadlines: { dossier: new Date(Date.now() + 30 * 86_400_000).toISOString(), evaluation: {} },
    durations: kind === 'full' ? { ...CALENDAR, reminderOffsets: [] } : {},
  });
  const inspection: Action = {
    name: 'recordInspection',
    send: (i) =>
      ocop.act(id(i), 'recordInspection', {
        actor: inspector,
        inspectedAt: new Date(Date.now() - 1000).toISOString(),
        result: { outcome: 'pass' },
      }),
  };
  const apply: Action[] = [
    {
      name: 'submitDossier',
      send: (i) =>
        ocop.act(id(i), 'submitDossier', { actor: { id: subjectId(i), role: 'producer' }, documents: DOSSIER }),
    },
    {
      name: 'reviewDossier',
      send: (i) => ocop.act(id(i), 'reviewDossier', { actor: districtOfficer, decision: { outcome: 'accept' } }),
    },
    {
      name: 'recordCouncilResult',
      send: (i) =>
        ocop.act(id(i), 'recordCouncilResult', {
          actor: districtSecretary,
          level: 'district',
          meetingDate: new Date(Date.now() - 60_000).toISOString(),
          councilSize: 3,
          sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId, m) => ({ memberId, parts: THREE_STARS, chair: m === 0 })),
        }),
    },
    {
      // The rules as written: the certificate follows the district's recognition decision.
      name: 'recordRecognitionDecision',
      send: (i) =>
        ocop.act(id(i), 'recordRecognitionDecision', {
          actor: coordinator,
          decision: {
            number: `${i}/QĐ-UBND`,
            decidedOn: new Date(Date.now() - 1000).toISOString(),
            authority: 'UBND huyện',
          },
        }),
    },
  ];
  return {
    start: (i) => ocop.startProductApplication(input(i)),
    actions: kind === 'full' ? [...apply, ...Array<Action>(INSPECTION_ROUNDS).fill(inspection)] : apply,
    // The first inspection may reach the certified run before it continues as new into post-inspection.
    notYet: (error) => error instanceof OcopError && error.kind === 'WrongStage',
  };
}

export function bareWorkflowId(province: string, i: number): string {
  return `bench-bare-${cycleOf(province)}-${i}`;
}

/** The bare lifecycle with the same actions, by name, in the same order as a full product lifecycle. */
export function bareLifecycleOf(client: Client, taskQueue: string, province: string): Lifecycle {
  const names = [
    'submitDossier',
    'reviewDossier',
    'recordCouncilResult',
    'recordRecognitionDecision',
    ...Array<string>(INSPECTION_ROUNDS).fill('recordInspection'),
  ];
  return {
    start: (i) =>
      client.workflow.start(bareLifecycle, {
        workflowId: bareWorkflowId(province, i),
        taskQueue,
        args: [{ calendar: BARE_CALENDAR }],
      }),
    actions: names.map((name) => ({
      name,
      send: (i) => client.workflow.getHandle(bareWorkflowId(province, i)).executeUpdate(act, { args: [name] }),
    })),
    notYet: (error) =>
      (error instanceof WorkflowUpdateFailedError &&
        error.cause instanceof ApplicationFailure &&
        error.cause.type === 'WrongStage') ||
      (error instanceof WorkflowNotFoundError && /already completed/i.test(error.message)),
  };
}
