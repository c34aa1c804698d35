// The reads a province's office makes all day: the product list, filtered,
// sorted and paged, and "my tasks". One request at a time, as one person
// waits for a page, each timed from the request to the parsed answer.
import type { ApiClient, ProductQuery } from '../client/api-client';
import { LIST_CYCLE } from './api-data';
import { type Latency, latency } from './scenarios';

export interface Reader {
  login: string;
  /** What the login's grants let it see, in words. */
  scope: string;
  api: ApiClient;
  /** Set for a unit-scoped reader: every item listed must be of this unit. */
  unit?: string;
}

interface ListShape {
  name: string;
  query: ProductQuery;
  /** Pages read in a row, following nextCursor. */
  pages: number;
}

/** The list as an office uses it: by name, what is due, what moved, a search, the best-rated. */
const SHAPES: readonly ListShape[] = [
  { name: 'sort=name, 3 pages by cursor', query: { sort: 'name' }, pages: 3 },
  { name: 'stage=DOSSIER_REVIEW, sort=deadline', query: { stage: 'DOSSIER_REVIEW', sort: 'deadline' }, pages: 1 },
  { name: 'sort=-updated, 2 pages by cursor', query: { sort: '-updated' }, pages: 2 },
  { name: 'q=chè (name search), sort=name', query: { q: 'chè', sort: 'name' }, pages: 1 },
  { name: 'stage=POST_INSPECTION, sort=-stars', query: { stage: 'POST_INSPECTION', sort: '-stars' }, pages: 1 },
];

export interface ListFigures {
  login: string;
  scope: string;
  all: Latency;
  byShape: Record<string, Latency>;
  /** Items a unit-scoped reader was shown from another unit: must be 0. */
  outOfScope: number;
  /** First pages that came back empty: must be 0, or the figures time nothing. */
  emptyFirstPages: number;
}

/** One browse of each shape, warm-up excluded, until at least `requests` requests are timed. */
export async function measureList(reader: Reader, requests: number): Promise<ListFigures> {
  const times: number[] = [];
  const byShape = new Map<string, number[]>();
  let outOfScope = 0;
  let emptyFirstPages = 0;
  const browse = async (shape: ListShape, record: boolean) => {
    let cursor: string | undefined;
    for (let page = 0; page < shape.pages; page++) {
      const started = performance.now();
      const answer = await reader.api.listProducts({ cycle: LIST_CYCLE, limit: 50, ...shape.query, cursor });
      const ms = performance.now() - started;
      if (!record) continue;
      times.push(ms);
      const shapeTimes = byShape.get(shape.name) ?? [];
      byShape.set(shape.name, [...shapeTimes, ms]);
      if (page === 0 && answer.items.length === 0) emptyFirstPages++;
      if (reader.unit) outOfScope += answer.items.filter((item) => item.unit !== reader.unit).length;
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
  };
  for (const shape of SHAPES) await browse(shape, false);
  while (times.length < requests) {
    for (const shape of SHAPES) await browse(shape, true);
  }
  return {
    login: reader.login,
    scope: reader.scope,
    all: latency(times),
    byShape: Object.fromEntries([...byShape].map(([name, shapeTimes]) => [name, latency(shapeTimes)])),
    outOfScope,
    emptyFirstPages,
  };
}

export interface TaskFigures {
  login: string;
  scope: string;
  latency: Latency;
  /** Tasks in the answer (at most the default limit, 50). */
  tasks: number;
}

export async function measureTasks(reader: Reader, requests: number): Promise<TaskFigures> {
  for (let i = 0; i < 3; i++) await reader.api.tasks();
  const times: number[] = [];
  let tasks = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const answer = await reader.api.tasks();
    times.push(performance.now() - started);
    tasks = answer.length;
  }
  return { login: reader.login, scope: reader.scope, latency: latency(times), tasks };
}
