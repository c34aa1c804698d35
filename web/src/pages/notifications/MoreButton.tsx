// The next page of a cursor-paged list (TanStack's infinite query), offered only while there is one.
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export function MoreButton({ pages, label, loadingLabel }: { pages: Pages; label: string; loadingLabel: string }) {
  if (!pages.hasNextPage) return null;
  return (
    <p>
      <button
        type="button"
        className="secondary"
        disabled={pages.isFetchingNextPage}
        onClick={() => void pages.fetchNextPage()}
      >
        {pages.isFetchingNextPage ? loadingLabel : label}
      </button>
    </p>
  );
}
