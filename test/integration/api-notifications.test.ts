// The outbox through the API, over real HTTP with tokens from the real
// provider: a delivery that failed is listed, and its retry runs on the real
// worker (the API holds no webhook secret), reaching the receiver under the
// delivery's original key once the receiver is fixed.
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { NotifyRequest } from '../../activities/notify';
import { upsertContacts } from '../../read-model/contacts';
import { loadConfig } from '../../worker/config';
import { useApi } from '../support/api';
import { type HttpReceiver, RECEIVERS_ALLOWED, startHttp } from '../support/receivers';

const SECRET = 'bi-mat-webhook-api-0123456789';
const api = useApi({
  taskQueue: 'api-notifications',
  workerEnv: { WEBHOOK_SECRET: SECRET, NOTIFY_LOG: 'false', ...RECEIVERS_ALLOWED },
});
const ADDRESS = 'doan.hau.kiem.tw@caobang.gov.vn';

async function call(login: string, method: 'GET' | 'POST', path: string) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await api.tokenFor(login)}` },
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, type: response.headers.get('content-type') ?? '', body };
}

interface Delivery {
  id: string;
  status: string;
  recipient: string;
  channel: string;
  attempts: number;
  lastError: string | null;
}

/**
 * The engine's own notify activity, as the worker runs it, while the receiver
 * is down: its webhook delivery is left failed in the outbox.
 */
async function failDelivery(name: string): Promise<{ id: string; key: string; status: string }> {
  const { notify } = loadConfig({ WEBHOOK_SECRET: SECRET, NOTIFY_LOG: 'false', ...RECEIVERS_ALLOWED });
  const { notify: send } = createActivities({ db: api.db, notify });
  const req: NotifyRequest = {
    key: `api-notifications/${name}/${Date.now()}/inspection/P7D`,
    template: 'deadline-reminder',
    productId: 'CB-2094-0001',
    province: 'CB',
    deadlineKind: 'inspection',
    level: 'central',
    data: { productName: 'Trà giảo cổ lam', stage: 'POST_INSPECTION', dueAt: '2094-09-30T10:00:00.000Z' },
    audience: [{ role: 'inspector', level: 'central' }],
  };
  // Its failure is expected here: logged, it would only print the address into the test's output.
  await expect(
    new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(send, req),
  ).rejects.toBeInstanceOf(ApplicationFailure);
  const key = `${req.key}#webhook:${ADDRESS}`;
  const row = await api.db
    .selectFrom('notification_deliveries')
    .select(['id', 'status'])
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return { id: String(row.id), key, status: row.status };
}

describe('notifications through the API', () => {
  let http: HttpReceiver;
  let receiverUp = false;
  let failed: Delivery;
  let key: string;

  beforeAll(async () => {
    http = await startHttp(() => (receiverUp ? 204 : 503));
    await upsertContacts(api.db, [
      {
        province: 'CB',
        role: 'inspector',
        level: 'central',
        name: 'Đoàn hậu kiểm Trung ương tại Cao Bằng',
        email: ADDRESS,
        webhookUrl: `${http.url}/hau-kiem`,
      },
    ]);
    const row = await failDelivery('first');
    key = row.key;
    failed = { id: row.id, status: row.status } as Delivery;
  });

  afterAll(async () => {
    await http?.close();
  });

  it("lists the province's failed deliveries, the address shown to a coordinator and masked for a portal", async () => {
    const byPerson = await call('nong.thi.ha', 'GET', '/v1/notifications?status=failed&limit=200');
    expect(byPerson.status).toBe(200);
    const listed = (byPerson.body.items as Delivery[]).find((d) => d.id === failed.id);
    expect(listed).toMatchObject({ status: 'failed', channel: 'webhook', recipient: ADDRESS, attempts: 1 });
    expect(listed?.lastError).toMatch(/HTTP 503/);
    expect(JSON.stringify(byPerson.body)).not.toMatch(/bi-mat|hau-kiem/);

    const byPortal = await call('portal-caobang', 'GET', '/v1/notifications?status=failed&limit=200');
    expect(byPortal.status).toBe(200);
    const masked = (byPortal.body.items as Delivery[]).find((d) => d.id === failed.id);
    expect(masked?.recipient).toBe('d•••@caobang.gov.vn');
    expect(JSON.stringify(byPortal.body)).not.toContain(ADDRESS);
  });

  it('refuses the outbox to an officer, naming the missing grant, and to another province', async () => {
    const officer = await call('be.van.duc', 'GET', '/v1/notifications');
    expect(officer.status).toBe(403);
    expect(officer.type).toMatch(/^application\/problem\+json/);
    expect(officer.body.missingGrant).toMatch(/coordinator grant for CB/);
    expect((await call('nong.thi.ha', 'GET', '/v1/notifications?province=BK')).status).toBe(403);
    expect((await call('be.van.duc', 'POST', `/v1/notifications/${failed.id}/retry`)).status).toBe(403);
    expect(http.requests.filter((r) => r.path === '/hau-kiem')).toHaveLength(3);
  });

  it('retries a failed delivery on the worker, under its original key and signed with the worker’s secret', async () => {
    receiverUp = true;
    const retried = await call('nong.thi.ha', 'POST', `/v1/notifications/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      finished: true,
      sent: 1,
      failed: 0,
      retried: [{ id: failed.id, status: 'sent', recipient: ADDRESS, attempts: 2, lastError: null }],
    });
    const calls = http.requests.filter((r) => r.path === '/hau-kiem');
    expect(calls.map((c) => c.status)).toEqual([503, 503, 503, 204]);
    const last = calls.at(-1);
    expect(last?.headers['idempotency-key']).toBe(key);
    expect(last?.headers['x-ocop-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET)
        .update(last?.body ?? '', 'utf8')
        .digest('hex')}`,
    );

    // The retry's workflow carries ids and statuses, never the address.
    const history = await api.client.client.workflow.getHandle(String(retried.body.workflowId)).fetchHistory();
    expect(JSON.stringify(history)).not.toContain('caobang.gov.vn');

    const again = await call('nong.thi.ha', 'POST', `/v1/notifications/${failed.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`delivery ${failed.id} is sent; only a failed delivery is retried`);
    expect((await call('nong.thi.ha', 'POST', '/v1/notifications/999999999/retry')).status).toBe(404);
  });

  it('retries every failed delivery of the province at once, and reports what was retried', async () => {
    receiverUp = false;
    const second = await failDelivery('second');
    expect(second.status).toBe('failed');
    receiverUp = true;
    const answer = await call('nong.thi.ha', 'POST', '/v1/notifications/retry-failed');
    expect(answer.status).toBe(200);
    expect(answer.body.finished).toBe(true);
    // fetch's JSON comes from outside jest's realm, where `expect.any(Array)` does not recognise an array.
    const retried = answer.body.retried as Delivery[];
    expect(Array.isArray(retried)).toBe(true);
    expect(retried.find((d) => d.id === second.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(retried.map((d) => d.id)).not.toContain(failed.id);
    const calls = http.requests.filter((r) => r.path === '/hau-kiem');
    expect(calls.map((c) => c.status)).toEqual([503, 503, 503, 204, 503, 503, 503, 204]);
    expect(calls.at(-1)?.headers['idempotency-key']).toBe(second.key);
    const row = await api.db
      .selectFrom('notification_deliveries')
      .select('status')
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });
});
