// What a Temporal Schedule starts every year: it turns the province's
// template into this year's calendar and starts the cycle under its own id
// (`ocop-cycle-CB-2024`), which a Schedule's own workflow ids could not be.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { cycleFromTemplate, type CycleTemplate } from '../../domain/cycle';
import { cycleId, cycleWorkflowId } from '../../domain/ids';
import { annualCycle } from './workflow';

export async function scheduledCycle(template: CycleTemplate): Promise<{ cycleId: string; started: boolean }> {
  const input = cycleFromTemplate(template, new Date());
  const id = cycleId(input.province, input.year);
  try {
    await startChild(annualCycle, {
      workflowId: cycleWorkflowId(id),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `OCOP ${input.province} ${input.year} · ${input.ruleSetId} (scheduled)`,
    });
    return { cycleId: id, started: true };
  } catch (error) {
    // A coordinator may have started this year's cycle by hand already.
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { cycleId: id, started: false };
    throw error;
  }
}
