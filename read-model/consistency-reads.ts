// What the consistency check compares, read from both sides: each product
// workflow of a cycle (describe, the state query, the notices its runs
// scheduled) and the rows the tables hold of it. The comparison itself is
// domain/consistency.ts.
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import type { Kysely } from 'kysely';
import type { OcopClient } from '../client/ocop-client';
import type { Database } from '../db/database';
import {
  type CycleVerification,
  type DecidedNotice,
  type ProductFacts,
  type ReadModelFacts,
  type SerialFacts,
  type TransitionFact,
  verifyCycle,
  type WorkflowFacts,
} from '../domain/consistency';
import { productWorkflowId, provinceOfId } from '../domain/ids';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Products read at once: each costs a describe, a query and a history per run. */
const READS_AT_ONCE = 8;

async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_AT_ONCE, items.length) }, lane));
  return results;
}

const eventKey = (id: Long | number | null | undefined) => String(id ?? '');

/** The scheduled events of `history` whose activity has closed (completed, failed, timed out or cancelled). */
function closedActivities(events: readonly HistoryEvent[]): Set<string> {
  const closed = new Set<string>();
  for (const e of events) {
    const close =
      e.activityTaskCompletedEventAttributes ??
      e.activityTaskFailedEventAttributes ??
      e.activityTaskTimedOutEventAttributes ??
      e.activityTaskCanceledEventAttributes;
    if (close) closed.add(eventKey(close.scheduledEventId));
  }
  return closed;
}

/** The notify activities one run scheduled, by their outbox key; pending while the run still waits on them. */
async function noticesOfRun(client: Client, workflowId: string, runId: string, running: boolean) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const closed = closedActivities(events);
  const notices: DecidedNotice[] = [];
  for (const e of events) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== 'notify') continue;
    const [request] = await decodeArrayFromPayloads(
      client.options.loadedDataConverter,
      scheduled.input?.payloads ?? [],
    );
    const key = (request as { key?: unknown } | undefined)?.key;
    if (typeof key !== 'string') continue;
    notices.push({ key, pending: running && !closed.has(eventKey(e.eventId)) });
  }
  return notices;
}

/** Every run of the workflow, newest first, as visibility lists them. */
async function runsOf(client: Client, workflowId: string): Promise<{ runId: string; status: string }[]> {
  const runs: { runId: string; status: string }[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    runs.push({ runId: run.runId, status: run.status.name });
  }
  return runs;
}

async function workflowFacts(ocop: OcopClient, productId: string): Promise<WorkflowFacts | null> {
  const { client } = ocop;
  const workflowId = productWorkflowId(productId);
  let description;
  try {
    description = await client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
  // Without a worker to answer the query there is nothing to compare: the product is listed as unreadable.
  const state = await ocop.productState(productId);
  const runs = await runsOf(client, workflowId);
  if (!runs.some((r) => r.runId === description.runId)) runs.push({ runId: description.runId, status: 'RUNNING' });
  const notices = (
    await Promise.all(runs.map((r) => noticesOfRun(client, workflowId, r.runId, r.runId === description.runId)))
  ).flat();
  const transitions: TransitionFact[] = state.history.map((h) => ({
    seq: h.seq,
    action: h.action,
    stageFrom: h.stageFrom,
    stageTo: h.stageTo,
  }));
  return {
    workflowId,
    status: description.status.name,
    stage: state.stage,
    certificateNumber: state.certificate?.number ?? null,
    transitions,
    notices,
    retrying: (description.raw.pendingActivities ?? []).map((a) => ({
      activityType: a.activityType?.name ?? 'activity',
      attempt: a.attempt ?? 1,
      lastFailure: a.lastFailure?.message ?? null,
    })),
  };
}

/** The product ids of a cycle: those the read model holds and those Temporal lists under the cycle. */
async function productIdsOf(db: Kysely<Database>, client: Client, cycleId: string): Promise<string[]> {
  const rows = await db.selectFrom('products').select('id').where('cycle_id', '=', cycleId).execute();
  const ids = new Set(rows.map((r) => r.id));
  const prefix = productWorkflowId('');
  for await (const run of client.workflow.list({ query: `OcopCycle = '${cycleId}'` })) {
    if (run.workflowId.startsWith(prefix)) ids.add(run.workflowId.slice(prefix.length));
  }
  return [...ids].sort();
}

async function readModelFacts(db: Kysely<Database>, ids: readonly string[], keys: readonly string[]) {
  if (ids.length === 0) return () => emptyReadModel();
  const [rows, events, certificates, notifications] = await Promise.all([
    db.selectFrom('products').select(['id', 'stage', 'last_seq', 'certificate_no']).where('id', 'in', ids).execute(),
    db
      .selectFrom('product_events')
      .select(['product_id', 'seq', 'action', 'stage_from', 'stage_to'])
      .where('product_id', 'in', ids)
      .orderBy('seq')
      .execute(),
    db.selectFrom('certificates').select(['product_id', 'number', 'status']).where('product_id', 'in', ids).execute(),
    keys.length
      ? db
          .selectFrom('notifications')
          .select(['idempotency_key', 'status'])
          .where('idempotency_key', 'in', keys)
          .execute()
      : Promise.resolve([]),
  ]);
  const outbox = new Map(notifications.map((n) => [n.idempotency_key, n.status]));
  return (productId: string): ReadModelFacts => {
    const row = rows.find((r) => r.id === productId);
    return {
      row: row ? { stage: row.stage, lastSeq: row.last_seq, certificateNo: row.certificate_no } : null,
      events: events
        .filter((e) => e.product_id === productId)
        .map((e) => ({ seq: e.seq, action: e.action, stageFrom: e.stage_from, stageTo: e.stage_to })),
      certificates: certificates.filter((c) => c.product_id === productId),
      notifications: outbox,
    };
  };
}

function emptyReadModel(): ReadModelFacts {
  return { row: null, events: [], certificates: [], notifications: new Map() };
}

/** The serials of the cycle's province and year, and the counter that numbered them. */
async function serialFacts(db: Kysely<Database>, cycleId: string): Promise<SerialFacts> {
  const province = provinceOfId(cycleId);
  const year = Number(cycleId.split('-')[1]);
  const [certificates, counter] = await Promise.all([
    db.selectFrom('certificates').select('serial').where('province', '=', province).where('year', '=', year).execute(),
    db
      .selectFrom('certificate_counters')
      .select('last_serial')
      .where('province', '=', province)
      .where('year', '=', year)
      .executeTakeFirst(),
  ]);
  return { province, year, serials: certificates.map((c) => c.serial), lastSerial: counter?.last_serial ?? null };
}

/** The consistency check of every product of `cycleId`. */
export async function verifyCycleConsistency(
  db: Kysely<Database>,
  ocop: OcopClient,
  cycleId: string,
): Promise<CycleVerification> {
  const ids = await productIdsOf(db, ocop.client, cycleId);
  // One product that cannot be read is listed as such; it does not hide the others.
  const workflows = await eachLimited(ids, (id) =>
    workflowFacts(ocop, id).then(
      (workflow) => ({ workflow }),
      (error: unknown) => ({ workflow: null, unreadable: (error as Error).message ?? String(error) }),
    ),
  );
  const keys = workflows.flatMap((w) => w.workflow?.notices.map((n) => n.key) ?? []);
  const readModelOf = await readModelFacts(db, ids, keys);
  const products: ProductFacts[] = ids.map((productId, i) => ({
    productId,
    workflowId: productWorkflowId(productId),
    ...workflows[i]!,
    readModel: readModelOf(productId),
  }));
  return verifyCycle(cycleId, products, [await serialFacts(db, cycleId)]);
}
