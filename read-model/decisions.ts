// The recognition decisions as the province announces them (migration 0009),
// and the revocation decisions read from the transitions the workflow records.
// Announcements carry what the decisions publish: the product, its subject's
// name, the stars and the certificate; never an e-mail, a phone or who typed it in.
import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type {
  AnnouncedDecision,
  AnnouncedProduct,
  AnnouncedRevocation,
  DecisionHeader,
  DecisionSummary,
} from '../domain/announcements';
import { RevocationGround } from '../domain/recognition';
import type { Database } from '../db/database';

export type { AnnouncedDecision, AnnouncedProduct, AnnouncedRevocation, DecisionHeader, DecisionSummary };

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type RecognitionDecisionsTable = {
  id: Generated<string>;
  province: string;
  cycle_id: string;
  /** The year of decided_on in Vietnam. */
  year: number;
  number: string;
  decided_on: Timestamp;
  authority: string;
  level: string;
  /** Who recorded it, under which grant: for the audit, never announced. */
  principal_id: string;
  grant_id: string;
  created_at: CreatedAt;
};

export type RecognitionDecisionProductsTable = {
  decision_id: string;
  product_id: string;
  stars: number;
  certificate_number: string;
  valid_until: Timestamp;
  recorded_at: CreatedAt;
};

export type DecisionTables = {
  recognition_decisions: RecognitionDecisionsTable;
  recognition_decision_products: RecognitionDecisionProductsTable;
};

type Db = Kysely<Database>;
const withDecisions = (db: Db) => db.withTables<DecisionTables>();

export const DECISIONS_LIMIT_MAX = 500;
export const DECISIONS_LIMIT_DEFAULT = 100;

/** The year of an instant on Vietnam's calendar (UTC+7, no daylight saving). */
export function vietnamYear(instant: string): number {
  return new Date(Date.parse(instant) + 7 * 3_600_000).getUTCFullYear();
}

export interface RecognisedProduct {
  productId: string;
  stars: number;
  certificateNumber: string;
  validUntil: string;
}

export interface StoredDecision extends DecisionHeader {
  id: string;
  year: number;
  /** The products it lists, as their certificates were issued. */
  products: RecognisedProduct[];
}

/** The decision of that number the province issued that year, with the products it lists. */
export async function findDecisionByNumber(
  db: Db,
  key: { province: string; number: string; decidedOn: string },
): Promise<StoredDecision | undefined> {
  const row = await withDecisions(db)
    .selectFrom('recognition_decisions')
    .selectAll()
    .where('province', '=', key.province)
    .where('year', '=', vietnamYear(key.decidedOn))
    .where('number', '=', key.number)
    .executeTakeFirst();
  if (!row) return undefined;
  const products = await withDecisions(db)
    .selectFrom('recognition_decision_products')
    .select(['product_id', 'stars', 'certificate_number', 'valid_until'])
    .where('decision_id', '=', row.id)
    .orderBy('product_id')
    .execute();
  return {
    ...headerOf(row),
    id: row.id,
    year: row.year,
    products: products.map((p) => ({
      productId: p.product_id,
      stars: p.stars,
      certificateNumber: p.certificate_number,
      validUntil: p.valid_until.toISOString(),
    })),
  };
}

function headerOf(row: {
  province: string;
  cycle_id: string;
  number: string;
  decided_on: Date;
  authority: string;
  level: string;
}): DecisionHeader {
  return {
    province: row.province,
    cycleId: row.cycle_id,
    number: row.number,
    decidedOn: row.decided_on.toISOString(),
    authority: row.authority,
    level: row.level,
  };
}

/**
 * Stores the decision once and lists the products the workflow accepted, in
 * one transaction: a retry finds both rows and adds nothing; two requests at
 * once meet on the unique keys. Returns the decision's id.
 */
export async function storeDecision(
  db: Db,
  header: DecisionHeader,
  by: { principalId: string; grantId: string },
  products: readonly RecognisedProduct[],
): Promise<string> {
  return withDecisions(db)
    .transaction()
    .execute(async (trx) => {
      const year = vietnamYear(header.decidedOn);
      await trx
        .insertInto('recognition_decisions')
        .values({
          province: header.province,
          cycle_id: header.cycleId,
          year,
          number: header.number,
          decided_on: header.decidedOn,
          authority: header.authority,
          level: header.level,
          principal_id: by.principalId,
          grant_id: by.grantId,
        })
        .onConflict((oc) => oc.columns(['province', 'year', 'number']).doNothing())
        .execute();
      const { id } = await trx
        .selectFrom('recognition_decisions')
        .select('id')
        .where('province', '=', header.province)
        .where('year', '=', year)
        .where('number', '=', header.number)
        .executeTakeFirstOrThrow();
      if (products.length > 0) {
        await trx
          .insertInto('recognition_decision_products')
          .values(
            products.map((p) => ({
              decision_id: id,
              product_id: p.productId,
              stars: p.stars,
              certificate_number: p.certificateNumber,
              valid_until: p.validUntil,
            })),
          )
          .onConflict((oc) => oc.column('product_id').doNothing())
          .execute();
      }
      return id;
    });
}

export interface DecisionQuery {
  province?: string;
  year?: number;
  cycle?: string;
  limit: number;
}

/** The decisions that list at least one product, newest first. */
export async function listDecisions(db: Db, query: DecisionQuery): Promise<DecisionSummary[]> {
  let select = withDecisions(db)
    .selectFrom('recognition_decisions as d')
    .innerJoin('recognition_decision_products as p', 'p.decision_id', 'd.id')
    .select(['d.id', 'd.province', 'd.cycle_id', 'd.year', 'd.number', 'd.decided_on', 'd.authority', 'd.level'])
    .select((eb) => eb.fn.countAll<string>().as('products'))
    .groupBy('d.id');
  if (query.province) select = select.where('d.province', '=', query.province);
  if (query.year !== undefined) select = select.where('d.year', '=', query.year);
  if (query.cycle) select = select.where('d.cycle_id', '=', query.cycle);
  const rows = await select.orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').limit(query.limit).execute();
  return rows.map((r) => ({
    ...headerOf(r),
    decisionId: r.id,
    year: r.year,
    products: Number(r.products),
  }));
}

/** One decision as announced, its products by id; undefined when none lists a product. */
export async function announcedDecision(db: Db, decisionId: string): Promise<AnnouncedDecision | undefined> {
  const d = await withDecisions(db)
    .selectFrom('recognition_decisions')
    .selectAll()
    .where('id', '=', decisionId)
    .executeTakeFirst();
  if (!d) return undefined;
  const rows = await withDecisions(db)
    .selectFrom('recognition_decision_products as p')
    .innerJoin('products as pr', 'pr.id', 'p.product_id')
    .leftJoin('subjects as s', 's.id', 'pr.subject_id')
    .select([
      'p.product_id',
      'p.stars',
      'p.certificate_number',
      'p.valid_until',
      'pr.name',
      'pr.product_group',
      'pr.unit',
      's.name as subject_name',
      's.type as subject_type',
    ])
    .where('p.decision_id', '=', decisionId)
    .orderBy('p.product_id')
    .limit(DECISIONS_LIMIT_MAX)
    .execute();
  if (rows.length === 0) return undefined;
  return {
    ...headerOf(d),
    decisionId: d.id,
    year: d.year,
    products: rows.length,
    items: rows.map((r) => ({
      productId: r.product_id,
      productName: r.name,
      productGroup: r.product_group,
      subjectName: r.subject_name ?? '',
      subjectType: r.subject_type ?? '',
      unit: r.unit,
      stars: r.stars,
      certificateNumber: r.certificate_number,
      validUntil: r.valid_until.toISOString(),
    })),
  };
}

/**
 * The revocations the issuing authorities decided, newest first, from the
 * transitions the workflow recorded: a declined proposal closes nothing and is
 * no revocation, and the decision's note stays with the product's own page.
 */
export async function listRevocations(
  db: Db,
  query: { province?: string; year?: number; limit: number },
): Promise<AnnouncedRevocation[]> {
  const decidedOn = sql<string>`e.payload->'decision'->>'decidedOn'`;
  let select = db
    .selectFrom('product_events as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .leftJoin('subjects as s', 's.id', 'p.subject_id')
    .select([
      'e.product_id',
      'p.name',
      'p.province',
      'p.certificate_no',
      's.name as subject_name',
      sql<string>`e.payload->'decision'->>'number'`.as('number'),
      decidedOn.as('decided_on'),
      sql<string>`e.payload->'decision'->>'authority'`.as('authority'),
      sql<string>`e.payload->>'ground'`.as('ground'),
    ])
    // The workflow closes the application REVOKED with the decision's payload; an inspection's revocation
    // of histories before decisions existed carries no decision and is no announcement.
    .where('e.stage_to', '=', 'REVOKED')
    .where(sql`e.payload->'decision'->>'number'`, 'is not', null);
  if (query.province) select = select.where('p.province', '=', query.province);
  if (query.year !== undefined) {
    select = select.where(
      sql`extract(year from (${decidedOn})::timestamptz at time zone 'Asia/Ho_Chi_Minh')`,
      '=',
      query.year,
    );
  }
  const rows = await select
    .orderBy(sql`(${decidedOn})::timestamptz`, 'desc')
    .orderBy('e.product_id')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    productName: r.name,
    subjectName: r.subject_name ?? '',
    province: r.province,
    certificateNumber: r.certificate_no,
    number: r.number,
    decidedOn: new Date(r.decided_on).toISOString(),
    authority: r.authority,
    // The workflow checked the ground against the catalogue when it took the decision.
    ground: RevocationGround.catch('other').parse(r.ground),
  }));
}
