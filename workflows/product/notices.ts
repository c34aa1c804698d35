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

const { notify } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * How long a notice is retried before the story goes on without it. A channel
 * that stays down must not hold up a product's deadlines and actions; an
 * operator sends the failed delivery later with `ocop notifications retry`.
 */
const NOTICE_RETRIED_FOR = '10 minutes';

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
  try {
    await notify.executeWithOptions(
      { startToCloseTimeout: '1 minute', scheduleToCloseTimeout: NOTICE_RETRIED_FOR, summary },
      [request],
    );
    return true;
  } catch (error) {
    if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
    log.warn('notice not delivered in time; the application goes on without it', {
      key: request.key,
      cause: error.cause?.message,
    });
    return false;
  }
}
