// What a Temporal Schedule starts every year: it turns the province's
// template into this year's calendar and starts the cycle under its own id
// (`ocop-cycle-CB-2024`, or `ocop-cycle-CB-2024-D2` for a second round),
// which a Schedule's own workflow ids could not be.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { cycleFromTemplate, type CycleTemplate, ruleSetInForce } from '../../domain/cycle';
import { cycleIdOf, cycleWorkflowId } from '../../domain/ids';
import { annualCycle } from './workflow';

export async function scheduledCycle(template: CycleTemplate): Promise<{ cycleId: string; started: boolean }> {
  const input = cycleFromTemplate(template, new Date());
  const id = cycleIdOf(input);
  const ruleSetId = input.ruleSetId ?? ruleSetInForce(input.calendar);
  try {
    await startChild(annualCycle, {
      workflowId: cycleWorkflowId(id),
      // Named in the input: a rule set added or redated later must not change a running cycle's on replay.
      args: [{ ...input, ruleSetId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      // A cycle that ran and ended this year is not run again: its serials would start over.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: `OCOP ${id} · ${ruleSetId} (scheduled)`,
    });
    return { cycleId: id, started: true };
  } catch (error) {
    // A coordinator may have started this year's cycle by hand already.
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { cycleId: id, started: false };
    throw error;
  }
}
