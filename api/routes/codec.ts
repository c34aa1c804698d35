// The codec endpoint Temporal UI and the Temporal CLI decode payloads with
// (`--ui-codec-endpoint <api>/v1/codec`, `temporal workflow show
// --codec-endpoint`): Temporal's remote codec protocol, Payloads as protobuf
// JSON to POST …/decode and …/encode. It holds the keys of every province, so
// only a coordinator may call it, and each call is audited in api_actions.
import type { FastifyCorsOptions } from '@fastify/cors';
import type { Payload } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PayloadCodecError, payloadCodecsFor } from '../../worker/payload-codec';
import type { ApiContext } from '../context';
import { badRequest } from '../problem';
import { BEARER, problems, provinceFor, REFUSALS } from './operator';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** @fastify/cors reads a route's own options here; its types do not declare them. */
    cors?: Partial<FastifyCorsOptions>;
  }
}

const MAX_PAYLOADS = 1000;
const Base64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

const PayloadJson = z.object({
  metadata: z.record(z.string().max(256), Base64).optional(),
  data: Base64.optional(),
});
const PayloadsJson = z
  .object({ payloads: z.array(PayloadJson).max(MAX_PAYLOADS, `must hold at most ${MAX_PAYLOADS} payloads`) })
  .meta({ id: 'Payloads', description: "temporal.api.common.v1.Payloads in protobuf's JSON form (bytes as base64)" });
type PayloadJson = z.infer<typeof PayloadJson>;

const fromJson = ({ metadata = {}, data = '' }: PayloadJson): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(data, 'base64'),
});

const toJson = ({ metadata, data }: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  ),
  data: Buffer.from(data ?? []).toString('base64'),
});

const Params = z.object({
  operation: z.enum(['decode', 'encode']).describe('decode: sealed to clear; encode: clear to sealed'),
});

export default async function codecRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const [codec] = payloadCodecsFor(ctx.config.payloadKeys);
  // Temporal UI calls from its own origin, with its own headers; the web app's origin has no use for it.
  const cors: Partial<FastifyCorsOptions> = {
    origin: ctx.config.temporalUiUrl ? [new URL(ctx.config.temporalUiUrl).origin] : false,
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // The preflight carries no token; @fastify/cors answers it from the route's options before any handler.
  typed.options(
    '/v1/codec/:operation',
    { config: { public: true, cors }, schema: { hide: true } },
    async (_request, reply) => reply.code(204).send(),
  );
  typed.post(
    '/v1/codec/:operation',
    {
      config: { cors },
      schema: {
        summary: 'Decrypts or encrypts Temporal payloads (the remote codec protocol; coordinators only)',
        tags: ['service'],
        security: BEARER,
        params: Params,
        body: PayloadsJson,
        response: { 200: PayloadsJson, ...problems(...REFUSALS, 404, 429) },
      },
    },
    async (request) => {
      provinceFor(request, 'decodePayloads');
      const payloads = request.body.payloads.map(fromJson);
      try {
        return { payloads: (codec ? await codec[request.params.operation](payloads) : payloads).map(toJson) };
      } catch (error) {
        if (error instanceof PayloadCodecError) throw badRequest(error.message);
        throw error;
      }
    },
  );
}
