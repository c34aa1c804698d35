// A province's OCOP year: registration opens and closes, dossiers fall due,
// councils sit level by level, and at the end the report against the plan's
// targets goes to the coordinators. Each product runs in its own workflow;
// the cycle holds counts and dates, never a list of its products.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { type CycleInput, CycleInput as CycleInputSchema, phaseAt, resolveCycle } from '../../domain/cycle';
import { formatDateTimeVN } from '../../domain/dates';
import type { CycleReport } from '../../domain/report';
import { waitUntilDeadline } from '../deadline';
import { NOTICE_DELIVERY, unlessGivenUp } from '../product/notices';
import { AnnualCycle, type CycleHandover } from './annual-cycle';

// The final report is written, not only sent: it is retried until it is.
const { writeFinalReport } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** The cohort's notices give up as a product's do, so mail that is down does not stall the phases. */
const { noticeRegistrationClosing, sendLapsedDigest } = proxyActivities<Activities>({
  ...NOTICE_DELIVERY,
  startToCloseTimeout: '5 minutes',
});

export async function annualCycle(raw: CycleInput, handover?: CycleHandover): Promise<CycleReport> {
  // Inputs recorded before the rule set followed the date all name theirs, so resolving it changes no history.
  const cycle = new AnnualCycle(resolveCycle(CycleInputSchema.parse(raw)), handover);
  cycle.listen();

  for (;;) {
    const { phase, endsAt } = phaseAt(cycle.calendar, Date.now());
    if (phase !== cycle.phase || !handover) await cycle.enter(phase);
    handover = undefined;
    if (!endsAt) break;
    // The phase ends at a calendar date that a coordinator may move while we wait.
    const phaseEnd = () => phaseAt(cycle.calendar, Date.now()).endsAt ?? endsAt;
    await waitUntilDeadline({
      label: `phase ${phase}`,
      dueAt: phaseEnd,
      settled: () => phaseAt(cycle.calendar, Date.now()).phase !== phase,
      reminderOffsets: phase === 'REGISTRATION' ? cycle.input.notices.registrationCloses : [],
      remind: async (offset, closesAt) => {
        await unlessGivenUp(`${cycle.workflowId}/registration-closing/${closesAt}/${offset}`, () =>
          noticeRegistrationClosing.executeWithOptions(
            { summary: `notice: registration closes ${formatDateTimeVN(closesAt)} (${offset} before)` },
            [
              {
                cycleWorkflowId: cycle.workflowId,
                cycleId: cycle.cycleId,
                province: cycle.input.province,
                closesAt,
                dossierDueAt: cycle.calendar.dossierDeadline,
                offset,
              },
            ],
          ),
        );
      },
    });
    await digestLapses(cycle);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof annualCycle>(raw, cycle.handover());
    }
  }

  await digestLapses(cycle);
  await condition(allHandlersFinished);
  return writeFinalReport.executeWithOptions({ summary: `final report of ${cycle.cycleId}` }, [
    {
      cycleWorkflowId: cycle.workflowId,
      cycleId: cycle.cycleId,
      cycle: { ...cycle.input, calendar: cycle.calendar },
      at: new Date().toISOString(),
    },
  ]);
}

/** At each phase change the coordinators hear which applications lapsed since the last one. */
async function digestLapses(cycle: AnnualCycle): Promise<void> {
  const to = new Date().toISOString();
  await unlessGivenUp(`${cycle.workflowId}/lapsed-digest/${to}`, () =>
    sendLapsedDigest.executeWithOptions({ summary: `digest of lapses since ${formatDateTimeVN(cycle.lastDigestAt)}` }, [
      {
        cycleWorkflowId: cycle.workflowId,
        cycleId: cycle.cycleId,
        province: cycle.input.province,
        from: cycle.lastDigestAt,
        to,
      },
    ]),
  );
  cycle.lastDigestAt = to;
}
