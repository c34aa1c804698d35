// Personal data out of Temporal: a product's history as the server keeps it,
// read without the keys, holds no subject's name, email or phone; its search
// attributes, summary and details name nobody; and the API's codec endpoint
// gives the clear text back to a coordinator only, over a real socket.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { productWorkflowId } from '../../domain/ids';
import { useApi } from '../support/api';
import { eventually } from '../support/env';
import { hatDe, producer } from '../support/fixtures';

const UI_ORIGIN = 'http://127.0.0.1:8233';
const api = useApi({ taskQueue: 'codec', apiEnv: { OCOP_TEMPORAL_UI_URL: UI_ORIGIN } });
const PRODUCT = 'CB-2077-0001';
const NAME = 'Hộ kinh doanh Nông Thị Xuân';
const EMAIL = 'nong.thi.xuan@example.vn';
const PHONE = '0912 345 678';
const PERSONAL = [NAME, EMAIL, PHONE, producer.id];

const bytesOf = (value: string) => Buffer.from(value, 'utf8');
const holds = (haystack: Buffer, needle: string) => haystack.includes(bytesOf(needle));
const asJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

async function codec(operation: string, body: unknown, token?: string, origin?: string) {
  const response = await fetch(`${api.url}/v1/codec/${operation}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-namespace': 'default',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(origin ? { origin } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('payload encryption through the real stack', () => {
  let input: Payload;

  beforeAll(async () => {
    await api.client.startProductApplication(
      hatDe(PRODUCT, { subject: { id: producer.id, name: NAME, type: 'household', email: EMAIL } }),
    );
    await api.client.act(PRODUCT, 'withdraw', { actor: producer, reason: `gọi lại ${PHONE}, ${NAME}` });
    await eventually(
      () => api.db.selectFrom('products').select('stage').where('id', '=', PRODUCT).executeTakeFirst(),
      (row) => row?.stage === 'WITHDRAWN',
      30_000,
    );
  });

  it('keeps no name, email or phone in clear text in the history the server holds', async () => {
    const { connection } = api.client.client;
    const raw = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: productWorkflowId(PRODUCT) },
    });
    const events = raw.history?.events ?? [];
    expect(events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(true);
    const bytes = Buffer.from(temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse.encode(raw).finish());
    for (const value of PERSONAL) expect({ value, found: holds(bytes, value) }).toEqual({ value, found: false });
    // The product's own name is no one's: it shows that the search would have found clear text.
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const [first] = started?.input?.payloads ?? [];
    expect(Buffer.from(first?.metadata?.encoding ?? []).toString()).toBe('binary/encrypted');
    input = first as Payload;
  });

  it('names nobody in its search attributes, summary or details, even decoded', async () => {
    const description = await api.client.client.workflow.getHandle(productWorkflowId(PRODUCT)).describe();
    const summary = await description.staticSummary();
    const visible = JSON.stringify({
      searchAttributes: description.typedSearchAttributes,
      summary,
      details: await description.staticDetails(),
    });
    expect(summary).toBe(`Hạt dẻ Trùng Khánh · ${PRODUCT} · CB-2077`);
    for (const value of PERSONAL) expect(visible).not.toContain(value);
  });

  it('decodes the input for a coordinator, and refuses anyone else', async () => {
    const body = { payloads: [asJson(input)] };
    const anonymous = await codec('decode', body);
    expect(anonymous.status).toBe(401);
    const refused = await codec('decode', body, await api.tokenFor('htx.hatde'));
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/^decodePayloads needs/);

    const decoded = await codec('decode', body, await api.tokenFor('nong.thi.ha'), UI_ORIGIN);
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const [payload] = decoded.body.payloads as { metadata: Record<string, string>; data: string }[];
    const clear = defaultPayloadConverter.fromPayload<{ input: { subject: { name: string; email: string } } }>({
      metadata: Object.fromEntries(
        Object.entries(payload?.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
      ),
      data: Buffer.from(payload?.data ?? '', 'base64'),
    });
    expect(clear.input.subject).toMatchObject({ name: NAME, email: EMAIL });
  });

  it("answers Temporal UI's preflight from its origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/v1/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });
    const ui = await preflight(UI_ORIGIN);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ui.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-Namespace');
    expect((await preflight('http://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a tampered payload with a problem naming the key', async () => {
    const data = Buffer.from(input.data ?? []);
    data[30] = (data[30] ?? 0) ^ 1;
    const refused = await codec(
      'decode',
      { payloads: [asJson({ ...input, data })] },
      await api.tokenFor('nong.thi.ha'),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe(
      'an encrypted payload of key "dev" failed authentication: altered, or another key',
    );
  });
});
