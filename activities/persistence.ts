// The read model and the audit trail. Every write carries the workflow's own
// sequence number and timestamp, so a retried or replayed activity finds its
// row already there and changes nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
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
            // The place is fixed at registration, so only the first row written sets it.
            unit: p.unit ?? null,
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
}

export interface IssuedCertificate {
  number: string;
  stars: number;
  level: LevelId;
  decidedOn: string;
  validUntil: string;
}

/** Number format of a provincial decision: serial/year/OCOP-province, e.g. 007/2023/OCOP-CB. */
export function certificateNumber(serial: number, year: number, province: string): string {
  return `${String(serial).padStart(3, '0')}/${year}/OCOP-${province}`;
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
     * Issues the next number of the province's year, once per product and
     * level: a retry finds the certificate it already issued and returns it.
     */
    async issueCertificate(req: CertificateRequest): Promise<IssuedCertificate> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('certificates')
          .selectAll()
          .where('product_id', '=', req.productId)
          .where('level', '=', req.level)
          .executeTakeFirst();
        const row =
          existing ??
          (await (async () => {
            const { last_serial: serial } = await trx
              .insertInto('certificate_counters')
              .values({ province: req.province, year: req.year, last_serial: 1 })
              .onConflict((oc) =>
                oc
                  .columns(['province', 'year'])
                  .doUpdateSet((eb) => ({ last_serial: eb('certificate_counters.last_serial', '+', 1) })),
              )
              .returning('last_serial')
              .executeTakeFirstOrThrow();
            return trx
              .insertInto('certificates')
              .values({
                number: certificateNumber(serial, req.year, req.province),
                province: req.province,
                year: req.year,
                serial,
                product_id: req.productId,
                level: req.level,
                stars: req.stars,
                decided_on: req.decidedOn,
                valid_until: req.validUntil,
                status: 'active',
              })
              .returningAll()
              .executeTakeFirstOrThrow();
          })());
        return {
          number: row.number,
          stars: row.stars,
          level: row.level as LevelId,
          decidedOn: row.decided_on.toISOString(),
          validUntil: row.valid_until.toISOString(),
        };
      });
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
            recorded_at: req.recordedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['product_id', 'level', 'member_id']).doNothing())
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
