// What a council's result must satisfy before it is sent. The API checks the body's shape (ACTION_BODIES); the workflow
// then checks the sheets against the cycle's rule set (domain/scoring validateCouncilSheets: enough members, one
// sheet each, every part scored within its maximum, the bonus within its cap). The form runs that same check, so a
// secretary sees each problem beside its field rather than as a refusal.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { getRuleSet, RuleSetId, type RuleSet } from '../../../../../domain/rules';
import { scoreCouncil, validateCouncilSheets, type CouncilScore } from '../../../../../domain/scoring';
import { ACTION_BODIES } from '../../../../../domain/product';

/** `sheets[0].parts.A` as the path zod and react-hook-form use: sheets, 0, parts, A. */
function pathOf(dotted: string): (string | number)[] {
  return dotted
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export function councilSchema(ruleSet: RuleSet, scoring: boolean) {
  return ACTION_BODIES.recordCouncilResult.superRefine((result, ctx) => {
    if (!scoring) return;
    for (const issue of validateCouncilSheets(ruleSet, result)) {
      ctx.addIssue({ code: 'custom', path: pathOf(issue.path), message: issue.message });
    }
  });
}

/** The score the sheets would give, while they are still being typed; undefined until they are complete and valid. */
export function previewScore(
  ruleSet: RuleSet,
  sheets: { memberId: string; parts: Record<string, number> }[],
  bonus: number,
): CouncilScore | undefined {
  const input = { sheets, bonus: Number.isFinite(bonus) ? bonus : 0 };
  return validateCouncilSheets(ruleSet, input).length === 0 ? scoreCouncil(ruleSet, input) : undefined;
}

/** The cycle's rule set, which names the parts, their maxima and whether a level scores or assesses. */
export function useRuleSet(cycleId: string) {
  return useQuery({
    queryKey: ['cycle', cycleId],
    queryFn: () => unwrap(api.GET('/v1/cycles/{cycleId}', { params: { path: { cycleId } } })),
    select: (cycle): RuleSet | null => {
      const id = RuleSetId.safeParse(cycle.ruleSetId);
      return id.success ? getRuleSet(id.data) : null;
    },
  });
}
