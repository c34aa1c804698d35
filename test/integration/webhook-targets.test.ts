// Webhooks reach no loopback, private or link-local address unless the configuration
// names it: refused as a contact is saved (the row names webhook_url) and again as
// the worker delivers, after resolving the name, to the very address it checked.
import { checkedLookup } from '../../activities/channels/webhook-target';
import { webhookChannel } from '../../activities/channels/webhook';
import { DeliveryError } from '../../activities/channels/channel';
import { useApi } from '../support/api';
import { type HttpReceiver, RECEIVERS_ADDRESS, startHttp } from '../support/receivers';

const SECRET = 'bi-mat-webhook-ocop-0123456789';
const api = useApi();
const DOMAIN = 'webhooks.caobang.gov.vn';
let http: HttpReceiver;

beforeAll(async () => {
  http = await startHttp();
});
afterAll(async () => {
  await http?.close();
});

const outgoing = (target: string) => ({
  key: `webhook-targets#${target}`,
  recipient: 'x',
  target,
  message: { subject: 's', text: 't', html: 'h' },
  json: { key: 'webhook-targets' },
});

describe('delivering a webhook', () => {
  it.each([
    () => `${http.url}/hook`,
    () => `${http.url.replace(RECEIVERS_ADDRESS, 'localhost')}/hook`,
    () => `${http.url.replace(RECEIVERS_ADDRESS, '[::ffff:127.0.0.1]')}/hook`,
  ])('to the loopback fails for good and sends nothing unless allowed (%#)', async (target) => {
    const error = await webhookChannel({ secret: SECRET, backoffMs: 1 })
      .send(outgoing(target()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: true, message: expect.stringMatching(/is a loopback address/) });
    expect(http.requests).toEqual([]);
  });

  it('to an allowed private address is sent', async () => {
    await webhookChannel({ secret: SECRET, allowPrivate: [RECEIVERS_ADDRESS] }).send(outgoing(`${http.url}/hook`));
    expect(http.requests.map((r) => [r.method, r.path])).toEqual([['POST', '/hook']]);
  });

  it('resolves a name and refuses a private address it resolves to, so the connection never uses it', async () => {
    const lookup = checkedLookup([]);
    const error = await new Promise<Error | null>((resolve) =>
      lookup('localhost', { all: true }, (e: NodeJS.ErrnoException | null) => resolve(e)),
    );
    expect(error?.message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
  });
});

describe('saving a contact', () => {
  afterEach(async () => {
    await api.db.deleteFrom('contacts').where('email', 'like', `%@${DOMAIN}`).execute();
  });

  it('refuses a webhook to a private target, naming webhook_url, and saves the other rows', async () => {
    const rows = [
      'http://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://[::1]/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.7/hook',
      'http://192.168.1.20/hook',
      'http://0.0.0.0/hook',
      'https://ocop.thachan.example/hooks',
    ].map((url, i) => `CB,officer,district,Phòng ${i},p${i}@${DOMAIN},${url}`);
    const response = await fetch(`${api.url}/v1/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.tokenFor('nong.thi.ha')}`, 'content-type': 'text/csv' },
      body: ['province,role,level,name,email,webhook_url', ...rows].join('\n'),
    });
    const answer = (await response.json()) as {
      imported: number;
      refused: { row: number; field: string; reason: string }[];
    };
    expect(response.status).toBe(200);
    expect(answer.imported).toBe(1);
    expect(answer.refused.map((r) => [r.row, r.field])).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((row) => [row, 'webhook_url']),
    );
    expect(answer.refused[3]?.reason).toBe(
      'must not go to a private address: 169.254.169.254 is a link-local address (the cloud metadata service is one); ' +
        'webhooks go to public addresses unless OCOP_WEBHOOK_ALLOW_PRIVATE names it',
    );
    const saved = await api.db
      .selectFrom('contacts')
      .select('webhook_url')
      .where('email', 'like', `%@${DOMAIN}`)
      .execute();
    expect(saved).toEqual([{ webhook_url: 'https://ocop.thachan.example/hooks' }]);
  });
});
