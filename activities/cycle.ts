// The annual cycle's I/O: its row in `cycles`, the registrations that keep a
// subject from registering the same product twice, the cohorts it notifies,
// and its report, all from the read model.
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { cycleFigures } from '../read-model/reports';
import { checkPreviousApplication, type Cycle, type CyclePhase, type PreviousApplication } from '../domain/cycle';
import { productId as makeProductId, productWorkflowId } from '../domain/ids';
import { compareWithTargets, type CycleReport } from '../domain/report';
import type { ApplicationKind, LevelId, Stage } from '../domain/schemas';
import type { NotifyRequest } from './notify';

type Notify = (req: NotifyRequest) => Promise<unknown>;

/** What a reservation says of the registration itself. */
export interface ReservationRow {
  subjectId: string;
  nameKey: string;
  /** Absent from reservations scheduled before re-evaluations were checked. */
  kind?: ApplicationKind;
  previousProductId?: string;
  productName?: string;
}

export interface Reservation extends ReservationRow {
  cycleId: string;
  serial: number;
  productId: string;
  at: string;
}

/** A batch's reservations: the rows in order, from the cycle's next serial on. */
export interface BatchReservation {
  cycleId: string;
  firstSerial: number;
  at: string;
  rows: ReservationRow[];
}

/** Each row's answer: the application it reserved, the one it duplicates, or why it may not register. */
export type Reserved = { productId: string } | { duplicateOf: string } | { refused: string };

/** What the read model knows of an application a registration names as its previous one. */
export async function previousApplication(
  db: Kysely<Database>,
  productId: string,
): Promise<PreviousApplication | undefined> {
  const row = await db
    .selectFrom('products as p')
    .select((eb) => [
      'p.subject_id',
      'p.name',
      eb
        .exists(
          eb
            .selectFrom('certificates as c')
            .select('c.number')
            .whereRef('c.product_id', '=', 'p.id')
            .where('c.status', '=', 'active'),
        )
        .as('certified'),
    ])
    .where('p.id', '=', productId)
    .executeTakeFirst();
  return row && { subjectId: row.subject_id, productName: row.name, hasActiveCertificate: Boolean(row.certified) };
}

/** Refuses, without retries, a re-evaluation or an upgrade that names an application it may not re-rate. */
async function refuseUnfitPrevious(db: Kysely<Database>, req: Reservation): Promise<void> {
  if (!req.previousProductId || !req.productName) return;
  const previous = await previousApplication(db, req.previousProductId);
  const rule = checkPreviousApplication(previous, {
    kind: req.kind,
    previousProductId: req.previousProductId,
    subject: { id: req.subjectId },
    product: { name: req.productName },
    productId: req.productId,
  });
  if (rule) throw ApplicationFailure.nonRetryable(`previousProductId: ${rule}`, 'ValidationError');
}

/**
 * Reserves the cycle's serial for a product, once per subject and name. The
 * serial's own row, of this very registration, is a retry's: it keeps its
 * answer, whatever has happened to the earlier product since.
 */
async function reserve(trx: Kysely<Database>, req: Reservation): Promise<{ duplicateOf: string | null }> {
  const own = await trx
    .selectFrom('registrations')
    .select(['product_id', 'subject_id', 'name_key'])
    .where('cycle_id', '=', req.cycleId)
    .where('serial', '=', req.serial)
    .executeTakeFirst();
  const retry = own?.product_id === req.productId && own.subject_id === req.subjectId && own.name_key === req.nameKey;
  if (!retry) await refuseUnfitPrevious(trx, req);
  await trx
    .insertInto('registrations')
    .values({
      cycle_id: req.cycleId,
      serial: req.serial,
      product_id: req.productId,
      subject_id: req.subjectId,
      name_key: req.nameKey,
      registered_at: req.at,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const existing = await trx
    .selectFrom('registrations')
    .select('product_id')
    .where('cycle_id', '=', req.cycleId)
    .where('subject_id', '=', req.subjectId)
    .where('name_key', '=', req.nameKey)
    .executeTakeFirst();
  if (!existing) {
    // The serial went to another product: the cycle's serials are out of step with the table.
    throw ApplicationFailure.nonRetryable(
      `serial ${req.serial} of ${req.cycleId} is taken by another product`,
      'RegistrationConflict',
    );
  }
  return { duplicateOf: existing.product_id === req.productId ? null : existing.product_id };
}

export function cycleActivities(db: Kysely<Database>, notify: Notify) {
  async function report(cycleId: string, cycle: Cycle, at: string): Promise<CycleReport> {
    return compareWithTargets(await cycleFigures(db, cycleId), cycle.targets, at);
  }

  return {
    async recordCyclePhase(req: { cycleId: string; cycle: Cycle; phase: CyclePhase; at: string }): Promise<void> {
      const { cycle } = req;
      const row = {
        phase: req.phase,
        calendar: JSON.stringify(cycle.calendar),
        targets: JSON.stringify(cycle.targets),
        updated_at: req.at,
      };
      await db
        .insertInto('cycles')
        .values({ ...row, id: req.cycleId, province: cycle.province, year: cycle.year, rule_set: cycle.ruleSetId })
        .onConflict((oc) => oc.column('id').doUpdateSet(row).where('cycles.updated_at', '<=', new Date(req.at)))
        .execute();
    },

    /**
     * Reserves the cycle's next serial for a product, once per subject and
     * name. A retry of the same reservation finds its own row and succeeds.
     * A re-evaluation or an upgrade is first checked against the application
     * it names; a refusal writes nothing.
     */
    async reserveRegistration(req: Reservation): Promise<{ duplicateOf: string | null }> {
      return db.transaction().execute((trx) => reserve(trx, req));
    },

    /**
     * The reservations of a batch, in one transaction: each row as
     * reserveRegistration would take it, the serial moving on only for a row
     * registered. A retry after the rows landed finds each row's own and gives
     * the same answers.
     */
    async reserveRegistrations(req: BatchReservation): Promise<Reserved[]> {
      return db.transaction().execute(async (trx) => {
        const answers: Reserved[] = [];
        let serial = req.firstSerial;
        for (const row of req.rows) {
          const productId = makeProductId(req.cycleId, serial);
          try {
            const { duplicateOf } = await reserve(trx, { ...row, cycleId: req.cycleId, serial, productId, at: req.at });
            answers.push(duplicateOf ? { duplicateOf } : { productId });
            if (!duplicateOf) serial += 1;
          } catch (error) {
            if (!(error instanceof ApplicationFailure && error.type === 'ValidationError')) throw error;
            answers.push({ refused: error.message });
          }
        }
        return answers;
      });
    },

    /** Frees a reservation whose application could not be started; its serial stays spent. Repeatable. */
    async releaseRegistration(req: { cycleId: string; serial: number; productId: string }): Promise<void> {
      await db
        .deleteFrom('registrations')
        .where('cycle_id', '=', req.cycleId)
        .where('serial', '=', req.serial)
        .where('product_id', '=', req.productId)
        .execute();
    },

    /**
     * Open applications of the cycle that wait in `stages`, optionally at one
     * level. An application started so recently that it has not yet written its
     * row is known by its registration, and waits in REGISTERED.
     */
    async openApplications(req: { cycleId: string; stages: Stage[]; level?: LevelId }): Promise<string[]> {
      let query = db
        .selectFrom('products')
        .select('id')
        .where('cycle_id', '=', req.cycleId)
        .where('stage', 'in', req.stages);
      if (req.level) query = query.where('level', '=', req.level);
      if (req.stages.includes('REGISTERED') && !req.level) {
        query = query.union(
          db
            .selectFrom('registrations as r')
            .leftJoin('products as p', 'p.id', 'r.product_id')
            .select('r.product_id as id')
            .where('r.cycle_id', '=', req.cycleId)
            .where('p.id', 'is', null),
        );
      }
      return (await query.orderBy('id').execute()).map((r) => productWorkflowId(r.id));
    },

    /** "Registration closes in 7 days" to every subject whose product still has no dossier. */
    async noticeRegistrationClosing(req: {
      cycleWorkflowId: string;
      cycleId: string;
      province: string;
      closesAt: string;
      /** The dossier deadline the subjects must meet; absent from tasks scheduled before it was passed. */
      dossierDueAt?: string;
      offset: string;
    }): Promise<number> {
      const waiting = await db
        .selectFrom('products')
        .innerJoin('subjects', 'subjects.id', 'products.subject_id')
        .select(['products.id', 'products.name', 'subjects.name as subjectName', 'subjects.email'])
        .where('products.cycle_id', '=', req.cycleId)
        .where('products.stage', '=', 'REGISTERED')
        .orderBy('products.id')
        .execute();
      // Each subject's notice is written to the outbox on the first attempt, whoever's delivery fails.
      const failures: unknown[] = [];
      for (const product of waiting) {
        await notify({
          key: `${req.cycleWorkflowId}/registration-closing/${req.closesAt}/${req.offset}/${product.id}`,
          template: 'registration-closing',
          productId: product.id,
          province: req.province,
          deadlineKind: 'dossier',
          level: null,
          data: {
            productName: product.name,
            subjectName: product.subjectName,
            ...(req.dossierDueAt
              ? { dueAt: req.dossierDueAt, registrationClosesAt: req.closesAt }
              : { dueAt: req.closesAt }),
            offset: req.offset,
          },
          subjectEmail: product.email ?? undefined,
        }).catch((error: unknown) => failures.push(error));
      }
      if (failures.length) throw failures[0];
      return waiting.length;
    },

    /** The coordinators' digest of the applications that lapsed in (from, to]; nothing when none did. */
    async sendLapsedDigest(req: {
      cycleWorkflowId: string;
      cycleId: string;
      province: string;
      from: string;
      to: string;
    }): Promise<number> {
      const lapsed = await db
        .selectFrom('product_events as e')
        .innerJoin('products as p', 'p.id', 'e.product_id')
        .innerJoin('subjects as s', 's.id', 'p.subject_id')
        .select(['p.id', 'p.name', 's.name as subjectName', 'e.payload'])
        .where('p.cycle_id', '=', req.cycleId)
        .where('e.stage_to', '=', 'LAPSED')
        .where('e.occurred_at', '>', new Date(req.from))
        .where('e.occurred_at', '<=', new Date(req.to))
        .orderBy('p.id')
        .execute();
      if (lapsed.length === 0) return 0;
      await notify({
        key: `${req.cycleWorkflowId}/lapsed-digest/${req.to}`,
        template: 'lapsed-digest',
        productId: null,
        province: req.province,
        deadlineKind: null,
        level: null,
        data: {
          cycleId: req.cycleId,
          lapsed: lapsed.map((row) => {
            const { kind, dueAt } = (row.payload as { lapsedDeadline: { kind: string; dueAt: string } }).lapsedDeadline;
            return {
              productId: row.id,
              productName: row.name,
              subjectName: row.subjectName,
              deadlineKind: kind,
              dueAt,
            };
          }),
        },
      });
      return lapsed.length;
    },

    async cycleReport(req: { cycleId: string; cycle: Cycle; at: string }): Promise<CycleReport> {
      return report(req.cycleId, req.cycle, req.at);
    },

    /** Writes the final report once and tells the coordinators. */
    async writeFinalReport(req: {
      cycleWorkflowId: string;
      cycleId: string;
      cycle: Cycle;
      at: string;
    }): Promise<CycleReport> {
      const final = await report(req.cycleId, req.cycle, req.at);
      await db
        .updateTable('cycles')
        .set({ final_report: JSON.stringify(final), phase: 'ENDED', updated_at: req.at })
        .where('id', '=', req.cycleId)
        .execute();
      await notify({
        key: `${req.cycleWorkflowId}/final-report`,
        template: 'cycle-report',
        productId: null,
        province: req.cycle.province,
        deadlineKind: null,
        level: null,
        data: {
          cycleId: req.cycleId,
          registered: final.registered,
          targets: final.targets.map((t) => `${t.label}: ${t.actual}/${t.goal}`),
        },
      });
      return final;
    },
  };
}
