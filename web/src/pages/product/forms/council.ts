// What a council's result must satisfy before it is sent. The API checks the body's shape (ACTION_BODIES); the workflow
// then checks the sheets against the cycle's rule set (domain/scoring validateCouncilSheets with the council's own
// rules: the members appointed, the quorum with the chair's sheet, each part within its maximum, the bonus within its
// cap). The form runs that same check, so a secretary sees each problem beside its field rather than as a refusal.
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap } from '../../../api/client';
import { councilVerdict, type CouncilVerdict } from '../../../../../domain/council';
import { getRuleSet, mandatoryCap, RuleSetId, type RuleSet, type Stars } from '../../../../../domain/rules';
import { scoreCouncil, validateCouncilSheets, type CouncilScore } from '../../../../../domain/scoring';
import { ACTION_BODIES } from '../../../../../domain/product';

/** `sheets[0].parts.A` as the path zod and react-hook-form use: sheets, 0, parts, A. */
function pathOf(dotted: string): (string | number)[] {
  return dotted
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** In the form each failure names its star (the body also takes a bare id, recorded before stars were named). */
const MandatoryFailure = z.object({
  criterion: z.string().trim().min(1, 'must not be empty').max(64),
  forStars: z.literal([3, 4, 5]),
});

export function councilSchema(ruleSet: RuleSet, scoring: boolean) {
  return ACTION_BODIES.recordCouncilResult
    .extend({ mandatoryFailed: z.array(MandatoryFailure).max(100, 'must list at most 100 criteria').default([]) })
    .superRefine((result, ctx) => {
      if (!scoring) return;
      for (const issue of validateCouncilSheets(ruleSet, result, { requireCouncil: true })) {
        ctx.addIssue({ code: 'custom', path: pathOf(issue.path), message: issue.message });
      }
    });
}

export type CouncilInput = z.input<ReturnType<typeof councilSchema>>;

export interface CouncilPreview {
  score: CouncilScore;
  verdict: CouncilVerdict;
  /** The band's stars, lowered to the highest star whose mandatory criteria are all met; null: not ranked. */
  rating: Stars | null;
}

/** What the sheets would give, while they are still being typed; undefined until they are complete and valid. */
export function previewCouncil(ruleSet: RuleSet, input: CouncilInput): CouncilPreview | undefined {
  const parsed = councilSchema(ruleSet, true).safeParse(input);
  if (!parsed.success) return undefined;
  const score = scoreCouncil(ruleSet, parsed.data);
  const cap = mandatoryCap(parsed.data.mandatoryFailed);
  return {
    score,
    verdict: councilVerdict(ruleSet, score, parsed.data.round ?? 1),
    rating: cap === null ? null : score.stars <= cap ? score.stars : cap,
  };
}

/** The cycle's rule set, which names the parts, their maxima, the council's rules and whether a level scores. */
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
