// A cycle's dashboard opened directly (a bookmark, a link in a message) asks for its figures as soon as the
// person's grants are known, before the page itself renders: the figures are the slowest part of its first
// render, and the page then finds them in the query cache.
import type { QueryClient } from '@tanstack/react-query';
import type { Grant } from '../auth/SessionProvider';
import { dashboardQuery } from '../pages/dashboard/dashboard-data';

const DASHBOARD = /^\/cycles\/([A-Z]{2,3})-\d{4}$/;
/** The grants whose holders see a cycle's figures (the API's rule: view the cycle and list its products). */
const SEE_FIGURES: readonly Grant['role'][] = ['coordinator', 'inspector', 'dossier_officer', 'council_secretary'];

export function prefetchForRoute(queryClient: QueryClient, pathname: string, grants: readonly Grant[]): void {
  const match = DASHBOARD.exec(pathname);
  if (!match) return;
  const province = match[1];
  if (!grants.some((grant) => SEE_FIGURES.includes(grant.role) && grant.scope.province === province)) return;
  void queryClient.prefetchQuery(dashboardQuery(pathname.slice('/cycles/'.length)));
}
