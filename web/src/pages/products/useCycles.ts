// The cycles the signed-in person may see (none for a producer), for the cycle filter, the unit names of a cycle's
// rule set and the import's choice of cycle.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type CycleSummary = paths['/v1/cycles']['get']['responses'][200]['content']['application/json'][number];

export function useCycles(): CycleSummary[] {
  const cycles = useQuery({ queryKey: ['cycles'], queryFn: () => unwrap(api.GET('/v1/cycles')) });
  return cycles.data ?? [];
}
