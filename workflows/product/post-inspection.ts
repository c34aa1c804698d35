// Post-inspection (hậu kiểm): the certified product's years under inspection,
// until its certificate expires, is revoked or gives way to a newer one.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatDateTimeVN } from '../../domain/dates';
import { certificateTerms, inspectionDueDates } from '../../domain/deadlines';
import { subtractDuration } from '../../domain/duration';
import type { Certificate, Deadline, ProductApplicationInput } from '../../domain/product';
import { certifiedStarsMinimum, type Stars } from '../../domain/rules';
import { type AcceptedAction, type Application, SYSTEM } from './application';
import { announceRevocation, noticeOfReferral, startExpiryNotice } from './post-inspection-notices';
import type { productApplication } from './workflow';

const { recordInspectionResult, setCertificateStatus, downgradeCertificate } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Post-inspection (hậu kiểm) falls due every interval until the certificate expires, is revoked or superseded. */
export async function inspectUntilExpiry(app: Application, input: ProductApplicationInput): Promise<void> {
  const certificate = app.state.certificate;
  if (!certificate) throw new Error(`${app.input.productId} entered post-inspection without a certificate`);
  const terms = certificateTerms(app.ruleSet, app.input.durations);
  const expiryNotice = startExpiryNotice(
    app,
    subtractDuration(new Date(certificate.validUntil), terms.expiryNoticeLead),
  );
  await inspectRounds(app, input, certificate, terms.inspectionInterval);
  // Histories recorded before the rules as written ended without waiting: they replay so.
  await expiryNotice.beforeTheEnd(() => app.asWritten);
}

/** The rounds, each with its re-checks, until the certificate ends; or the run continues as new. */
async function inspectRounds(
  app: Application,
  input: ProductApplicationInput,
  certificate: Certificate,
  interval: string,
): Promise<void> {
  const validUntil = certificate.validUntil;
  const dueDates = inspectionDueDates(certificate.decidedOn, validUntil, interval);
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
      return continueAsNew<typeof productApplication>({ input, carried: app.handover() });
    }
    const scheduled = round <= dueDates.length;
    if (!scheduled) {
      const inspected = await condition(
        () => app.givingWay || app.has('recordInspection'),
        Math.max(1, Date.parse(validUntil) - Date.now()),
        { summary: `certificate ${certificate.number} expires ${formatDateTimeVN(validUntil)}` },
      );
      if (!inspected || app.supersededBy) break;
      if (!app.has('recordInspection')) {
        // A failed re-evaluation ends the certificate it would have renewed (see previous.ts).
        await app.closeGivingWay();
        return;
      }
    }
    const done = await inspect(app, round, deadlineOf(round).dueAt, validUntil, deadlineOf(round + 1));
    if (done === 'closed') return;
    if (done === 'ended') break;
    round += 1;
  }

  if (app.closed) return;
  if (app.supersededBy) {
    await app.close('SUPERSEDED', SYSTEM, { ...app.supersededBy });
    await endCertificateInStory(app, 'superseded');
  } else {
    await app.close('EXPIRED', SYSTEM, { validUntil });
    await endCertificateInStory(app, 'expired');
  }
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
      // A failed re-evaluation closed the application as the wait ended (Application.closeGivingWay).
      return app.closed ? ('closed' as const) : ('ended' as const);
    }
    const { result } = inspection.payload;
    await recordFinding(app, inspection, round, dueAt);
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
      case 're-evaluation':
        // The certificate stands until a re-evaluation re-rates the product; the rounds go on meanwhile.
        await app.move('POST_INSPECTION', inspection, {
          deadline: next,
          payload: { round, referral: 're-evaluation' },
        });
        await noticeOfReferral(app, app.state.inspections.length, result.findings);
        return 'passed' as const;
      case 'revocation-proposed': {
        // Đề nghị thu hồi: the mark may still be used until the issuing authority decides.
        await app.move('REVOCATION_PROPOSED', inspection, { deadline: null, payload: { round } });
        return awaitRevocationDecision(app, round, validUntil, next, result.findings);
      }
      // Recorded only before inspectors stopped changing ratings (the validator refuses both now): kept to replay.
      case 'downgrade': {
        if (result.toStars < certifiedStarsMinimum(app.ruleSet)) {
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

/** The finding in the application's record of inspections, and in the inspections table. */
async function recordFinding(
  app: Application,
  inspection: AcceptedAction<'recordInspection'>,
  round: number,
  dueAt: string,
) {
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
}

/**
 * The issuing authority decides on the proposal: it revokes, or it declines
 * and post-inspection goes on under `onDecline`. Until then the certificate is
 * active; if it expires or a newer one supersedes it meanwhile, that ends the wait.
 */
async function awaitRevocationDecision(
  app: Application,
  round: number,
  validUntil: string,
  onDecline: Deadline,
  findings: string,
) {
  const number = app.state.certificate?.number ?? '';
  const decided = () => app.has('recordRevocationDecision');
  await condition(() => decided() || app.givingWay, Math.max(1, Date.parse(validUntil) - Date.now()), {
    summary: `revocation proposed: certificate ${number} awaits the authority's decision, expires ${formatDateTimeVN(validUntil)}`,
  });
  if (!decided()) {
    if (app.supersededBy || !app.givingWay) return 'ended' as const;
    // A re-evaluation failed meanwhile: that ends the certificate without the authority's decision.
    await app.closeGivingWay();
    return 'closed' as const;
  }
  const decision = await app.expect('recordRevocationDecision');
  if (!decision) return 'ended' as const;
  const { payload } = decision;
  if (payload.outcome === 'decline') {
    await app.move('POST_INSPECTION', decision, { deadline: onDecline, payload: { round } });
    return 'passed' as const;
  }
  await endCertificateInStory(app, 'revoked');
  await app.close('REVOKED', decision, { ...payload, round, proposal: findings });
  await announceRevocation(app, number, payload, findings);
  return 'closed' as const;
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

async function revoke(
  app: Application,
  inspection: AcceptedAction<'recordInspection'>,
  grounds: string,
): Promise<void> {
  await endCertificateInStory(app, 'revoked');
  await app.close('REVOKED', inspection, { ...inspection.payload, grounds });
}

/** Replays histories recorded before closing the application ended its certificate (see Application.close). */
async function endCertificateInStory(app: Application, status: 'expired' | 'superseded' | 'revoked'): Promise<void> {
  const number = app.state.certificate?.number;
  if (!number || app.closeEndsCertificate()) return;
  await setCertificateStatus.executeWithOptions({ summary: `certificate ${number}: ${status}` }, [
    { number, province: app.input.province, year: app.input.year, status },
  ]);
}
