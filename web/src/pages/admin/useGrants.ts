// The province's grants and the audit of their changes, both oldest first and paged by cursor as the API gives them.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

const PAGE = 100;

export function useGrants(province: string, includeRevoked: boolean) {
  return useInfiniteQuery({
    queryKey: ['grants', { province, includeRevoked }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/grants', {
          params: {
            query: {
              province,
              includeRevoked: includeRevoked ? 'true' : 'false',
              limit: PAGE,
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useGrantChanges(province: string) {
  return useInfiniteQuery({
    queryKey: ['grant-changes', { province }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/grant-changes', {
          params: { query: { province, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
