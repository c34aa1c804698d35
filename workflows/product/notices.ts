// The notices an application sends: deadline reminders and escalations to the
// policy's audience, through the outbox.
import { ActivityFailure, isCancellation, log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { NotifyRequest } from '../../activities/notify';
import { formatDateTimeVN } from '../../domain/dates';
import { audienceFor, audienceRole, type NotificationPolicy } from '../../domain/notifications';
import type * as P from '../../domain/product';
import type { LevelId, Stage } from '../../domain/schemas';
import { type Patches, PER_KIND_REMINDERS } from '../patches';

/**
 * How a notice is retried before the story goes on without it: a channel that
 * stays down must not hold up a workflow's deadlines and actions, and an
 * operator sends the failed delivery later with `ocop notifications retry`.
 * Attempts bound it (about 9 minutes of them), not a span of time: a notice
 * whose task no worker has started (workers down, killed, or waiting for the
 * database) spends no attempt, and is sent when one comes back. A
 * schedule-to-close timeout dropped such notices unsent (issue 13).
 */
export const NOTICE_DELIVERY = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 15 },
} as const;

const { notify } = proxyActivities<Activities>(NOTICE_DELIVERY);

/** What the notices read of the application. */
export interface Notifying {
  readonly workflowId: string;
  readonly input: P.ProductApplication;
  readonly state: P.ProductState;
  readonly stage: Stage;
  readonly policy: NotificationPolicy;
  readonly dossierLevel: LevelId;
  readonly patches: Patches;
}

/** Before PER_KIND_REMINDERS every deadline's reminders came from one list; histories recorded then replay with it. */
const LEGACY_REMINDER_OFFSETS = ['P7D', 'P1D'];

/** When the reminders before a deadline of `kind` go out: the cycle's one list, or the policy's for the kind. */
export function reminderOffsets(app: Notifying, kind: P.DeadlineKind): readonly string[] {
  const { reminderOffsets: offsets } = app.input.durations;
  if (!app.patches.has(PER_KIND_REMINDERS)) return offsets ?? LEGACY_REMINDER_OFFSETS;
  return offsets ?? app.policy[kind].offsets;
}

/** A reminder before the deadline in force, or the escalation once it passed, to the policy's audience. */
export async function notifyDeadline(
  app: Notifying,
  event: 'reminder' | 'escalation',
  dueAt: string,
  offset?: string,
): Promise<void> {
  const { request, summary } = deadlineNotice(app, event, dueAt, offset);
  await sendNotice(request, summary);
}

/** The notice of a reminder before the deadline in force, or of the escalation once it passed. */
export function deadlineNotice(
  app: Notifying,
  event: 'reminder' | 'escalation',
  dueAt: string,
  offset?: string,
): { request: NotifyRequest; summary: string } {
  const deadline = app.state.deadline;
  const kind = deadline?.kind ?? 'dossier';
  const level = deadline?.level ?? app.state.level;
  const template =
    event === 'escalation' ? 'deadline-escalation' : kind === 'inspection' ? 'inspection-due' : 'deadline-reminder';
  const audience = audienceFor(kind, event, app.policy).map((who) => ({
    role: audienceRole(who),
    // The officers who review the dossier belong to its level; councils to the level they score.
    level: who === 'officer' ? app.dossierLevel : who === 'council_secretary' ? (level ?? undefined) : undefined,
  }));
  return {
    request: {
      key: `${app.workflowId}/${app.stage}/${dueAt}/${offset ?? 'escalation'}`,
      template,
      productId: app.input.productId,
      province: app.input.province,
      deadlineKind: kind,
      level,
      audience,
      data: {
        productName: app.input.product.name,
        subjectName: app.input.subject.name,
        stage: app.stage,
        dueAt,
        ...(offset ? { offset } : {}),
      },
      subjectEmail: app.input.subject.email,
    },
    summary: `${event}: ${kind} due ${formatDateTimeVN(dueAt)}${offset ? ` (${offset} before)` : ''}`,
  };
}

/**
 * Sends a notice through the outbox, and says whether it went out. One that
 * cannot be delivered in time is not waited for: its delivery stays in the
 * outbox as failed (or, when even the outbox could not be written, only in
 * the worker's log).
 */
export async function sendNotice(request: NotifyRequest, summary: string): Promise<boolean> {
  const sent = await unlessGivenUp(request.key, () => notify.executeWithOptions({ summary }, [request]));
  return sent !== undefined;
}

/**
 * Runs a notice's activity (proxied with NOTICE_DELIVERY) and answers what it
 * returned, or undefined once its attempts ran out: the workflow goes on, the
 * delivery waiting in the outbox as failed. A cancellation still cancels.
 */
export async function unlessGivenUp<T>(key: string, send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
    log.warn('notice not delivered; the workflow goes on without it', { key, cause: error.cause?.message });
    return undefined;
  }
}
