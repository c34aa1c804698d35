// What the API scenario reads and acts on: real product applications for the
// actions, and a province's worth of rows written straight into the read model
// for the lists, which read nothing else.
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { OcopClient } from '../client/ocop-client';
import type { Database, ProductsTable } from '../db/database';
import { productId, productWorkflowId } from '../domain/ids';
import type { ProductGroup, Stage, SubjectType } from '../domain/schemas';
import { waitFor } from './driver';

/** The demo accounts' province: their grants are for Cao Bằng. */
export const PROVINCE = 'CB';
/** Synthetic years, so that a bench cycle is never mistaken for a real one. */
export const ACTION_CYCLE = `${PROVINCE}-2099`;
export const LIST_CYCLE = `${PROVINCE}-2098`;

/** Cao Bằng's districts (domain/units.ts): products are spread over all ten. */
export const UNITS = ['040', '042', '043', '045', '047', '048', '049', '051', '052', '053'] as const;
const GROUPS: ProductGroup[] = ['food', 'beverage', 'herbal', 'handicraft', 'ornamental', 'tourism'];
const SUBJECT_TYPES: SubjectType[] = ['cooperative', 'enterprise', 'household', 'cooperative_group'];
const NAMES = [
  'Hạt dẻ Trùng Khánh',
  'Miến dong Nguyên Bình',
  'Chè Shan tuyết',
  'Bánh cuốn Cao Bằng',
  'Mật ong bạc hà',
  'Rượu men lá',
  'Hương nhang Phja Thắp',
  'Lạp sườn hun khói',
  'Thổ cẩm Tày',
  'Gạo nếp cẩm',
];

/** The stage mix of a cycle in its evaluation months, out of 20. */
const STAGE_MIX: readonly [Stage, number][] = [
  ['REGISTERED', 3],
  ['DOSSIER_REVIEW', 5],
  ['AWAITING_SUPPLEMENT', 2],
  ['EVALUATION', 4],
  ['POST_INSPECTION', 4],
  ['REJECTED', 1],
  ['WITHDRAWN', 1],
];
const STAGE_OF: Stage[] = STAGE_MIX.flatMap(([stage, weight]) => Array<Stage>(weight).fill(stage));
const DAY_MS = 86_400_000;

/**
 * A deterministic spread of i over 0..n-1, independent of i's residues, so that
 * name, group, stage, deadline and recency do not follow the unit (i mod 10). murmur3's finaliser.
 */
function spreadOf(i: number, n: number, salt: number): number {
  let x = Math.imul(i + 1, 0x9e3779b1) ^ salt;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) >>> 0) % n;
}

function listRow(i: number, now: number): Insertable<ProductsTable> {
  const id = productId(LIST_CYCLE, i);
  const stage = STAGE_OF[spreadOf(i, STAGE_OF.length, 1)]!;
  const certified = stage === 'POST_INSPECTION';
  const closed = stage === 'REJECTED' || stage === 'WITHDRAWN';
  // From 10 days overdue to 60 days ahead: some of every kind of task, most not yet due.
  const deadline = closed ? null : new Date(now + (spreadOf(i, 70 * 24, 2) / 24 - 10) * DAY_MS);
  return {
    id,
    workflow_id: productWorkflowId(id),
    cycle_id: LIST_CYCLE,
    province: PROVINCE,
    year: 2098,
    name: `${NAMES[spreadOf(i, NAMES.length, 4)]!} ${i}`,
    product_group: GROUPS[spreadOf(i, GROUPS.length, 5)]!,
    subject_id: `cb-chu-the-${i % 3000}`,
    kind: 'new',
    rule_set: 'OCOP_148_2023',
    stage,
    level: stage === 'EVALUATION' || certified ? 'district' : null,
    stars: certified ? 3 + (i % 3) : null,
    score: certified ? 60 + (i % 30) : null,
    next_deadline: deadline,
    certificate_no: certified ? `CB-2098-${String(i).padStart(5, '0')}` : null,
    unit: UNITS[i % UNITS.length]!,
    last_seq: 1,
    updated_at: new Date(now - spreadOf(i, 10_000, 3) * 60_000),
  };
}

/** `count` products of LIST_CYCLE inserted in bulk, then analysed as autovacuum would soon do. */
export async function insertListProducts(db: Kysely<Database>, count: number): Promise<void> {
  const now = Date.now();
  const BATCH = 1000;
  for (let start = 0; start < count; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => listRow(start + k, now));
    await db.insertInto('products').values(rows).execute();
  }
  await sql`analyze products`.execute(db);
}

/**
 * `count` applications of ACTION_CYCLE registered through the client library
 * and left in REGISTERED, where a coordinator may extend the dossier deadline
 * as often as it likes, each time to a later date. Resolves once the read
 * model has them all, since the API finds a product's place there.
 */
export async function registerActionProducts(ocop: OcopClient, db: Kysely<Database>, count: number): Promise<void> {
  const dossierDue = new Date(Date.now() + 30 * DAY_MS).toISOString();
  const register = (i: number) =>
    ocop.startProductApplication({
      productId: productId(ACTION_CYCLE, i),
      cycleId: ACTION_CYCLE,
      province: PROVINCE,
      year: 2099,
      ruleSetId: 'OCOP_148_2023',
      product: { name: `Sản phẩm ${i}`, group: GROUPS[i % GROUPS.length]! },
      subject: { id: `cb-chu-the-${i}`, name: `Chủ thể ${i}`, type: SUBJECT_TYPES[i % SUBJECT_TYPES.length]! },
      unit: UNITS[i % UNITS.length]!,
      registeredBy: { id: 'vp-ocop', role: 'coordinator' },
      deadlines: { dossier: dossierDue, evaluation: {} },
      durations: { reminderOffsets: [] },
    });
  const LANES = 20;
  let next = 0;
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      for (let i = next++; i < count; i = next++) await register(i);
    }),
  );
  const seen = await waitFor(async () => {
    const row = await db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('cycle_id', '=', ACTION_CYCLE)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }, count);
  if (!seen.reached) throw new Error(`only ${seen.count} of ${count} registered products reached the read model`);
}
