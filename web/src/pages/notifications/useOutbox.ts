// The outbox, newest first, a page at a time (the API pages by cursor), and the retries that send failed lines
// again. Every retry refreshes the outbox, since it changes the lines' status.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Delivery = components['schemas']['NotificationDelivery'];
export type RetryAnswer = components['schemas']['NotificationRetry'];
export type DeliveryStatus = Delivery['status'];

const PAGE = 50;
/** The most the API lists at once; more failures than this read as "200 or more". */
const FAILED_WINDOW = 200;

export function useOutbox(status: DeliveryStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['notifications', { status }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/notifications', {
          params: {
            query: { limit: PAGE, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** How many deliveries have failed, for the retry-all button; `more` when there are more than one page shows. */
export function useFailedCount() {
  return useQuery({
    queryKey: ['notifications', { status: 'failed', window: FAILED_WINDOW }],
    queryFn: () =>
      unwrap(api.GET('/v1/notifications', { params: { query: { status: 'failed', limit: FAILED_WINDOW } } })),
    select: (page) => ({ count: page.items.length, more: page.nextCursor !== null }),
  });
}

export function useRetry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (which: { id: string } | 'all-failed') =>
      unwrap(
        which === 'all-failed'
          ? api.POST('/v1/notifications/retry-failed')
          : api.POST('/v1/notifications/{id}/retry', { params: { path: { id: which.id } } }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
