// What a scenario leaves behind: the histories Temporal keeps, the rows
// PostgreSQL keeps, and what reading the read model costs.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { cycleFigures } from '../read-model/reports';
import { percentile } from './driver';

export interface HistoryFigures {
  sampled: number;
  runsPerProduct: number;
  eventsPerProduct: number;
  bytesPerProduct: number;
  /** Events of each type per product, most frequent first: what the events are spent on. */
  eventTypes: Record<string, number>;
  /** Encoded bytes of each type per product, largest first; scheduled activities by activity type. */
  eventBytes: Record<string, number>;
}

/**
 * Every run of each sampled workflow, newest first: each run's first event
 * names the run it continued from. Bytes are the encoded protobuf, as the
 * server stores and sends it.
 */
export async function historyFigures(client: Client, workflowIds: string[]): Promise<HistoryFigures> {
  let runs = 0;
  let events = 0;
  let bytes = 0;
  const types = new Map<string, number>();
  const typeBytes = new Map<string, number>();
  for (const workflowId of workflowIds) {
    let runId: string | undefined;
    do {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      runs += 1;
      events += history.events?.length ?? 0;
      bytes += temporal.api.history.v1.History.encode(history).finish().length;
      for (const event of history.events ?? []) {
        const type = temporal.api.enums.v1.EventType[event.eventType ?? 0]?.replace(/^EVENT_TYPE_/, '') ?? 'UNKNOWN';
        types.set(type, (types.get(type) ?? 0) + 1);
        const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
        const key = activity ? `${type}:${activity}` : type;
        const size = temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
        typeBytes.set(key, (typeBytes.get(key) ?? 0) + size);
      }
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    } while (runId);
  }
  const per = (value: number) => value / workflowIds.length;
  return {
    sampled: workflowIds.length,
    runsPerProduct: per(runs),
    eventsPerProduct: per(events),
    bytesPerProduct: per(bytes),
    eventTypes: perProductByCount(types, per),
    eventBytes: perProductByCount(typeBytes, per),
  };
}

function perProductByCount(counts: Map<string, number>, per: (value: number) => number): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => [t, per(n)]));
}

/** `count` ids spread evenly over 0..n-1. */
export function spread(n: number, count: number): number[] {
  const k = Math.min(n, count);
  return Array.from({ length: k }, (_, i) => Math.floor((i * n) / k));
}

export interface RowFigures {
  rowsPerProduct: number;
  bytesPerProduct: number;
  byTable: Record<string, number>;
}

/** On-disk bytes of the public tables with their indexes and TOAST. */
export async function databaseBytes(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ bytes: string }>`
    select coalesce(sum(pg_total_relation_size(quote_ident(tablename))), 0) as bytes
    from pg_tables where schemaname = 'public'`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

/**
 * Rows of the scenario's own database per product, and the bytes it grew by
 * from `emptyBytes`, the migrated database's, per product.
 */
export async function rowFigures(db: Kysely<Database>, products: number, emptyBytes: number): Promise<RowFigures> {
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(db);
  const byTable: Record<string, number> = {};
  let rows = 0;
  for (const table of tables.rows) {
    const { rows: counted } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    const n = Number(counted[0]?.n ?? 0);
    if (n > 0) byTable[table.name] = n / products;
    rows += n;
  }
  const grown = (await databaseBytes(db)) - emptyBytes;
  return { rowsPerProduct: rows / products, bytesPerProduct: grown / products, byTable };
}

export interface ReportTiming {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** The cycle report over the read model, warmed once, then timed `runs` times. */
export async function reportTiming(db: Kysely<Database>, cycleId: string, runs = 7): Promise<ReportTiming> {
  await cycleFigures(db, cycleId);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await cycleFigures(db, cycleId);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { runs, medianMs: percentile(times, 50), minMs: times[0]!, maxMs: times.at(-1)! };
}
