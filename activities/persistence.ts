// The read model and the audit trail. Every write carries the workflow's own
// sequence number and timestamp, so a retried or replayed activity finds its
// row already there and changes nothing.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DecisionRef } from '../domain/recognition';
import type { Actor, LevelId, Stage } from '../domain/schemas';

export interface ProductSnapshot {
  productId: string;
  cycleId: string;
  province: string;
  year: number;
  name: string;
  productGroup: string;
  subjectId: string;
  kind: string;
  ruleSetId: string;
  stage: Stage;
  level: LevelId | null;
  stars: number | null;
  score: number | null;
  nextDeadline: string | null;
  certificateNo: string | null;
  /** Its district or commune; absent from snapshots of applications registered before products had one. */
  unit?: string | null;
  /** The application a re-evaluation or an upgrade re-rates; absent before it was kept. */
  previousProductId?: string | null;
}

export interface Transition {
  workflowId: string;
  seq: number;
  action: string;
  actor: Actor;
  stageFrom: Stage | null;
  occurredAt: string;
  payload: Record<string, unknown>;
  product: ProductSnapshot;
  subject?: { id: string; name: string; type: string; email?: string };
}

export function persistenceActivities(db: Kysely<Database>) {
  return {
    /** Appends the event once and moves the read model forward, never back. */
    async recordTransition(t: Transition): Promise<void> {
      const p = t.product;
      await db.transaction().execute(async (trx) => {
        if (t.subject) {
          await trx
            .insertInto('subjects')
            .values({
              id: t.subject.id,
              province: p.province,
              name: t.subject.name,
              type: t.subject.type,
              email: t.subject.email ?? null,
            })
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        }
        await trx
          .insertInto('product_events')
          .values({
            workflow_id: t.workflowId,
            product_id: p.productId,
            seq: t.seq,
            action: t.action,
            stage_from: t.stageFrom,
            stage_to: p.stage,
            level: p.level,
            actor_id: t.actor.id,
            actor_role: t.actor.role,
            principal_id: t.actor.principalId ?? null,
            grant_id: t.actor.grantId ?? null,
            payload: JSON.stringify(t.payload),
            occurred_at: t.occurredAt,
          })
          .onConflict((oc) => oc.columns(['workflow_id', 'seq']).doNothing())
          .execute();
        const row = {
          stage: p.stage,
          level: p.level,
          stars: p.stars,
          score: p.score,
          next_deadline: p.nextDeadline,
          certificate_no: p.certificateNo,
          last_seq: t.seq,
          updated_at: t.occurredAt,
        };
        await trx
          .insertInto('products')
          .values({
            ...row,
            id: p.productId,
            workflow_id: t.workflowId,
            cycle_id: p.cycleId,
            province: p.province,
            year: p.year,
            name: p.name,
            product_group: p.productGroup,
            subject_id: p.subjectId,
            kind: p.kind,
            rule_set: p.ruleSetId,
            // The place and the application re-rated are fixed at registration, so only the first row sets them.
            unit: p.unit ?? null,
            previous_product_id: p.previousProductId ?? null,
          })
          .onConflict((oc) => oc.column('id').doUpdateSet(row).where('products.last_seq', '<', t.seq))
          .execute();
      });
    },
  };
}

export interface CertificateRequest {
  productId: string;
  province: string;
  year: number;
  level: LevelId;
  stars: number;
  decidedOn: string;
  validUntil: string;
  /** The recognition decision; absent from requests scheduled before the decision step. */
  decision?: DecisionRef;
  /** The ministry's number of a 5-star certificate; the province's own are numbered here. */
  certificateNumber?: string;
}

export interface IssuedCertificate {
  number: string;
  stars: number;
  level: LevelId;
  decidedOn: string;
  validUntil: string;
  decision?: DecisionRef;
}

/** The certificate an upgrade must better, or null when the previous application holds none active. */
export interface PreviousCertificate {
  number: string;
  stars: number;
  validUntil: string;
}

/** Number format of a provincial decision: serial/year/OCOP-province, e.g. 007/2023/OCOP-CB. */
export function certificateNumber(serial: number, year: number, province: string): string {
  return `${String(serial).padStart(3, '0')}/${year}/OCOP-${province}`;
}

/** The stages a re-evaluation ends in without a new certificate. */
export const REEVALUATION_FAILED_STAGES: readonly string[] = ['NOT_RANKED', 'LAPSED', 'REJECTED'];

/** A new certificate row, numbered by the province's counter unless the ministry numbered it. */
async function insertCertificate(trx: Transaction<Database>, req: CertificateRequest) {
  const serial = req.certificateNumber ? 0 : await nextSerial(trx, req.province, req.year);
  return trx
    .insertInto('certificates')
    .values({
      number: req.certificateNumber ?? certificateNumber(serial, req.year, req.province),
      province: req.province,
      year: req.year,
      serial,
      product_id: req.productId,
      level: req.level,
      stars: req.stars,
      decided_on: req.decidedOn,
      valid_until: req.validUntil,
      status: 'active',
      decision_number: req.decision?.number ?? null,
      decision_date: req.decision?.decidedOn ?? null,
      decision_authority: req.decision?.authority ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function nextSerial(trx: Transaction<Database>, province: string, year: number): Promise<number> {
  const { last_serial: serial } = await trx
    .insertInto('certificate_counters')
    .values({ province, year, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .columns(['province', 'year'])
        .doUpdateSet((eb) => ({ last_serial: eb('certificate_counters.last_serial', '+', 1) })),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return serial;
}

export function certificateActivities(db: Kysely<Database>) {
  /** A certificate is named by its number within its province and year. */
  const updateCertificate = (
    key: { number: string; province: string; year: number },
    set: { status: string } | { stars: number },
  ) =>
    db
      .updateTable('certificates')
      .set(set)
      .where('province', '=', key.province)
      .where('year', '=', key.year)
      .where('number', '=', key.number)
      .execute();

  return {
    /**
     * Issues the certificate once per product and level: a retry finds the
     * one it already issued and returns it. The province's are numbered by the
     * next serial of its year; a 5-star certificate keeps the ministry's number.
     */
    async issueCertificate(req: CertificateRequest): Promise<IssuedCertificate> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('certificates')
          .selectAll()
          .where('product_id', '=', req.productId)
          .where('level', '=', req.level)
          .executeTakeFirst();
        const row = existing ?? (await insertCertificate(trx, req));
        return {
          number: row.number,
          stars: row.stars,
          level: row.level as LevelId,
          decidedOn: row.decided_on.toISOString(),
          validUntil: row.valid_until.toISOString(),
          ...(row.decision_number && row.decision_date && row.decision_authority
            ? {
                decision: {
                  number: row.decision_number,
                  decidedOn: row.decision_date.toISOString(),
                  authority: row.decision_authority,
                },
              }
            : {}),
        };
      });
    },

    /** The previous application's active certificate, from the read model; reading twice reads the same. */
    async previousCertificate(req: { productId: string }): Promise<PreviousCertificate | null> {
      const row = await db
        .selectFrom('certificates')
        .select(['number', 'stars', 'valid_until'])
        .where('product_id', '=', req.productId)
        .where('status', '=', 'active')
        .orderBy('stars', 'desc')
        .executeTakeFirst();
      return row ? { number: row.number, stars: row.stars, validUntil: row.valid_until.toISOString() } : null;
    },

    /**
     * Whether `byProductId` is a re-evaluation of `productId` that ended
     * unranked (not ranked, lapsed, rejected): what a previous application
     * checks before a signal may end its certificate.
     */
    async reevaluationFailed(req: { productId: string; byProductId: string }): Promise<boolean> {
      const row = await db
        .selectFrom('products')
        .select(['kind', 'stage', 'previous_product_id'])
        .where('id', '=', req.byProductId)
        .executeTakeFirst();
      return (
        row !== undefined &&
        row.kind === 're-evaluation' &&
        row.previous_product_id === req.productId &&
        REEVALUATION_FAILED_STAGES.includes(row.stage)
      );
    },

    async setCertificateStatus(req: {
      number: string;
      province: string;
      year: number;
      status: 'superseded' | 'revoked' | 'expired' | 'downgraded';
    }): Promise<void> {
      await updateCertificate(req, { status: req.status });
    },

    /**
     * Lowers a certificate's rating after a post-inspection. The number and the
     * validity stay: a downgrade does not restart the 36 months, and the unique
     * (product, level) key leaves no room for a second certificate at the level.
     * Repeating it sets the same value again.
     */
    async downgradeCertificate(req: { number: string; province: string; year: number; stars: number }): Promise<void> {
      await updateCertificate(req, { stars: req.stars });
    },

    async recordScores(req: {
      productId: string;
      level: LevelId;
      recordedAt: string;
      sheets: { memberId: string; parts: Record<string, number> }[];
      /** Absent from tasks scheduled before councils had rounds: the first. */
      round?: number;
    }): Promise<void> {
      if (req.sheets.length === 0) return;
      await db
        .insertInto('score_sheets')
        .values(
          req.sheets.map((sheet) => ({
            product_id: req.productId,
            level: req.level,
            member_id: sheet.memberId,
            parts: JSON.stringify(sheet.parts),
            total: Object.values(sheet.parts).reduce((sum, points) => sum + points, 0),
            round: req.round ?? 1,
            recorded_at: req.recordedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['product_id', 'level', 'member_id', 'round']).doNothing())
        .execute();
    },

    /**
     * One finding, keyed by its place among the product's findings. Tasks
     * scheduled before findings had `seq` gave it as `round`, with the yearly
     * round in `details`.
     */
    async recordInspectionResult(req: {
      productId: string;
      seq?: number;
      round: number;
      dueAt: string;
      inspectedAt: string;
      outcome: string;
      details: Record<string, unknown>;
    }): Promise<void> {
      const legacy = req.seq === undefined;
      await db
        .insertInto('inspections')
        .values({
          product_id: req.productId,
          seq: req.seq ?? req.round,
          round: legacy ? Number(req.details.round ?? req.round) : req.round,
          due_at: req.dueAt,
          inspected_at: req.inspectedAt,
          outcome: req.outcome,
          details: JSON.stringify(req.details),
        })
        .onConflict((oc) => oc.columns(['product_id', 'seq']).doNothing())
        .execute();
    },
  };
}
