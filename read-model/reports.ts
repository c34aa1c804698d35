// Figures of a cycle, counted from the read model in a handful of grouped
// queries: the cost grows with the products of one cycle and the province's
// certificates in force, never with history.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Visibility } from '../domain/access';
import {
  type ActiveAt,
  CERTIFICATE_STATUSES,
  type CertificateStatus,
  certifiedInCycle,
  type CycleFigures,
  type IssuedCertificate,
  keptProducts,
  noKinds,
  type ProvinceCertificate,
} from '../domain/report';
import { ApplicationKind, TERMINAL_STAGES } from '../domain/schemas';
import type { Database } from '../db/database';
import { visible } from './product-queries';

const RE_EVALUATION = sql<boolean>`kind = 're-evaluation'`;
const CLOSED = sql<boolean>`stage = any(${[...TERMINAL_STAGES]}::text[])`;

/** Certified in its cycle: the application was issued a certificate, whatever became of it since. */
export const HAS_CERTIFICATE = sql<SqlBool>`exists (select 1 from certificates c where c.product_id = products.id)`;

/** Holds a certificate in force at `at` (see domain/report.ts inForceAt). */
export const HOLDS_ACTIVE = (at: Date) =>
  sql<SqlBool>`exists (select 1 from certificates c where c.product_id = products.id and c.status = 'active'
    and c.decided_on <= ${at} and c.valid_until > ${at})`;

const iso = (at: Date | string) => new Date(at).toISOString();
/** A status the report does not know is not in force. */
const status = (value: string): CertificateStatus => CERTIFICATE_STATUSES.find((known) => known === value) ?? 'expired';

export interface FiguresOptions {
  /** The report's date, for "active at" and the kept products; now by default. */
  at?: Date;
}

/** The figures of a cycle's products, or only of those `scopes` let a caller see. */
export async function cycleFigures(
  db: Kysely<Database>,
  cycleId: string,
  scopes?: readonly Visibility[],
  options: FiguresOptions = {},
): Promise<CycleFigures> {
  const at = options.at ?? new Date();
  const shown: Expression<SqlBool> = scopes ? visible(scopes) : sql<SqlBool>`true`;
  const inCycle = db.selectFrom('products').where('cycle_id', '=', cycleId).where(shown);
  const cycle = await db
    .selectFrom('cycles')
    .select(['province', sql<string | null>`calendar->>'registrationOpens'`.as('opens')])
    .where('id', '=', cycleId)
    .executeTakeFirst();
  const province = cycle?.province ?? cycleId.split('-')[0] ?? '';
  // A cycle that has not written its row yet started a moment ago.
  const since = cycle?.opens ? iso(cycle.opens) : at.toISOString();

  const [stages, groups, subjects, headline, latest, active, earlier] = await Promise.all([
    inCycle
      .select(['stage', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('stage')
      .execute(),
    inCycle
      .select([
        'product_group',
        (eb) => eb.fn.countAll<string>().as('registered'),
        sql<string>`count(*) filter (where ${HAS_CERTIFICATE})`.as('certified'),
        sql<string>`count(*) filter (where ${HOLDS_ACTIVE(at)})`.as('active'),
      ])
      .groupBy('product_group')
      .execute(),
    db
      .selectFrom('subjects')
      .select(['type', (eb) => eb.fn.countAll<string>().as('n')])
      .where('id', 'in', inCycle.select('subject_id'))
      .groupBy('type')
      .execute(),
    inCycle
      .select([
        sql<string>`count(*) filter (where ${RE_EVALUATION} and (certificate_no is not null or ${CLOSED}))`.as(
          'reDecided',
        ),
        sql<string>`count(*) filter (where ${RE_EVALUATION} and certificate_no is not null and stars >= 3)`.as(
          'reKept',
        ),
        (eb) => eb.fn.countAll<string>().as('registered'),
      ])
      .executeTakeFirstOrThrow(),
    latestCertificates(db, cycleId, shown),
    activeAt(db, province, shown, at),
    provinceCertificates(db, province, shown, new Date(since)),
  ]);

  const certified = certifiedInCycle(latest);
  const stars = (min: number, kind?: ApplicationKind) =>
    latest.filter((c) => c.stars >= min && (!kind || c.kind === kind)).length;
  const byType = Object.fromEntries(subjects.map((s) => [s.type, Number(s.n)]));
  return {
    cycleId,
    registered: Number(headline.registered),
    byStage: Object.fromEntries(stages.map((s) => [s.stage, Number(s.n)])),
    byStars: certified.byStars,
    byGroup: Object.fromEntries(
      groups.map((g) => [
        g.product_group,
        { registered: Number(g.registered), certified: Number(g.certified), active: Number(g.active) },
      ]),
    ),
    subjects: { total: Object.values(byType).reduce((a, b) => a + b, 0), byType },
    certifiedInCycle: certified,
    activeAt: active,
    keptProducts: keptProducts(earlier, since, at.toISOString()),
    newThreeStarsOrMore: stars(3, 'new'),
    fourStarsOrMore: stars(4),
    fiveStars: stars(5),
    reEvaluationsDecided: Number(headline.reDecided),
    reEvaluationsKept: Number(headline.reKept),
  };
}

const kindOf = (value: string): ApplicationKind => ApplicationKind.catch('new').parse(value);

/**
 * Each of the cycle's applications with its latest certificate: a provincial
 * rating superseded by the central one counts once, at the central one.
 */
async function latestCertificates(
  db: Kysely<Database>,
  cycleId: string,
  shown: Expression<SqlBool>,
): Promise<IssuedCertificate[]> {
  const rows = await db
    .selectFrom('certificates as c')
    .innerJoin('products', 'products.id', 'c.product_id')
    .distinctOn('c.product_id')
    .select(['products.kind', 'c.stars', 'c.status', 'c.decided_on', 'c.valid_until'])
    .where('products.cycle_id', '=', cycleId)
    .where(shown)
    .orderBy('c.product_id')
    .orderBy('c.decided_on', 'desc')
    .orderBy('c.serial', 'desc')
    .execute();
  return rows.map((r) => ({
    kind: kindOf(r.kind),
    stars: r.stars,
    status: status(r.status),
    decidedOn: iso(r.decided_on),
    validUntil: iso(r.valid_until),
  }));
}

/** The province's certificates in force at `at`, whichever cycle issued them. */
async function activeAt(
  db: Kysely<Database>,
  province: string,
  shown: Expression<SqlBool>,
  at: Date,
): Promise<ActiveAt> {
  const rows = await db
    .selectFrom('certificates as c')
    .innerJoin('products', 'products.id', 'c.product_id')
    .select(['products.kind', 'c.stars', (eb) => eb.fn.countAll<string>().as('n')])
    .where('c.province', '=', province)
    .where('c.status', '=', 'active')
    .where('c.decided_on', '<=', at)
    .where('c.valid_until', '>', at)
    .where(shown)
    .groupBy(['products.kind', 'c.stars'])
    .execute();
  const figures: ActiveAt = { at: at.toISOString(), total: 0, byKind: noKinds(), byStars: {} };
  for (const r of rows) {
    const n = Number(r.n);
    figures.total += n;
    figures.byKind[kindOf(r.kind)] += n;
    figures.byStars[String(r.stars)] = (figures.byStars[String(r.stars)] ?? 0) + n;
  }
  return figures;
}

/**
 * The province's certificates valid at some time since `since`, with their
 * product, and when an ended one ended: its product's closing event of the
 * same name (REVOKED for revoked, EXPIRED for expired, SUPERSEDED for superseded).
 */
async function provinceCertificates(
  db: Kysely<Database>,
  province: string,
  shown: Expression<SqlBool>,
  since: Date,
): Promise<ProvinceCertificate[]> {
  const rows = await db
    .selectFrom('certificates as c')
    .innerJoin('products', 'products.id', 'c.product_id')
    .select((eb) => [
      'c.number',
      'c.product_id',
      'products.name',
      'products.subject_id',
      'products.kind',
      'c.stars',
      'c.status',
      'c.decided_on',
      'c.valid_until',
      eb
        .selectFrom('product_events as e')
        .select((e) => e.fn.min('e.occurred_at').as('at'))
        .whereRef('e.product_id', '=', 'c.product_id')
        .where(sql<SqlBool>`e.stage_to = upper(c.status)`)
        .as('ended_at'),
    ])
    .where('c.province', '=', province)
    .where('c.valid_until', '>', since)
    .where(shown)
    .execute();
  return rows.map((r) => ({
    number: r.number,
    productId: r.product_id,
    productName: r.name,
    subjectId: r.subject_id,
    kind: kindOf(r.kind),
    stars: r.stars,
    status: status(r.status),
    decidedOn: iso(r.decided_on),
    validUntil: iso(r.valid_until),
    endedAt: r.ended_at ? iso(r.ended_at) : null,
  }));
}
