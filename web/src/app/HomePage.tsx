// Where a person lands: the province's staff on the newest cycle's dashboard, everyone else on what waits for them.
import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { Loading } from '../components/Loading';

export function HomePage() {
  const { grantsOf } = useSession();
  const provinceStaff = grantsOf('coordinator', 'province_admin').length > 0;
  const cycles = useQuery({
    queryKey: ['cycles'],
    queryFn: () => unwrap(api.GET('/v1/cycles')),
    enabled: provinceStaff,
  });
  if (!provinceStaff) return <Navigate to="/tasks" replace />;
  if (cycles.isPending) return <Loading />;
  const newest = cycles.data?.[0];
  return <Navigate to={newest ? `/cycles/${newest.cycleId}` : '/cycles'} replace />;
}
