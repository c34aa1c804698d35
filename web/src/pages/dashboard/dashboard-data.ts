// What a cycle's dashboard reads: GET /v1/cycles/{id}/dashboard (the report against the plan's targets, and the
// figures a report has not: by unit and kind, deadlines ahead, lapses and escalations, recent activity), and the
// cycle's own state for its phase and calendar.
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
