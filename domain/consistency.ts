// The consistency check: what a product's workflow holds against what the read
// model, the certificates and the outbox hold of it. The workflow's history is
// the source of truth, so every difference names the table that is wrong and
// how an operator puts it right. Pure: the reads are read-model/consistency-reads.ts.
import { z } from 'zod';
import { Stage } from './schemas';

/** A transition as the workflow's state or a product_events row tells it. */
export interface TransitionFact {
  seq: number;
  action: string;
  stageFrom: string | null;
  stageTo: string;
}

/** A notify activity the workflow scheduled: the outbox key it sends under. */
export interface DecidedNotice {
  key: string;
  /** Still scheduled or running: not sent yet is not missing yet. */
  pending: boolean;
}

/** An activity the workflow keeps retrying, as describe reports it. */
export interface RetryingActivity {
  activityType: string;
  attempt: number;
  lastFailure: string | null;
}

export interface WorkflowFacts {
  workflowId: string;
  /** RUNNING, COMPLETED, FAILED, TERMINATED, TIMED_OUT, CANCELED or CONTINUED_AS_NEW. */
  status: string;
  stage: string;
  certificateNumber: string | null;
  transitions: readonly TransitionFact[];
  notices: readonly DecidedNotice[];
  retrying: readonly RetryingActivity[];
}

export interface ReadModelFacts {
  row: { stage: string; lastSeq: number; certificateNo: string | null } | null;
  events: readonly TransitionFact[];
  certificates: readonly { number: string; status: string }[];
  /** The outbox rows under the keys the workflow decided on, by key. */
  notifications: ReadonlyMap<string, string>;
}

export interface ProductFacts {
  productId: string;
  workflowId: string;
  /** Null when Temporal knows no workflow of the product. */
  workflow: WorkflowFacts | null;
  /** Why the workflow could not be read (its state query unanswered, Temporal unreachable): nothing to compare. */
  unreadable?: string;
  readModel: ReadModelFacts;
}

/** The certificates of one province and year, whose serials run from 1 with no gap. */
export interface SerialFacts {
  province: string;
  year: number;
  serials: readonly number[];
  lastSerial: number | null;
}

export const DIFFERENCE_KINDS = [
  'workflow-missing',
  'workflow-unreadable',
  'workflow-failed',
  'activity-retrying',
  'row-missing',
  'stage',
  'last-seq',
  'transition-missing',
  'transition-duplicated',
  'transition-unknown',
  'certificate-missing',
  'certificate-status',
  'serial-gap',
  'notice-missing',
  'notice-failed',
] as const;
export const DifferenceKind = z.enum(DIFFERENCE_KINDS);
export type DifferenceKind = z.infer<typeof DifferenceKind>;

export const Difference = z.object({
  productId: z.string().max(40).nullable().describe('null for a difference of the province, such as a serial gap'),
  kind: DifferenceKind,
  found: z.string().max(500).describe('what differs, and which side says what'),
  repair: z.string().max(500).describe('what an operator does about it'),
});
export type Difference = z.infer<typeof Difference>;

/** An activity retried this often is not a passing fault: the product waits on it. */
export const RETRYING_ATTEMPTS = 5;

const ENDED_CERTIFICATE: Partial<Record<Stage, string>> = {
  EXPIRED: 'expired',
  REVOKED: 'revoked',
  SUPERSEDED: 'superseded',
};

const FAILED_STATUSES = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELED']);

const sameTransition = (a: TransitionFact, b: TransitionFact) =>
  a.action === b.action && a.stageFrom === b.stageFrom && a.stageTo === b.stageTo;

const show = (wf: string) => `\`temporal workflow show -w ${wf}\``;

/** What the workflow itself says is wrong with it: it ended badly, or an activity keeps failing. */
function workflowTrouble(productId: string, wf: WorkflowFacts): Difference[] {
  const found: Difference[] = [];
  if (FAILED_STATUSES.has(wf.status)) {
    found.push({
      productId,
      kind: 'workflow-failed',
      found: `workflow ${wf.workflowId} is ${wf.status} at ${wf.stage}`,
      repair: `read why in ${show(wf.workflowId)}; once the cause is fixed, \`temporal workflow reset -w ${wf.workflowId} --type LastWorkflowTask\``,
    });
  }
  for (const a of wf.retrying) {
    if (a.attempt < RETRYING_ATTEMPTS) continue;
    found.push({
      productId,
      kind: 'activity-retrying',
      found: `${a.activityType} has failed ${a.attempt - 1} times: ${(a.lastFailure ?? 'no failure recorded').slice(0, 200)}`,
      repair: `fix what it fails on (the database, a channel); it is retried by itself, or run \`temporal activity reset -w ${wf.workflowId}\``,
    });
  }
  return found;
}

/** The products row against the workflow's stage, last transition and certificate. */
function rowDifferences(productId: string, wf: WorkflowFacts, row: ReadModelFacts['row']): Difference[] {
  const last = wf.transitions.at(-1);
  if (!row) {
    // A product registered a moment ago has recorded nothing yet; one that has, must have its row.
    if (!last) return [];
    return [
      {
        productId,
        kind: 'row-missing',
        found: `no products row, workflow says ${wf.stage} after transition ${last.seq}`,
        repair: `the worker re-records it on the product's next transition; to restore it now, re-run transition ${last.seq}'s recordTransition from ${show(wf.workflowId)}`,
      },
    ];
  }
  const found: Difference[] = [];
  if (row.stage !== wf.stage) {
    found.push({
      productId,
      kind: 'stage',
      found: `products row says ${row.stage}, workflow says ${wf.stage}`,
      repair: `the workflow is right: \`update products set stage = '${wf.stage}' where id = '${productId}'\``,
    });
  }
  if (last && row.lastSeq !== last.seq) {
    found.push({
      productId,
      kind: 'last-seq',
      found: `products row was last moved by transition ${row.lastSeq}, workflow's last is ${last.seq}`,
      repair: `\`update products set last_seq = ${last.seq} where id = '${productId}'\` once its columns match transition ${last.seq}`,
    });
  }
  return found;
}

/** The product_events rows against the workflow's transitions: each seq once, as the workflow recorded it. */
function eventDifferences(productId: string, wf: WorkflowFacts, events: readonly TransitionFact[]): Difference[] {
  const found: Difference[] = [];
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  for (const t of wf.transitions) {
    if (bySeq.has(t.seq)) continue;
    found.push({
      productId,
      kind: 'transition-missing',
      found: `transition ${t.seq} (${t.action}: ${t.stageFrom ?? '—'} → ${t.stageTo}) is missing from product_events`,
      repair: `re-insert it from the workflow's state (\`ocop product show ${productId} --json\`, history seq ${t.seq})`,
    });
  }
  const known = new Set(wf.transitions.map((t) => t.seq));
  for (const e of events) {
    if (known.has(e.seq)) continue;
    const original = wf.transitions.find((t) => sameTransition(t, e));
    found.push(
      original
        ? {
            productId,
            kind: 'transition-duplicated',
            found: `transition ${original.seq} (${e.action}) recorded twice: again as seq ${e.seq}`,
            repair: `\`delete from product_events where product_id = '${productId}' and seq = ${e.seq}\``,
          }
        : {
            productId,
            kind: 'transition-unknown',
            found: `product_events seq ${e.seq} (${e.action}: ${e.stageFrom ?? '—'} → ${e.stageTo}) the workflow never recorded`,
            repair: `compare with ${show(wf.workflowId)}; delete the row if the history has no such transition`,
          },
    );
  }
  return found;
}

/** The certificate the workflow issued: its row, and its status once the product's story ended it. */
function certificateDifferences(productId: string, wf: WorkflowFacts, rm: ReadModelFacts): Difference[] {
  const number = wf.certificateNumber;
  if (!number) return [];
  const row = rm.certificates.find((c) => c.number === number);
  if (!row) {
    return [
      {
        productId,
        kind: 'certificate-missing',
        found: `workflow holds certificate ${number}, the certificates table has no such row`,
        repair: `re-run its issueCertificate activity from ${show(wf.workflowId)}; it keeps the number`,
      },
    ];
  }
  const expected = ENDED_CERTIFICATE[wf.stage as Stage];
  if (!expected || row.status === expected) return [];
  return [
    {
      productId,
      kind: 'certificate-status',
      found: `certificate ${number} is ${row.status}, workflow says ${wf.stage}`,
      repair: `\`update certificates set status = '${expected}' where number = '${number}'\``,
    },
  ];
}

/** Every notice the workflow decided to send, and that is no longer on its way, is in the outbox and went out. */
function noticeDifferences(productId: string, wf: WorkflowFacts, rm: ReadModelFacts): Difference[] {
  const found: Difference[] = [];
  for (const notice of wf.notices) {
    const status = rm.notifications.get(notice.key);
    if (status === undefined && !notice.pending) {
      found.push({
        productId,
        kind: 'notice-missing',
        found: `notification ${notice.key} decided but never sent: no outbox row`,
        repair: `send it again: re-run the notify activity with that key from ${show(wf.workflowId)}; the key keeps it once`,
      });
    } else if (status === 'failed') {
      found.push({
        productId,
        kind: 'notice-failed',
        found: `notification ${notice.key} failed to go out`,
        repair: '`ocop notifications retry --all-failed`, once the channel is back',
      });
    }
  }
  return found;
}

/** Every difference between one product's workflow and what the tables hold of it. */
export function productDifferences(facts: ProductFacts): Difference[] {
  const { productId, workflow: wf, readModel: rm } = facts;
  if (facts.unreadable) {
    return [
      {
        productId,
        kind: 'workflow-unreadable',
        found: `workflow ${facts.workflowId} could not be read: ${facts.unreadable.slice(0, 300)}`,
        repair:
          'check that a worker polls the task queue (its log says why it cannot replay the workflow), then verify again',
      },
    ];
  }
  if (!wf) {
    return [
      {
        productId,
        kind: 'workflow-missing',
        found: `products row says ${rm.row?.stage ?? '—'}, Temporal knows no workflow ${facts.workflowId}`,
        repair:
          'its history is gone (retention, or another namespace): check TEMPORAL_NAMESPACE; the row is all that is left',
      },
    ];
  }
  return [
    ...workflowTrouble(productId, wf),
    ...rowDifferences(productId, wf, rm.row),
    ...eventDifferences(productId, wf, rm.events),
    ...certificateDifferences(productId, wf, rm),
    ...noticeDifferences(productId, wf, rm),
  ];
}

/** Serials of a province's year from 1 to its counter with none missing: a gap is a certificate lost. */
export function serialGaps(facts: SerialFacts): Difference[] {
  const have = new Set(facts.serials);
  const top = Math.max(facts.lastSerial ?? 0, ...facts.serials);
  const missing: number[] = [];
  for (let serial = 1; serial <= top; serial += 1) if (!have.has(serial)) missing.push(serial);
  if (missing.length === 0) return [];
  const listed = missing.slice(0, 20).join(', ') + (missing.length > 20 ? `, … (${missing.length})` : '');
  return [
    {
      productId: null,
      kind: 'serial-gap',
      found: `certificate serial gap in ${facts.province} ${facts.year}: ${listed} missing of 1–${top}`,
      repair: `find the products whose workflows hold those numbers (\`ocop verify\` lists them as certificate-missing) and restore their rows`,
    },
  ];
}

export const CycleVerification = z.object({
  cycleId: z.string().max(40),
  products: z.number().int().min(0).describe('products checked'),
  consistent: z.boolean(),
  counts: z.partialRecord(DifferenceKind, z.number().int().min(0)),
  differences: z.array(Difference),
});
export type CycleVerification = z.infer<typeof CycleVerification>;

export function verifyCycle(
  cycleId: string,
  products: readonly ProductFacts[],
  serials: readonly SerialFacts[],
): CycleVerification {
  const differences = [...products.flatMap(productDifferences), ...serials.flatMap(serialGaps)];
  const counts: Partial<Record<DifferenceKind, number>> = {};
  for (const d of differences) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
  return { cycleId, products: products.length, consistent: differences.length === 0, counts, differences };
}
