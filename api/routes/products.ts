// The product list (filtered, sorted, paged, scoped to what the caller may
// see) and a product's page: its state, timeline, scores, certificate and
// inspections.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  countProducts,
  findProduct,
  listProducts,
  productCertificate,
  productInspections,
  productScores,
  productTimeline,
} from '../../read-model/product-queries';
import { type ProductPlace, visibility } from '../../domain/access';
import { ProductId } from '../../domain/ids';
import { PRODUCT_CSV_MAX_ROWS, ProductListQuery, sortOrder } from '../../domain/product-list';
import { RuleSetId } from '../../domain/rules';
import { LevelId } from '../../domain/schemas';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { ProductStateDoc } from '../openapi';
import { ApiProblem, badRequest, notFound, PROBLEM_RESPONSES } from '../problem';
import { actionsFor, ProductAction, workflowUrlFor } from './product-actions';
import { PRODUCT_CSV_HEADER, productsCsv } from './products-csv';
import { wantsCsv } from './reports';

export interface ProductTarget {
  province: string;
  product: ProductPlace;
  ruleSetId: RuleSetId;
  workflowId: string;
}

/** Where a product is, for authorization: 404 when the read model does not know it. */
export async function productTarget(ctx: ApiContext, productId: string): Promise<ProductTarget> {
  const row = await ctx.db
    .selectFrom('products')
    .select(['province', 'unit', 'subject_id', 'level', 'rule_set', 'workflow_id'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!row) throw notFound(`product ${productId} not found`);
  const level = LevelId.safeParse(row.level);
  return {
    province: row.province,
    product: { unit: row.unit, subjectId: row.subject_id, level: level.success ? level.data : null },
    ruleSetId: RuleSetId.parse(row.rule_set),
    workflowId: row.workflow_id,
  };
}

const CursorContent = z.strictObject({ s: z.string(), k: z.union([z.string().max(300), z.number()]), i: ProductId });

function encodeCursor(sort: string, next: { key: string | number; id: string }): string {
  return Buffer.from(JSON.stringify({ s: sort, k: next.key, i: next.id })).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): { key: string | number; id: string } {
  const refused = badRequest('cursor: must be the nextCursor of the previous page, with the same sort', [
    { field: 'cursor', rule: 'must be the nextCursor of the previous page, with the same sort' },
  ]);
  let parsed;
  try {
    parsed = CursorContent.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw refused;
  }
  if (!parsed.success || parsed.data.s !== sort) throw refused;
  const key = parsed.data.k;
  const bare = sort.replace(/^-/, '');
  const keyFits =
    bare === 'stars'
      ? typeof key === 'number' && Number.isInteger(key)
      : typeof key === 'string' &&
        (!['deadline', 'updated'].includes(bare) || key === 'infinity' || !Number.isNaN(Date.parse(key)));
  if (!keyFits) throw refused;
  return { key, id: parsed.data.i };
}

const ProductItem = z
  .object({
    productId: z.string(),
    cycleId: z.string(),
    province: z.string(),
    name: z.string(),
    group: z.string(),
    subjectId: z.string(),
    unit: z.string().nullable(),
    kind: z.string(),
    stage: z.string(),
    level: z.string().nullable(),
    stars: z.number().nullable(),
    score: z.number().nullable(),
    nextDeadline: z.string().nullable(),
    certificateNo: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProductListItem' });

const TimelineEntry = z.object({
  seq: z.number(),
  action: z.string(),
  at: z.string(),
  stageFrom: z.string().nullable(),
  stageTo: z.string(),
  level: z.string().nullable(),
  actor: z.object({
    id: z.string(),
    role: z.string(),
    name: z.string().nullable().describe("the principal's display name"),
    principalId: z.string().nullable(),
    grantId: z.string().nullable(),
    grant: z
      .object({ role: z.string(), province: z.string(), unit: z.string().nullable(), level: z.string().nullable() })
      .nullable(),
  }),
});

const ProductDetail = z.object({
  product: ProductItem,
  state: ProductStateDoc,
  timeline: z.array(TimelineEntry),
  scores: z.array(
    z.object({
      level: z.string(),
      memberId: z.string(),
      parts: z.record(z.string(), z.number()),
      total: z.number(),
      recordedAt: z.string(),
    }),
  ),
  certificate: z
    .object({
      number: z.string(),
      level: z.string(),
      stars: z.number(),
      decidedOn: z.string(),
      validUntil: z.string(),
      status: z.string(),
      decisionNumber: z.string().max(64).nullable().describe('the recognition decision that issued it'),
      decisionDate: z.string().max(40).nullable(),
      decisionAuthority: z.string().max(200).nullable(),
    })
    .nullable(),
  inspections: z.array(
    z.object({
      seq: z.number(),
      round: z.number(),
      dueAt: z.string(),
      inspectedAt: z.string().nullable(),
      outcome: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  actions: z.array(ProductAction).max(20).describe('what you may do to it now, within your grants'),
  workflowUrl: z
    .string()
    .max(2048)
    .nullable()
    .describe("its workflow in Temporal UI, for the province's staff; null for others or when not configured"),
});

const ProductPageDocument = z.object({
  items: z.array(ProductItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().min(0).describe('how many products the filter matches, on every page together'),
});

const CSV_LIMIT = PRODUCT_CSV_MAX_ROWS.toLocaleString('en');

export default async function productRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/v1/products',
    {
      schema: {
        summary: 'Products you may see, filtered, sorted and paged, or all of them as CSV',
        description:
          'Keyset pagination: pass nextCursor as cursor, with the same sort, for the next page. ' +
          'q matches a part of the name whatever the case. total counts every product the filter matches. ' +
          `CSV with \`Accept: text/csv\` or \`?format=csv\`: every product the filter matches, in the sort asked ` +
          `(limit and cursor page the JSON only), at most ${CSV_LIMIT}: a filter that matches more is refused ` +
          'with 400. Dates in the CSV are dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh.',
        tags: ['products'],
        security: [{ bearer: [] }],
        querystring: ProductListQuery.extend({ format: z.enum(['json', 'csv']).optional() }),
        response: {
          200: {
            description: 'a page of products, or the CSV of all of them',
            content: {
              'application/json': { schema: ProductPageDocument },
              'text/csv': { schema: z.string().describe(PRODUCT_CSV_HEADER) },
            },
          },
          ...PROBLEM_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const { sort, limit, cursor, format, ...filter } = request.query;
      const scopes = visibility(request.grants, request.receivedAt);
      const { key, descending } = sortOrder(sort);
      if (wantsCsv(request, format)) {
        const { items, next } = await listProducts(ctx.db, scopes, filter, {
          sort: key,
          descending,
          limit: PRODUCT_CSV_MAX_ROWS,
        });
        if (next) throw badRequest(`the filter matches more than ${CSV_LIMIT} products: narrow it for a CSV`);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="ocop-products-${filter.cycle ?? 'all'}.csv"`)
          .send(productsCsv(items));
      }
      const page = {
        sort: key,
        descending,
        limit,
        ...(cursor ? { after: decodeCursor(cursor, sort) } : {}),
      };
      const [{ items, next }, total] = await Promise.all([
        listProducts(ctx.db, scopes, filter, page),
        countProducts(ctx.db, scopes, filter),
      ]);
      return reply.type('application/json').send({ items, nextCursor: next ? encodeCursor(sort, next) : null, total });
    },
  );

  typed.get(
    '/v1/products/:productId',
    {
      schema: {
        summary: "A product's state, timeline with who acted, scores, certificate, inspections, and what you may do",
        tags: ['products'],
        security: [{ bearer: [] }],
        params: z.strictObject({ productId: ProductId }),
        response: { 200: ProductDetail, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const { productId } = request.params;
      const target = await productTarget(ctx, productId);
      requireGrant(request, 'viewProduct', target);
      const [product, state, timeline, scores, certificate, inspections] = await Promise.all([
        findProduct(ctx.db, productId),
        ctx.ocop.productState(productId),
        productTimeline(ctx.db, productId),
        productScores(ctx.db, productId),
        productCertificate(ctx.db, productId),
        productInspections(ctx.db, productId),
      ]);
      if (!product) throw new ApiProblem(404, 'Not Found', `product ${productId} not found`, { kind: 'not-found' });
      const { province, product: place, ruleSetId } = target;
      const { stage, level, deadline } = state;
      return {
        product,
        state,
        timeline,
        scores,
        certificate,
        inspections,
        actions: actionsFor(request, productId, { province, place, ruleSetId, stage, level, deadline }),
        workflowUrl: workflowUrlFor(ctx.config, request.grants, target, request.receivedAt),
      };
    },
  );
}
