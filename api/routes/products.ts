// The product list (filtered, sorted, paged, scoped to what the caller may
// see) and a product's page: its state, timeline, scores, certificate and
// inspections.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  findProduct,
  listProducts,
  productCertificate,
  productInspections,
  productScores,
  productTimeline,
} from '../../db/product-queries';
import { type Target, visibility } from '../../domain/access';
import { ProductId } from '../../domain/ids';
import { ProductListQuery, sortOrder } from '../../domain/product-list';
import { LevelId } from '../../domain/schemas';
import { requireGrant } from '../auth';
import type { ApiContext } from '../context';
import { ProductStateDoc } from '../openapi';
import { ApiProblem, badRequest, notFound, PROBLEM_RESPONSES } from '../problem';

/** Where a product is, for authorization: 404 when the read model does not know it. */
export async function productTarget(ctx: ApiContext, productId: string): Promise<Target & { product: object }> {
  const row = await ctx.db
    .selectFrom('products')
    .select(['province', 'unit', 'subject_id', 'level'])
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!row) throw notFound(`product ${productId} not found`);
  const level = LevelId.safeParse(row.level);
  return {
    province: row.province,
    product: { unit: row.unit, subjectId: row.subject_id, level: level.success ? level.data : null },
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
});

export default async function productRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/v1/products',
    {
      schema: {
        summary: 'Products you may see, filtered, sorted and paged',
        description:
          'Keyset pagination: pass nextCursor as cursor, with the same sort, for the next page. ' +
          'q matches a part of the name whatever the case.',
        tags: ['products'],
        security: [{ bearer: [] }],
        querystring: ProductListQuery,
        response: {
          200: z.object({ items: z.array(ProductItem), nextCursor: z.string().nullable() }),
          ...PROBLEM_RESPONSES,
        },
      },
    },
    async (request) => {
      const { sort, limit, cursor, ...filter } = request.query;
      const scopes = visibility(request.grants, request.receivedAt);
      const { key, descending } = sortOrder(sort);
      const page = {
        sort: key,
        descending,
        limit,
        ...(cursor ? { after: decodeCursor(cursor, sort) } : {}),
      };
      const { items, next } = await listProducts(ctx.db, scopes, filter, page);
      return { items, nextCursor: next ? encodeCursor(sort, next) : null };
    },
  );

  typed.get(
    '/v1/products/:productId',
    {
      schema: {
        summary: "A product's state, timeline with who acted, scores, certificate and inspections",
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
      return { product, state, timeline, scores, certificate, inspections };
    },
  );
}
