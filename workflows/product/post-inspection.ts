// Post-inspection (hậu kiểm): the certified product's years under inspection,
// until its certificate expires, is revoked or gives way to a newer one.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateTimeVN } from '../../domain/dates';
import { certificateTerms, inspectionDueDates } from '../../domain/deadlines';
import { audienceRole } from '../../domain/notifications';
import { subtractDuration } from '../../domain/duration';
import type { Deadline, ProductApplicationInput, ProductState } from '../../domain/product';
import type { Stars } from '../../domain/rules';
import { type Acted, type Application, SYSTEM } from './application';
import type { productApplication } from './workflow';

const { recordInspectionResult, setCertificateStatus, downgradeCertificate } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Post-inspection (hậu kiểm) falls due every interval until the certificate expires, is revoked or superseded. */
export async function inspectUntilExpiry(app: Application, input: ProductApplicationInput): Promise<ProductState> {
  const certificate = app.state.certificate;
  if (!certificate) throw new Error(`${app.input.productId} entered post-inspection without a certificate`);
  const terms = certificateTerms(app.ruleSet, app.input.durations);
  const validUntil = certificate.validUntil;

  // The expiry notice runs beside the inspections: it may fall while an inspection is awaited.
  const expiryNotice = CancellationScope.cancellable(() =>
    sendExpiryNotice(app, subtractDuration(new Date(validUntil), terms.expiryNoticeLead)),
  );
  expiryNotice.catch(() => undefined);

  const dueDates = inspectionDueDates(certificate.decidedOn, validUntil, terms.inspectionInterval);
  // After the last round only the expiry is awaited; an inspection may still come, unscheduled.
  const deadlineOf = (round: number): Deadline => {
    const dueAt = dueDates[round - 1];
    return dueAt ? { kind: 'inspection', dueAt } : { kind: 'certificate-expiry', dueAt: validUntil };
  };
  // A corrective-action re-check belongs to the round it corrects, so rounds count by number, not by record.
  let round = (app.state.inspections.at(-1)?.round ?? 0) + 1;
  if (app.stage !== 'POST_INSPECTION') {
    await app.move('POST_INSPECTION', SYSTEM, { deadline: deadlineOf(round), payload: { round } });
  }

  for (;;) {
    if (workflowInfo().continueAsNewSuggested && app.idle) {
      app.continuing = true;
      await condition(allHandlersFinished);
      return continueAsNew<typeof productApplication>({ input, carried: app.carried() });
    }
    const scheduled = round <= dueDates.length;
    if (!scheduled) {
      const inspected = await condition(
        () => app.supersededBy !== null || app.has('recordInspection'),
        Math.max(1, Date.parse(validUntil) - Date.now()),
        { summary: `certificate ${certificate.number} expires ${formatDateTimeVN(validUntil)}` },
      );
      if (!inspected || app.supersededBy) break;
    }
    const done = await inspect(app, round, deadlineOf(round).dueAt, validUntil, deadlineOf(round + 1));
    if (done === 'closed') return app.state;
    if (done === 'expired') break;
    round += 1;
  }

  if (app.supersededBy) {
    await app.close('SUPERSEDED', SYSTEM, { ...app.supersededBy });
    await endCertificateInStory(app, 'superseded');
  } else {
    await app.close('EXPIRED', SYSTEM, { validUntil });
    await endCertificateInStory(app, 'expired');
  }
  return app.state;
}

/**
 * One round of post-inspection, with its corrective-action re-checks. Each
 * finding is a transition of its own, by the inspector; a pass opens `next`.
 */
async function inspect(app: Application, round: number, dueAt: string, validUntil: string, next: Deadline) {
  for (;;) {
    const inspection = await app.expect('recordInspection', { onDeadline: 'escalate-and-wait', until: validUntil });
    if (!inspection) {
      if (app.supersededBy) {
        await endCertificateInStory(app, 'superseded');
        return 'closed' as const;
      }
      return 'expired' as const;
    }
    const { result, inspectedAt, actor } = inspection.payload;
    app.state.inspections.push({
      round,
      dueAt,
      inspectedAt,
      outcome: result.outcome,
      detail: 'grounds' in result ? result.grounds : 'findings' in result ? result.findings : undefined,
    });
    await recordInspectionResult.executeWithOptions({ summary: `inspection round ${round}: ${result.outcome}` }, [
      {
        productId: app.input.productId,
        seq: app.state.inspections.length,
        round,
        dueAt,
        inspectedAt,
        outcome: result.outcome,
        details: { ...result, actor, round },
      },
    ]);
    switch (result.outcome) {
      case 'pass':
        await app.move('POST_INSPECTION', inspection, { deadline: next, payload: { round } });
        return 'passed' as const;
      case 'corrective-action':
        await app.move('POST_INSPECTION', inspection, {
          deadline: { kind: 'corrective-action', dueAt: result.dueAt },
          payload: { round },
        });
        continue;
      case 'downgrade': {
        if (result.toStars < 3) {
          await revoke(app, inspection, `downgraded to ${result.toStars} stars: ${result.grounds}`);
          return 'closed' as const;
        }
        const fromStars = app.state.stars;
        await downgrade(app, result.toStars as Stars);
        await app.move('POST_INSPECTION', inspection, { deadline: next, payload: { round, fromStars } });
        return 'passed' as const;
      }
      case 'revoke':
        await revoke(app, inspection, result.grounds);
        return 'closed' as const;
    }
  }
}

/** The certificate keeps its number and its term; only the rating falls. */
async function downgrade(app: Application, stars: Stars): Promise<void> {
  const certificate = app.state.certificate;
  if (!certificate) throw new Error(`${app.input.productId} has no certificate to downgrade`);
  await downgradeCertificate.executeWithOptions(
    { summary: `certificate ${certificate.number}: down to ${stars} stars` },
    [
      {
        number: certificate.number,
        province: app.input.province,
        year: app.input.year,
        stars,
      },
    ],
  );
  app.state.certificate = { ...certificate, stars };
  app.state.stars = stars;
}

async function revoke(app: Application, inspection: Acted<'recordInspection'>, grounds: string): Promise<void> {
  await endCertificateInStory(app, 'revoked');
  await app.close('REVOKED', inspection.payload.actor, { ...inspection.payload, grounds });
  app.answer(inspection);
}

/** Replays histories recorded before closing the application ended its certificate (see Application.close). */
async function endCertificateInStory(app: Application, status: 'expired' | 'superseded' | 'revoked'): Promise<void> {
  const number = app.state.certificate?.number;
  if (!number || app.closeEndsCertificate()) return;
  await setCertificateStatus.executeWithOptions({ summary: `certificate ${number}: ${status}` }, [
    { number, province: app.input.province, year: app.input.year, status },
  ]);
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
