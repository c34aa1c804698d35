// A cycle's dashboard beyond its report, counted in SQL over the read model and
// scoped like the product list: by unit, by kind of application, what falls
// due soon, what lapsed or was escalated, and the latest actions. Lists are
// the newest or soonest few; counts cover the whole cycle.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../domain/access';
import { ENGINE_ACTOR_ID, TERMINAL_STAGES } from '../domain/schemas';
import type { Database } from '../db/database';
import { visible } from './product-queries';
import { HAS_CERTIFICATE, HOLDS_ACTIVE } from './reports';

/** How many products each list of the dashboard names at most. */
export const DASHBOARD_LIST_LIMIT = 20;
const DAY_MS = 86_400_000;
const ESCALATION = 'deadline-escalation';

/** `certified`: certified in this cycle; `active`: of those, in force now (the report's named figures). */
export interface UnitCount {
  unit: string;
  registered: number;
  certified: number;
  active: number;
}

export interface DueProduct {
  productId: string;
  name: string;
  stage: string;
  unit: string | null;
  dueAt: string;
  certificateValidUntil: string | null;
  lastInspectionOutcome: string | null;
}

export interface Lapse {
  productId: string;
  name: string;
  at: string;
  kind: 'lapsed' | 'escalation';
  /** The kind of deadline that passed. */
  detail: string | null;
}

export interface RecentAction {
  productId: string;
  name: string;
  action: string;
  at: string;
  actorName: string | null;
  actorRole: string;
  stageTo: string;
}

export interface DashboardFigures {
  byUnit: UnitCount[];
  byKind: Record<string, number>;
  deadlines: { within7Days: number; within30Days: number; soonest: DueProduct[] };
  lapses: { lapsed: number; overdue: number; escalations: number; recent: Lapse[] };
  recent: RecentAction[];
}

const OPEN = sql<SqlBool>`products.stage <> all(${[...TERMINAL_STAGES]}::text[])`;
const iso = (at: Date | string) => new Date(at).toISOString();

export async function dashboardFigures(
  db: Kysely<Database>,
  cycleId: string,
  scopes: readonly Visibility[],
  now: Date,
): Promise<DashboardFigures> {
  const shown: Expression<SqlBool> = sql<SqlBool>`products.cycle_id = ${cycleId} and ${visible(scopes)}`;
  const [byUnit, byKind, counts, soonest, escalations, lapses, recent] = await Promise.all([
    unitCounts(db, shown, now),
    kindCounts(db, shown),
    deadlineCounts(db, shown, now),
    soonestDue(db, shown, now),
    escalationCount(db, shown),
    recentLapses(db, shown),
    recentActions(db, shown),
  ]);
  return {
    byUnit,
    byKind,
    deadlines: { within7Days: counts.within7, within30Days: counts.within30, soonest },
    lapses: { lapsed: counts.lapsed, overdue: counts.overdue, escalations, recent: lapses },
    recent,
  };
}

async function unitCounts(db: Kysely<Database>, shown: Expression<SqlBool>, now: Date): Promise<UnitCount[]> {
  const rows = await db
    .selectFrom('products')
    .select([
      'unit',
      (eb) => eb.fn.countAll<string>().as('registered'),
      sql<string>`count(*) filter (where ${HAS_CERTIFICATE})`.as('certified'),
      sql<string>`count(*) filter (where ${HOLDS_ACTIVE(now)})`.as('active'),
    ])
    .where(shown)
    .where('unit', 'is not', null)
    .groupBy('unit')
    .orderBy('unit')
    .execute();
  return rows.map((r) => ({
    unit: r.unit ?? '',
    registered: Number(r.registered),
    certified: Number(r.certified),
    active: Number(r.active),
  }));
}

async function kindCounts(db: Kysely<Database>, shown: Expression<SqlBool>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('products')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where(shown)
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

async function deadlineCounts(db: Kysely<Database>, shown: Expression<SqlBool>, now: Date) {
  const week = new Date(now.getTime() + 7 * DAY_MS);
  const month = new Date(now.getTime() + 30 * DAY_MS);
  const row = await db
    .selectFrom('products')
    .select([
      sql<string>`count(*) filter (where ${OPEN} and next_deadline > ${now} and next_deadline <= ${week})`.as(
        'within7',
      ),
      sql<string>`count(*) filter (where ${OPEN} and next_deadline > ${now} and next_deadline <= ${month})`.as(
        'within30',
      ),
      sql<string>`count(*) filter (where ${OPEN} and next_deadline <= ${now})`.as('overdue'),
      sql<string>`count(*) filter (where stage = 'LAPSED')`.as('lapsed'),
    ])
    .where(shown)
    .executeTakeFirstOrThrow();
  return {
    within7: Number(row.within7),
    within30: Number(row.within30),
    overdue: Number(row.overdue),
    lapsed: Number(row.lapsed),
  };
}

/** The open products due next, with what tells a post-inspection's date from a certificate's expiry. */
async function soonestDue(db: Kysely<Database>, shown: Expression<SqlBool>, now: Date): Promise<DueProduct[]> {
  const next = db
    .selectFrom('products')
    .select(['id', 'name', 'stage', 'unit', 'next_deadline'])
    .where(shown)
    .where(OPEN)
    .where('next_deadline', '>', now)
    .orderBy('next_deadline')
    .orderBy('id')
    .limit(DASHBOARD_LIST_LIMIT)
    .as('next');
  // Looked up for the few products listed only, after the limit.
  const rows = await db
    .selectFrom(next)
    .selectAll('next')
    .select((eb) => [
      eb
        .selectFrom('certificates')
        .select('valid_until')
        .whereRef('certificates.product_id', '=', 'next.id')
        .orderBy('decided_on', 'desc')
        .limit(1)
        .as('valid_until'),
      eb
        .selectFrom('inspections')
        .select('outcome')
        .whereRef('inspections.product_id', '=', 'next.id')
        .orderBy('seq', 'desc')
        .limit(1)
        .as('last_outcome'),
    ])
    .orderBy('next.next_deadline')
    .orderBy('next.id')
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    name: r.name,
    stage: r.stage,
    unit: r.unit,
    dueAt: iso(r.next_deadline ?? now),
    certificateValidUntil: r.valid_until ? iso(r.valid_until) : null,
    lastInspectionOutcome: r.last_outcome ?? null,
  }));
}

/** Escalations name their product in the payload (activities/notify.ts); a partial index finds them (0007). */
const ESCALATED_PRODUCT = sql<string>`(notifications.payload->>'productId')`;

async function escalationCount(db: Kysely<Database>, shown: Expression<SqlBool>): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .innerJoin('products', (join) => join.on(sql<SqlBool>`products.id = ${ESCALATED_PRODUCT}`))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('notifications.template', '=', ESCALATION)
    .where(shown)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The latest lapses and escalations. A lapse closes its product, so the
 * product's updated_at is when it lapsed; the event is read for the few shown.
 */
async function recentLapses(db: Kysely<Database>, shown: Expression<SqlBool>): Promise<Lapse[]> {
  const lastLapsed = db
    .selectFrom('products')
    .select(['id', 'name', 'updated_at'])
    .where(shown)
    .where('stage', '=', 'LAPSED')
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(DASHBOARD_LIST_LIMIT)
    .as('lapsed');
  const lapsed = db.selectFrom(lastLapsed).select((eb) => [
    'lapsed.id',
    'lapsed.name',
    'lapsed.updated_at as at',
    sql<string>`'lapsed'`.as('kind'),
    eb
      .selectFrom('product_events')
      .select(sql<string | null>`payload->'lapsedDeadline'->>'kind'`.as('kind'))
      .whereRef('product_events.product_id', '=', 'lapsed.id')
      .where('product_events.stage_to', '=', 'LAPSED')
      .limit(1)
      .as('detail'),
  ]);
  const escalated = db
    .selectFrom('notifications')
    .innerJoin('products', (join) => join.on(sql<SqlBool>`products.id = ${ESCALATED_PRODUCT}`))
    .select([
      'products.id',
      'products.name',
      'notifications.created_at as at',
      sql<string>`'escalation'`.as('kind'),
      sql<string | null>`notifications.payload->>'deadlineKind'`.as('detail'),
    ])
    .where('notifications.template', '=', ESCALATION)
    .where(shown);
  const rows = await db
    .selectFrom(lapsed.unionAll(escalated).as('lapse'))
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(DASHBOARD_LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    name: r.name,
    at: iso(r.at),
    kind: r.kind === 'lapsed' ? 'lapsed' : 'escalation',
    detail: r.detail,
  }));
}

/**
 * The newest events of the products shown. A product's updated_at is the time
 * of its latest event (activities/persistence.ts moves it forward with every
 * event), so the newest events all belong to the most recently updated
 * products: those are found first, and only their events are read.
 */
async function recentActions(db: Kysely<Database>, shown: Expression<SqlBool>): Promise<RecentAction[]> {
  const latest = db
    .selectFrom('products')
    .select(['id', 'name'])
    .where(shown)
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(DASHBOARD_LIST_LIMIT)
    .as('latest');
  const rows = await db
    .selectFrom('product_events as e')
    .innerJoin(latest, 'latest.id', 'e.product_id')
    .leftJoin('principals as p', (join) => join.on(sql<SqlBool>`p.id::text = e.principal_id`))
    .select([
      'e.product_id',
      'latest.name',
      'e.action',
      'e.occurred_at',
      'p.display_name',
      'e.actor_id',
      'e.actor_role',
      'e.stage_to',
    ])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(DASHBOARD_LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    action: r.action,
    at: iso(r.occurred_at),
    actorName: r.display_name ?? null,
    // The engine's own steps carry a coordinator's role for the workflow's checks; no one of the office took them.
    actorRole: r.actor_id === ENGINE_ACTOR_ID ? 'system' : r.actor_role,
    stageTo: r.stage_to,
  }));
}
