// The product list and a product's page, read from the read model. Lists are
// scoped in SQL by what the caller's grants let it see, and paged by keyset
// (the sort key, then the id), so a page costs the same at any depth.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../domain/access';
import type { ProductFilter, ProductSortKey } from '../domain/product-list';
import type { Database } from '../db/database';

export interface ProductPage {
  sort: ProductSortKey;
  descending: boolean;
  limit: number;
  /** Where the previous page ended. */
  after?: { key: string | number; id: string };
}

export interface ProductListItem {
  productId: string;
  cycleId: string;
  province: string;
  name: string;
  group: string;
  subjectId: string;
  unit: string | null;
  kind: string;
  stage: string;
  level: string | null;
  stars: number | null;
  score: number | null;
  nextDeadline: string | null;
  certificateNo: string | null;
  updatedAt: string;
}

// Nulls sort as the far end, so a keyset comparison never meets one.
const SORT_EXPRESSIONS: Record<ProductSortKey, ReturnType<typeof sql>> = {
  name: sql`lower(products.name)`,
  deadline: sql`coalesce(products.next_deadline, 'infinity'::timestamptz)`,
  stage: sql`products.stage`,
  stars: sql`coalesce(products.stars, 0)`,
  updated: sql`products.updated_at`,
};

/** Escapes LIKE's wildcards, so a search for "100%" finds that text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The products the scopes let a caller see; none for no scope at all. */
export function visible(scopes: readonly Visibility[]): Expression<SqlBool> {
  const parts = scopes.map((v) => {
    if (v.units === 'all' || v.subjectIds === 'all') return sql<SqlBool>`products.province = ${v.province}`;
    const ors = [sql<SqlBool>`false`];
    if (v.units.length) ors.push(sql<SqlBool>`products.unit = any(${v.units}::text[])`);
    if (v.subjectIds.length) ors.push(sql<SqlBool>`products.subject_id = any(${v.subjectIds}::text[])`);
    return sql<SqlBool>`(products.province = ${v.province} and (${sql.join(ors, sql` or `)}))`;
  });
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

/** The products the scopes let a caller see that pass the filter, before any sort or page. */
function matching(db: Kysely<Database>, scopes: readonly Visibility[], filter: ProductFilter) {
  let query = db.selectFrom('products').where(visible(scopes));
  if (filter.cycle) query = query.where('cycle_id', '=', filter.cycle);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.stars !== undefined) query = query.where('stars', '=', filter.stars);
  if (filter.group) query = query.where('product_group', '=', filter.group);
  if (filter.unit) query = query.where('unit', '=', filter.unit);
  if (filter.subject) query = query.where('subject_id', '=', filter.subject);
  // The type is the subject's, recorded once in `subjects` when it first registers.
  if (filter.subjectType) {
    const ofType = db.selectFrom('subjects').select('subjects.id').where('subjects.type', '=', filter.subjectType);
    query = query.where('subject_id', 'in', ofType);
  }
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.deadlineBefore) query = query.where('next_deadline', '<', new Date(filter.deadlineBefore));
  if (filter.q) query = query.where(sql<SqlBool>`products.name ilike ${likePattern(filter.q)} escape '\\'`);
  return query;
}

export async function listProducts(
  db: Kysely<Database>,
  scopes: readonly Visibility[],
  filter: ProductFilter,
  page: ProductPage,
): Promise<{ items: ProductListItem[]; next: { key: string | number; id: string } | null }> {
  const order = page.descending ? sql`desc` : sql`asc`;
  const key = SORT_EXPRESSIONS[page.sort];
  // The cursor carries the key as PostgreSQL renders it, so the next page compares what this one sorted by
  // (JavaScript lowers case and rounds timestamps otherwise than the database does).
  let query = matching(db, scopes, filter)
    .selectAll('products')
    .select(sql<string>`(${key})::text`.as('sort_key'));
  if (page.after) {
    const typed = page.sort === 'stars' ? sql`${page.after.key}::int` : sql`${page.after.key}`;
    const cast = page.sort === 'deadline' || page.sort === 'updated' ? sql`${page.after.key}::timestamptz` : typed;
    query = page.descending
      ? query.where(sql<SqlBool>`(${key}, products.id) < (${cast}, ${page.after.id})`)
      : query.where(sql<SqlBool>`(${key}, products.id) > (${cast}, ${page.after.id})`);
  }
  const rows = await query
    .orderBy(sql`${key} ${order}`)
    .orderBy(sql`products.id ${order}`)
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    next: more && last ? { key: last.sort_key, id: last.id } : null,
  };
}

/** How many products the scopes let a caller see that pass the filter, on every page together. */
export async function countProducts(
  db: Kysely<Database>,
  scopes: readonly Visibility[],
  filter: ProductFilter,
): Promise<number> {
  const row = await matching(db, scopes, filter)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function toItem(row: ProductRow): ProductListItem {
  return {
    productId: row.id,
    cycleId: row.cycle_id,
    province: row.province,
    name: row.name,
    group: row.product_group,
    subjectId: row.subject_id,
    unit: row.unit,
    kind: row.kind,
    stage: row.stage,
    level: row.level,
    stars: row.stars,
    score: row.score,
    nextDeadline: row.next_deadline ? row.next_deadline.toISOString() : null,
    certificateNo: row.certificate_no,
    updatedAt: row.updated_at.toISOString(),
  };
}

type ProductRow = Awaited<ReturnType<typeof findProductRow>> & object;

export function findProductRow(db: Kysely<Database>, productId: string) {
  return db.selectFrom('products').selectAll().where('id', '=', productId).executeTakeFirst();
}

export async function findProduct(db: Kysely<Database>, productId: string): Promise<ProductListItem | undefined> {
  const row = await findProductRow(db, productId);
  return row && toItem(row);
}

export interface TimelineEntry {
  seq: number;
  action: string;
  at: string;
  stageFrom: string | null;
  stageTo: string;
  level: string | null;
  actor: {
    id: string;
    role: string;
    name: string | null;
    principalId: string | null;
    grantId: string | null;
    grant: { role: string; province: string; unit: string | null; level: string | null } | null;
  };
}

/** A product's audit trail, oldest first, with who acted under which grant. */
export async function productTimeline(db: Kysely<Database>, productId: string): Promise<TimelineEntry[]> {
  const rows = await db
    .selectFrom('product_events as e')
    .leftJoin('principals as p', (join) => join.on(sql<SqlBool>`p.id::text = e.principal_id`))
    .leftJoin('grants as g', (join) => join.on(sql<SqlBool>`g.id::text = e.grant_id`))
    .select([
      'e.seq',
      'e.action',
      'e.occurred_at',
      'e.stage_from',
      'e.stage_to',
      'e.level',
      'e.actor_id',
      'e.actor_role',
      'e.principal_id',
      'e.grant_id',
      'p.display_name',
      'g.role as grant_role',
      'g.province as grant_province',
      'g.unit as grant_unit',
      'g.level as grant_level',
    ])
    .where('e.product_id', '=', productId)
    .orderBy('e.seq')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    at: r.occurred_at.toISOString(),
    stageFrom: r.stage_from,
    stageTo: r.stage_to,
    level: r.level,
    actor: {
      id: r.actor_id,
      role: r.actor_role,
      name: r.display_name ?? null,
      principalId: r.principal_id,
      grantId: r.grant_id,
      grant:
        r.grant_role && r.grant_province
          ? { role: r.grant_role, province: r.grant_province, unit: r.grant_unit ?? null, level: r.grant_level ?? null }
          : null,
    },
  }));
}

export async function productScores(db: Kysely<Database>, productId: string) {
  const rows = await db
    .selectFrom('score_sheets')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('recorded_at')
    .orderBy('member_id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    level: r.level,
    memberId: r.member_id,
    parts: r.parts,
    total: r.total,
    recordedAt: r.recorded_at.toISOString(),
  }));
}

export async function productCertificate(db: Kysely<Database>, productId: string) {
  const row = await db
    .selectFrom('certificates')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('decided_on', 'desc')
    .executeTakeFirst();
  return row
    ? {
        number: row.number,
        level: row.level,
        stars: row.stars,
        decidedOn: row.decided_on.toISOString(),
        validUntil: row.valid_until.toISOString(),
        status: row.status,
        // The recognition decision that issued it; null for certificates issued before the decision step.
        decisionNumber: row.decision_number,
        decisionDate: row.decision_date ? row.decision_date.toISOString() : null,
        decisionAuthority: row.decision_authority,
      }
    : null;
}

export async function productInspections(db: Kysely<Database>, productId: string) {
  const rows = await db
    .selectFrom('inspections')
    .selectAll()
    .where('product_id', '=', productId)
    .orderBy('seq')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    round: r.round,
    dueAt: r.due_at.toISOString(),
    inspectedAt: r.inspected_at ? r.inspected_at.toISOString() : null,
    outcome: r.outcome,
    details: r.details,
  }));
}
