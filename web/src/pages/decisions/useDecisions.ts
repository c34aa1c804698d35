// What the cycle's decisions section reads: the products awaiting a recognition decision (the read model's stage
// AWAITING_DECISION, at most a page of 200: a decision names at most 500, and a province's round a few dozen), and
// the decisions recorded for the cycle, newest first, as they are announced.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type AwaitingProduct = components['schemas']['ProductListItem'];
export type DecisionOutcome = components['schemas']['RecognitionDecisionAnswer'];
export type DecisionSummary = components['schemas']['RecognitionDecisionSummary'];

const AWAITING_PAGE = 200;

export function useAwaiting(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['products', 'awaiting-decision', cycleId],
    queryFn: () =>
      unwrap(
        api.GET('/v1/products', {
          params: { query: { cycle: cycleId, stage: 'AWAITING_DECISION', limit: AWAITING_PAGE, sort: 'name' } },
        }),
      ),
    select: (page) => page.items,
    enabled,
  });
}

export function useCycleDecisions(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['recognition-decisions', cycleId],
    // The announcement is cached a minute for the public; the office that just recorded one asks afresh.
    queryFn: () =>
      unwrap(api.GET('/v1/recognition-decisions', { params: { query: { cycle: cycleId } }, cache: 'no-cache' })),
    enabled,
  });
}
