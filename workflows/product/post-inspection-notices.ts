// What post-inspection tells people besides its deadlines: the certificate's
// coming expiry, a referral to re-evaluation, and a revocation decided.
import { CancellationScope, sleep } from '@temporalio/workflow';
import type { NotifyRequest } from '../../activities/notify';
import { formatDateTimeVN } from '../../domain/dates';
import { audienceRole, CONCLUSION_AUDIENCE, type NotificationTemplate } from '../../domain/notifications';
import type { RecordRevocationDecision } from '../../domain/recognition';
import type { Application } from './application';

export interface ExpiryNotice {
  /**
   * A notice decided is a notice sent: one whose time has come when the story
   * ends is waited for, not dropped with the run (issue 13). `waits` says
   * whether this run may wait: histories that ended with it pending replay so.
   */
  beforeTheEnd(waits: () => boolean): Promise<void>;
}

/** The notice a lead before expiry (at least 30 days), beside the inspections: it may fall while one is awaited. */
export function startExpiryNotice(app: Application, at: Date): ExpiryNotice {
  const sending = CancellationScope.cancellable(() => sendExpiryNotice(app, at)).catch(() => undefined);
  return {
    async beforeTheEnd(waits) {
      if (app.expiryNoticeSent || Date.now() < at.getTime() || !waits()) return;
      await sending;
    },
  };
}

async function sendExpiryNotice(app: Application, at: Date): Promise<void> {
  if (app.expiryNoticeSent) return;
  const certificate = app.state.certificate;
  if (!certificate) return;
  await sleep(Math.max(1, at.getTime() - Date.now()), {
    summary: `expiry notice: certificate ${certificate.number} expires ${formatDateTimeVN(certificate.validUntil)}`,
  });
  // Not marked sent when it failed: the next run tries again.
  const sent = await app.sendNotice(
    {
      key: `${app.workflowId}/certificate-expiry/${certificate.validUntil}/notice`,
      template: 'certificate-expiry',
      productId: app.input.productId,
      province: app.input.province,
      deadlineKind: 'certificate-expiry',
      level: certificate.level,
      data: {
        productName: app.input.product.name,
        subjectName: app.input.subject.name,
        stage: app.stage,
        dueAt: certificate.validUntil,
        certificateNo: certificate.number,
      },
      audience: app.policy['certificate-expiry'].recipients.map((who) => ({ role: audienceRole(who) })),
      subjectEmail: app.input.subject.email,
    },
    `expiry notice: certificate ${certificate.number}`,
  );
  app.expiryNoticeSent = sent;
}

/** A conclusion of post-inspection that no deadline's policy covers, to the audience it concerns. */
function conclusionNotice(
  app: Application,
  template: NotificationTemplate,
  key: string,
  data: Record<string, unknown>,
): NotifyRequest {
  const certificate = app.state.certificate;
  return {
    key: `${app.workflowId}/${template}/${key}/notice`,
    template,
    productId: app.input.productId,
    province: app.input.province,
    deadlineKind: null,
    level: certificate?.level ?? app.state.level,
    data: {
      productName: app.input.product.name,
      subjectName: app.input.subject.name,
      stage: app.stage,
      certificateNo: certificate?.number,
      ...data,
    },
    audience: (CONCLUSION_AUDIENCE[template] ?? ['coordinator']).map((who) => ({ role: audienceRole(who) })),
    subjectEmail: app.input.subject.email,
  };
}

/** The subject learns it is referred to re-evaluation, and that its certificate stands meanwhile. */
export async function noticeOfReferral(app: Application, seq: number, findings: string): Promise<void> {
  const request = conclusionNotice(app, 'reevaluation-referral', `inspection-${seq}`, { findings });
  await app.sendNotice(request, `referral to re-evaluation: ${app.input.productId}`);
}

/** The revocation is announced: to the subject, and to the province's office and inspection teams. */
export async function announceRevocation(
  app: Application,
  number: string,
  decided: RecordRevocationDecision,
  findings: string | undefined,
): Promise<void> {
  const { decision, ground, note } = decided;
  const request = conclusionNotice(app, 'certificate-revoked', number, {
    certificateNo: number,
    decisionNo: decision.number,
    decidedOn: decision.decidedOn,
    authority: decision.authority,
    ground,
    ...(note ? { note } : {}),
    ...(findings ? { findings } : {}),
  });
  await app.sendNotice(request, `revocation announced: certificate ${number}`);
}
