// Keyset paging: the API hands each page the cursor of the next, so going back means remembering the cursors of the
// pages already passed. The stack belongs to one list: when the filters or the sort change, paging starts again.
import { useState } from 'react';

interface Paging {
  list: string;
  /** The cursors of the pages after the first that led here; the last one is the page shown. */
  cursors: string[];
}

export function usePaging(list: string) {
  const [paging, setPaging] = useState<Paging>({ list, cursors: [] });
  const cursors = paging.list === list ? paging.cursors : [];
  return {
    cursor: cursors.at(-1),
    /** 1 for the first page. */
    page: cursors.length + 1,
    next: (cursor: string) => setPaging({ list, cursors: [...cursors, cursor] }),
    previous: () => setPaging({ list, cursors: cursors.slice(0, -1) }),
  };
}
