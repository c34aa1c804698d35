// What a cycle's dashboard reads: GET /v1/cycles/{id}/dashboard (the report against the plan's targets, the
// figures a report has not: by unit and kind, deadlines ahead, lapses and escalations, recent activity, and the
// cycle's phase and calendar from the read model); the cycle's own state only for those who may not see figures.
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Dashboard = components['schemas']['CycleDashboard'];
export type CycleReport = components['schemas']['CycleReport'];
export type CycleState = components['schemas']['CycleState'];

export function fetchDashboard(cycleId: string): Promise<Dashboard> {
  return unwrap(api.GET('/v1/cycles/{cycleId}/dashboard', { params: { path: { cycleId } } }));
}

export function fetchCycle(cycleId: string): Promise<CycleState> {
  return unwrap(api.GET('/v1/cycles/{cycleId}', { params: { path: { cycleId } } }));
}

/** What the top of the dashboard shows of the cycle: its phase and calendar. */
export type CycleHeader = Pick<CycleState, 'cycleId' | 'province' | 'phase' | 'phaseEndsAt' | 'calendar'>;

export function headerOf(dashboard: Dashboard): CycleHeader {
  const { cycleId, phase, phaseEndsAt, calendar } = dashboard;
  return { cycleId, province: cycleId.split('-')[0] ?? '', phase, phaseEndsAt, calendar };
}

/** The dashboard's query, for the page and for the prefetch that starts it before the page's code has loaded. */
export function dashboardQuery(cycleId: string) {
  return { queryKey: ['dashboard', cycleId], queryFn: () => fetchDashboard(cycleId) };
}
