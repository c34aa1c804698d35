// Figures of a cycle, counted from the read model in a handful of grouped
// queries: the cost grows with the products of one cycle, never with history.
import { type Kysely, sql } from 'kysely';
import type { Visibility } from '../domain/access';
import type { CycleFigures } from '../domain/report';
import { TERMINAL_STAGES } from '../domain/schemas';
import type { Database } from './database';
import { visible } from './product-queries';

const CERTIFIED = sql<boolean>`certificate_no is not null`;
const RE_EVALUATION = sql<boolean>`kind = 're-evaluation'`;
const CLOSED = sql<boolean>`stage = any(${[...TERMINAL_STAGES]}::text[])`;

/** The figures of a cycle's products, or only of those `scopes` let a caller see. */
export async function cycleFigures(
  db: Kysely<Database>,
  cycleId: string,
  scopes?: readonly Visibility[],
): Promise<CycleFigures> {
  const everyProduct = db.selectFrom('products').where('cycle_id', '=', cycleId);
  const inCycle = scopes ? everyProduct.where(visible(scopes)) : everyProduct;

  const [stages, stars, groups, subjects, headline] = await Promise.all([
    inCycle
      .select(['stage', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('stage')
      .execute(),
    inCycle
      .select(['stars', (eb) => eb.fn.countAll<string>().as('n')])
      .where(CERTIFIED)
      .groupBy('stars')
      .execute(),
    inCycle
      .select([
        'product_group',
        (eb) => eb.fn.countAll<string>().as('registered'),
        sql<string>`count(*) filter (where ${CERTIFIED})`.as('certified'),
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
        sql<string>`count(*) filter (where ${CERTIFIED} and kind = 'new' and stars >= 3)`.as('newThree'),
        sql<string>`count(*) filter (where ${CERTIFIED} and stars >= 4)`.as('four'),
        sql<string>`count(*) filter (where ${CERTIFIED} and stars = 5)`.as('five'),
        sql<string>`count(*) filter (where ${RE_EVALUATION} and (${CERTIFIED} or ${CLOSED}))`.as('reDecided'),
        sql<string>`count(*) filter (where ${RE_EVALUATION} and ${CERTIFIED} and stars >= 3)`.as('reKept'),
        (eb) => eb.fn.countAll<string>().as('registered'),
      ])
      .executeTakeFirstOrThrow(),
  ]);

  const byType = Object.fromEntries(subjects.map((s) => [s.type, Number(s.n)]));
  return {
    cycleId,
    registered: Number(headline.registered),
    byStage: Object.fromEntries(stages.map((s) => [s.stage, Number(s.n)])),
    byStars: Object.fromEntries(stars.map((s) => [String(s.stars), Number(s.n)])),
    byGroup: Object.fromEntries(
      groups.map((g) => [g.product_group, { registered: Number(g.registered), certified: Number(g.certified) }]),
    ),
    subjects: { total: Object.values(byType).reduce((a, b) => a + b, 0), byType },
    newThreeStarsOrMore: Number(headline.newThree),
    fourStarsOrMore: Number(headline.four),
    fiveStars: Number(headline.five),
    reEvaluationsDecided: Number(headline.reDecided),
    reEvaluationsKept: Number(headline.reKept),
  };
}
