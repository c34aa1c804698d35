// Notifications delivered for real, to an SMTP server and an HTTP server on
// loopback that the test starts: what the engine sends and to whom, in
// Vietnamese, signed; what a failing receiver gets; what survives a worker
// killed mid-delivery; and an operator's commands, through the API as its
// coordinator, over the outbox and the contacts.
import type { ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kysely } from 'kysely';
import { createActivities } from '../../activities';
import { DeliveryError } from '../../activities/channels/channel';
import { webhookChannel } from '../../activities/channels/webhook';
import type { NotifyRequest } from '../../activities/notify';
import { upsertContacts } from '../../read-model/contacts';
import type { Database } from '../../db/database';
import { formatDateVN } from '../../domain/dates';
import { productWorkflowId } from '../../domain/ids';
import { renderNotification } from '../../activities/notifications/render';
import { loadConfig } from '../../worker/config';
import { productApplication } from '../../workflows/product/workflow';
import { useApi } from '../support/api';
import { ocop } from '../support/cli';
import {
  connectToDevServer,
  eventually,
  inProcessWorker,
  openDb,
  spawnWorker,
  startTimeSkipping,
  stopProcess,
} from '../support/env';
import { hatDe, inDays } from '../support/fixtures';
import {
  type HttpReceiver,
  RECEIVERS_ADDRESS,
  RECEIVERS_ALLOWED,
  type SmtpReceiver,
  startHttp,
  startSmtp,
} from '../support/receivers';
import { finalState } from '../support/product-state';

const SECRET = 'bi-mat-webhook-ocop-0123456789';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const signed = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body, 'utf8').digest('hex')}`;

/**
 * The API, its worker and the run's OpenID provider, for the operators' commands: `ocop` is a client of the API
 * and holds no secret, so a retry is delivered by the worker, with the webhook secret in its environment.
 */
const api = useApi({
  taskQueue: 'notify-delivery-api',
  workerEnv: { WEBHOOK_SECRET: SECRET, NOTIFY_LOG: 'false', ...RECEIVERS_ALLOWED },
  apiEnv: RECEIVERS_ALLOWED,
});

/** The outbox rows of every notification whose key starts with `prefix`. */
function outbox(db: Kysely<Database>, prefix: string) {
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .select([
      'n.idempotency_key',
      'n.status as notificationStatus',
      'd.id',
      'd.key',
      'd.channel',
      'd.recipient',
      'd.target',
      'd.status',
      'd.permanent',
      'd.attempts',
      'd.last_error',
    ])
    .where('n.idempotency_key', 'like', `${prefix}%`)
    .orderBy('d.id')
    .execute();
}

function notificationRows(db: Kysely<Database>, prefix: string) {
  return db
    .selectFrom('notifications')
    .select(['idempotency_key', 'template', 'status'])
    .where('idempotency_key', 'like', `${prefix}%`)
    .orderBy('id')
    .execute();
}

const SUBJECT = {
  id: 'htx-con-minh',
  name: 'HTX Nông nghiệp Côn Minh',
  type: 'cooperative',
  email: 'htx.conminh@example.vn',
} as const;

describe('reminders and escalations sent by the engine', () => {
  const TASK_QUEUE = 'notify-delivery';
  const PRODUCT = 'BK-2031-0001';
  let env: TestWorkflowEnvironment;
  let db: Kysely<Database>;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;

  beforeAll(async () => {
    env = await startTimeSkipping();
    db = openDb();
    smtp = await startSmtp();
    http = await startHttp();
    await upsertContacts(db, [
      {
        province: 'BK',
        role: 'officer',
        level: 'district',
        name: 'Phòng Nông nghiệp huyện Na Rì',
        email: 'pnn.nari@backan.gov.vn',
      },
      // Not the level that reviews dossiers under Decision 148.
      {
        province: 'BK',
        role: 'officer',
        level: 'province',
        name: 'Sở Nông nghiệp Bắc Kạn',
        email: 'snn@backan.gov.vn',
      },
      {
        province: 'BK',
        role: 'coordinator',
        level: '',
        name: 'Văn phòng Điều phối OCOP tỉnh Bắc Kạn',
        email: 'ocop@backan.gov.vn',
        webhookUrl: `${http.url}/dieu-phoi`,
      },
      // Not in a dossier deadline's audience.
      {
        province: 'BK',
        role: 'council_secretary',
        level: 'district',
        name: 'Thư ký Hội đồng huyện',
        email: 'thuky@backan.gov.vn',
      },
      // Another province.
      { province: 'TN', role: 'coordinator', level: '', name: 'VP OCOP Thái Nguyên', email: 'ocop@thainguyen.gov.vn' },
    ]);
  });

  afterAll(async () => {
    await env?.teardown();
    await db?.destroy();
    await smtp?.close();
    await http?.close();
  });

  it('emails and posts each reminder to the subject and the escalation to the officer and the coordinator', async () => {
    const { notify } = loadConfig({
      SMTP_URL: smtp.url,
      WEBHOOK_URL: `${http.url}/ocop`,
      WEBHOOK_SECRET: SECRET,
      ...RECEIVERS_ALLOWED,
    });
    const worker = await inProcessWorker(env, TASK_QUEUE, db, { notify });
    const started = await env.currentTimeMs();
    const input = hatDe(PRODUCT, { product: { name: 'Miến dong Côn Minh', group: 'food' }, subject: SUBJECT }, started);
    const handle = await env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(PRODUCT),
      taskQueue: TASK_QUEUE,
      args: [{ input }],
    });
    const state = await worker.runUntil(finalState(handle));
    expect(state.stage).toBe('LAPSED');

    const workflowId = productWorkflowId(PRODUCT);
    const due = inDays(30, started);
    const date = formatDateVN(due);
    const key = (last: string) => `${workflowId}/REGISTERED/${due}/${last}`;

    // Exactly four emails: two reminders to the subject, the escalation to the district officer and the coordinator.
    const emails = [...smtp.received].sort((a, b) =>
      `${a.to}${a.mail.subject}`.localeCompare(`${b.to}${b.mail.subject}`),
    );
    expect(emails.map((m) => [m.to, m.mail.subject])).toEqual([
      [['htx.conminh@example.vn'], `[OCOP] Nhắc hạn nộp hồ sơ sản phẩm: Miến dong Côn Minh – hạn ${date}`],
      [['htx.conminh@example.vn'], `[OCOP] Nhắc hạn nộp hồ sơ sản phẩm: Miến dong Côn Minh – hạn ${date}`],
      [['ocop@backan.gov.vn'], `[OCOP] Quá hạn nộp hồ sơ sản phẩm: Miến dong Côn Minh – hạn ${date}`],
      [['pnn.nari@backan.gov.vn'], `[OCOP] Quá hạn nộp hồ sơ sản phẩm: Miến dong Côn Minh – hạn ${date}`],
    ]);

    const reminder = smtp.received.find((m) => m.mail.text?.includes('Còn 7 ngày nữa'));
    const reminderKey = `${key('P7D')}#email:htx.conminh@example.vn`;
    expect(reminder?.mail.messageId).toBe(`<${sha256(reminderKey)}@ocop.local>`);
    expect(reminder?.mail.headers.get('x-ocop-idempotency-key')).toBe(reminderKey);
    expect(reminder?.mail.from?.value).toEqual([{ name: 'OCOP', address: 'no-reply@ocop.local' }]);
    // UTF-8 on the wire: an encoded subject and a charset on every text part.
    expect(reminder?.raw).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(reminder?.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/im);
    expect(reminder?.raw).toMatch(/^Content-Type: text\/html; charset=utf-8/im);
    expect(reminder?.mail.text).toBe(
      renderNotification('deadline-reminder', 'vi', {
        productId: PRODUCT,
        productName: 'Miến dong Côn Minh',
        subjectName: 'HTX Nông nghiệp Côn Minh',
        recipientName: 'HTX Nông nghiệp Côn Minh',
        stage: 'REGISTERED',
        deadlineKind: 'dossier',
        dueAt: due,
        offset: 'P7D',
      }).text,
    );
    expect(reminder?.mail.text).toContain(`Kính gửi HTX Nông nghiệp Côn Minh,\n\nCòn 7 ngày nữa là đến hạn nộp hồ sơ`);
    expect(reminder?.mail.html).toContain('<p>Kính gửi HTX Nông nghiệp Côn Minh,</p>');
    const escalation = smtp.received.find((m) => m.to.includes('pnn.nari@backan.gov.vn'));
    expect(escalation?.mail.text).toContain('Kính gửi Phòng Nông nghiệp huyện Na Rì,');
    expect(escalation?.mail.text).toContain(`Đã quá hạn nộp hồ sơ sản phẩm (${date}) mà chưa có kết quả.`);

    // Four webhook calls: the coordinator's own URL, WEBHOOK_URL for the others; each signed and keyed.
    const calls = http.requests.map((r) => ({ ...r, json: JSON.parse(r.body) }));
    expect(calls.map((c) => [c.path, c.json.recipient.name, c.json.template]).sort()).toEqual([
      ['/dieu-phoi', 'Văn phòng Điều phối OCOP tỉnh Bắc Kạn', 'deadline-escalation'],
      ['/ocop', 'HTX Nông nghiệp Côn Minh', 'deadline-reminder'],
      ['/ocop', 'HTX Nông nghiệp Côn Minh', 'deadline-reminder'],
      ['/ocop', 'Phòng Nông nghiệp huyện Na Rì', 'deadline-escalation'],
    ]);
    for (const call of calls) {
      expect(call.method).toBe('POST');
      expect(call.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(call.headers['x-ocop-signature']).toBe(signed(call.body));
      expect(call.headers['idempotency-key']).toBe(call.json.key);
      expect(call.json.subject).toMatch(/^\[OCOP\] (Nhắc hạn|Quá hạn) nộp hồ sơ sản phẩm: Miến dong Côn Minh – hạn /);
      expect(call.json.text).toContain('Việc cần làm: ');
    }
    expect(calls.map((c) => c.json.key).sort()).toEqual(
      [
        `${key('P7D')}#webhook:htx.conminh@example.vn`,
        `${key('P1D')}#webhook:htx.conminh@example.vn`,
        `${key('escalation')}#webhook:pnn.nari@backan.gov.vn`,
        `${key('escalation')}#webhook:ocop@backan.gov.vn`,
      ].sort(),
    );

    // One outbox row per reminder, one delivery row per recipient and channel, each sent at the first attempt.
    expect(await notificationRows(db, workflowId)).toEqual([
      { idempotency_key: key('P7D'), template: 'deadline-reminder', status: 'sent' },
      { idempotency_key: key('P1D'), template: 'deadline-reminder', status: 'sent' },
      { idempotency_key: key('escalation'), template: 'deadline-escalation', status: 'sent' },
    ]);
    const deliveries = await outbox(db, workflowId);
    expect(deliveries).toHaveLength(8);
    expect(deliveries.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    expect(deliveries.filter((d) => d.channel === 'email')).toHaveLength(4);
    expect(deliveries.filter((d) => d.channel === 'webhook')).toHaveLength(4);
  });

  it('does not hold up the application while the mail server stays down: the reminders wait in the outbox', async () => {
    // Nothing listens on port 1: every attempt is refused, as during a mail server outage.
    const { notify } = loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1', NOTIFY_LOG: 'false' });
    const worker = await inProcessWorker(env, TASK_QUEUE, db, { notify, log: () => undefined });
    const productId = 'BK-2031-0002';
    const started = await env.currentTimeMs();
    const handle = await env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, { subject: SUBJECT }, started) }],
    });
    const state = await worker.runUntil(finalState(handle));

    // The dossier deadline (30 days) and the grace period (3 days) ran as planned, give or take the retries.
    expect(state.stage).toBe('LAPSED');
    const lapsedAfter = (Date.parse(state.history.at(-1)?.at ?? '') - started) / 86_400_000;
    expect(lapsedAfter).toBeGreaterThanOrEqual(33);
    expect(lapsedAfter).toBeLessThan(33.1);
    const workflowId = productWorkflowId(productId);
    expect((await notificationRows(db, workflowId)).map((n) => [n.template, n.status])).toEqual([
      ['deadline-reminder', 'failed'],
      ['deadline-reminder', 'failed'],
      ['deadline-escalation', 'failed'],
    ]);
    const deliveries = await outbox(db, workflowId);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 'failed' && !d.permanent && (d.attempts ?? 0) > 1)).toBe(true);
  });
});

describe('the notify activity against failing receivers', () => {
  let db: Kysely<Database>;
  let smtp: SmtpReceiver;
  let http: HttpReceiver;
  const logs: string[] = [];
  /** One province for each receiver, so that each reminder reaches one council secretary. */
  const PROVINCE_OF: Record<string, string> = {
    flaky: 'TQ',
    busy: 'HG',
    gone: 'YB',
    // The coordinator's own province: the operator who lists and retries it is Cao Bằng's.
    down: 'CB',
    portal: 'VP',
    nobody: 'KG',
  };
  /** Each path's answers in turn; the last one repeats. */
  const script = new Map<string, number[]>();

  beforeAll(async () => {
    db = openDb();
    smtp = await startSmtp();
    http = await startHttp((request) => {
      const answers = script.get(request.path) ?? [204];
      return answers.length > 1 ? (answers.shift() ?? 204) : (answers[0] ?? 204);
    });
    await upsertContacts(
      db,
      Object.entries(PROVINCE_OF)
        .filter(([name]) => ['flaky', 'busy', 'gone', 'down'].includes(name))
        .map(([name, province]) => ({
          province,
          role: 'council_secretary' as const,
          level: 'province' as const,
          name: `Thư ký ${name}`,
          email: `thuky.${name}@tuyenquang.gov.vn`,
          webhookUrl: `${http.url}/${name}`,
        })),
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await smtp?.close();
    await http?.close();
  });

  function activities(env: Record<string, string>) {
    const { notify } = loadConfig({ ...RECEIVERS_ALLOWED, ...env });
    return createActivities({ db, notify, log: (line) => logs.push(line) });
  }

  /** An evaluation reminder for the council secretary named `who`, under a key of its own. */
  function reminder(who: string): NotifyRequest {
    return {
      key: `test-notify/${who}/${Date.now()}/P1D`,
      template: 'deadline-reminder',
      productId: 'TQ-2031-0007',
      province: PROVINCE_OF[who] ?? 'TQ',
      deadlineKind: 'evaluation',
      level: 'province',
      data: {
        productName: 'Chè Shan tuyết Na Hang',
        subjectName: 'HTX Chè Hồng Thái',
        stage: 'EVALUATION',
        dueAt: '2031-09-30T10:00:00.000Z',
        offset: 'P1D',
      },
      audience: [{ role: 'council_secretary', level: 'province' }],
    };
  }

  const settings = () => ({ SMTP_URL: smtp.url, WEBHOOK_SECRET: SECRET, NOTIFY_LOG: 'false' });

  it('gets a webhook that fails twice then succeeds to the receiver once, every try under the same key', async () => {
    script.set('/flaky', [500, 500, 204]);
    const { notify } = activities(settings());
    const req = reminder('flaky');
    await expect(new MockActivityEnvironment().run(notify, req)).resolves.toBe('sent');

    const calls = http.requests.filter((r) => r.path === '/flaky');
    expect(calls.map((c) => c.status)).toEqual([500, 500, 204]);
    const deliveryKey = `${req.key}#webhook:thuky.flaky@tuyenquang.gov.vn`;
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual([deliveryKey, deliveryKey, deliveryKey]);
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    expect(calls[0]?.headers['x-ocop-signature']).toBe(signed(calls[0]?.body ?? ''));
    expect(JSON.parse(calls[0]?.body ?? '{}').subject).toBe(
      '[OCOP] Nhắc hạn đánh giá, phân hạng: Chè Shan tuyết Na Hang – hạn 30/09/2031',
    );

    // A second run of the same reminder (a Temporal retry, a replayed workflow) sends nothing more.
    await expect(new MockActivityEnvironment().run(notify, req)).resolves.toBe('already-sent');
    expect(http.requests.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(smtp.received.filter((m) => m.to.includes('thuky.flaky@tuyenquang.gov.vn'))).toHaveLength(1);
    expect((await outbox(db, req.key)).map((d) => [d.key, d.status, d.attempts])).toEqual([
      [`${req.key}#email:thuky.flaky@tuyenquang.gov.vn`, 'sent', 1],
      [deliveryKey, 'sent', 1],
    ]);
    expect(await notificationRows(db, req.key)).toHaveLength(1);
  });

  it('tries again when the receiver asks for later (429, 408), under the same key', async () => {
    script.set('/busy', [429, 408, 204]);
    const { notify } = activities(settings());
    const req = reminder('busy');
    await expect(new MockActivityEnvironment().run(notify, req)).resolves.toBe('sent');

    const calls = http.requests.filter((r) => r.path === '/busy');
    expect(calls.map((c) => c.status)).toEqual([429, 408, 204]);
    expect(new Set(calls.map((c) => c.headers['idempotency-key']))).toEqual(
      new Set([`${req.key}#webhook:thuky.busy@tuyenquang.gov.vn`]),
    );
    const [, webhook] = await outbox(db, req.key);
    expect(webhook).toMatchObject({ status: 'sent', attempts: 1, notificationStatus: 'sent' });
  });

  it('takes a 4xx as the receiver’s answer: no retry, the delivery failed for good, the activity does not throw', async () => {
    script.set('/gone', [410]);
    const { notify } = activities(settings());
    const req = reminder('gone');
    await expect(new MockActivityEnvironment().run(notify, req)).resolves.toBe('failed');
    await expect(new MockActivityEnvironment().run(notify, req)).resolves.toBe('failed');

    expect(http.requests.filter((r) => r.path === '/gone').map((r) => r.status)).toEqual([410]);
    const [email, webhook] = await outbox(db, req.key);
    expect(email).toMatchObject({ channel: 'email', status: 'sent' });
    expect(webhook).toMatchObject({
      channel: 'webhook',
      status: 'failed',
      permanent: true,
      attempts: 1,
      last_error: 'HTTP 410: refused with 410',
      notificationStatus: 'failed',
    });
  });

  it('fails the attempt on a 5xx that persists, lists it as failed, and an operator’s retry sends it under the same key', async () => {
    script.set('/down', [503]);
    const { notify } = activities(settings());
    const req = reminder('down');
    const failure = await new MockActivityEnvironment().run(notify, req).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DeliveryFailed', nonRetryable: false });
    expect((failure as Error).message).toBe(`webhook thuky.down@tuyenquang.gov.vn: HTTP 503: refused with 503`);
    expect(http.requests.filter((r) => r.path === '/down')).toHaveLength(3);

    const [, webhook] = await outbox(db, req.key);
    expect(webhook).toMatchObject({ status: 'failed', permanent: false, attempts: 1, notificationStatus: 'failed' });

    // The coordinator of the province, signed in; the CLI holds no webhook secret, the worker does.
    const asCoordinator = async (args: string[]) =>
      ocop(args, { OCOP_API_URL: api.url, OCOP_TOKEN: await api.tokenFor('nong.thi.ha') });
    const listed = await asCoordinator(['notifications', 'list', '--status', 'failed', '--limit', '200', '--json']);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const failed = JSON.parse(listed.stdout).items as { id: string; status: string }[];
    expect(failed.every((d) => d.status === 'failed')).toBe(true);
    expect(failed.find((d) => d.id === String(webhook?.id))).toMatchObject({
      province: 'CB',
      template: 'deadline-reminder',
      channel: 'webhook',
      recipient: 'thuky.down@tuyenquang.gov.vn',
      permanent: false,
      attempts: 1,
      lastError: 'HTTP 503: refused with 503',
    });
    const table = await asCoordinator(['notifications', 'list', '--status', 'failed', '--limit', '200']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(`^${webhook?.id} .* webhook +failed .*thuky\\.down@tuyenquang\\.gov\\.vn`, 'm'),
    );

    script.set('/down', [204]);
    const retried = await asCoordinator(['notifications', 'retry', '--id', String(webhook?.id), '--json']);
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(retried.stdout)).toMatchObject({
      finished: true,
      sent: 1,
      failed: 0,
      retried: [{ id: String(webhook?.id), channel: 'webhook', status: 'sent', attempts: 2, lastError: null }],
    });
    // Sent again by the worker, under the delivery's key, with the same body, signed with the worker's secret.
    const calls = http.requests.filter((r) => r.path === '/down');
    expect(calls.map((c) => c.status)).toEqual([503, 503, 503, 204]);
    expect(new Set(calls.map((c) => c.headers['idempotency-key']))).toEqual(new Set([webhook?.key]));
    expect(new Set(calls.map((c) => c.body)).size).toBe(1);
    expect(calls[3]?.headers['x-ocop-signature']).toBe(signed(calls[3]?.body ?? ''));
    expect((await outbox(db, req.key))[1]).toMatchObject({ status: 'sent', attempts: 2, notificationStatus: 'sent' });

    const again = await asCoordinator(['notifications', 'retry', '--id', String(webhook?.id)]);
    expect(again).toMatchObject({ code: 4, stdout: '' });
    expect(again.stderr).toBe(`ocop: delivery ${webhook?.id} is sent; only a failed delivery is retried\n`);
    expect(http.requests.filter((r) => r.path === '/down')).toHaveLength(4);
  });

  it('skips a channel that is not configured with a warning, and delivers on the others', async () => {
    logs.length = 0;
    const { notify } = activities({ WEBHOOK_URL: `${http.url}/portal`, WEBHOOK_SECRET: SECRET });
    const req: NotifyRequest = {
      ...reminder('portal'),
      audience: [{ role: 'producer' }],
      subjectEmail: 'htx@example.vn',
    };
    await expect(new MockActivityEnvironment().run(notify, req)).resolves.toBe('sent');
    expect(logs).toContain('notify: warning: the email channel is not configured (SMTP_URL is not set): skipped');
    expect((await outbox(db, req.key)).map((d) => [d.channel, d.target])).toEqual([['webhook', `${http.url}/portal`]]);

    const nobody: NotifyRequest = { ...reminder('nobody'), audience: [{ role: 'inspector' }] };
    await expect(new MockActivityEnvironment().run(notify, nobody)).resolves.toBe('skipped');
    expect(logs).toContain('notify: warning: no inspector contact in KG');
    expect(await notificationRows(db, nobody.key)).toEqual([
      { idempotency_key: nobody.key, template: 'deadline-reminder', status: 'skipped' },
    ]);
  });

  it('retries a webhook that does not answer in time, with backoff, and gives up after the last try', async () => {
    let slow = 2;
    const late = await startHttp(async () => {
      if (slow-- > 0) await new Promise((resolve) => setTimeout(resolve, 2_000));
      return 204;
    });
    try {
      const channel = webhookChannel({
        secret: SECRET,
        timeoutMs: 1_000,
        backoffMs: 20,
        allowPrivate: [RECEIVERS_ADDRESS],
      });
      const outgoing = {
        key: 'test-timeout#webhook:x',
        recipient: 'x',
        target: `${late.url}/late`,
        message: { subject: 's', text: 't', html: 'h' },
        json: { key: 'test-timeout#webhook:x' },
      };
      await channel.send(outgoing);
      expect(late.requests).toHaveLength(3);

      slow = 3;
      const error = await channel.send(outgoing).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeliveryError);
      expect(error).toMatchObject({ permanent: false, message: `POST ${late.url}/late: no answer within 1000 ms` });
      expect(late.requests).toHaveLength(6);
    } finally {
      await late.close();
    }
  });
});

describe('a worker killed while an email is in flight', () => {
  const TASK_QUEUE = 'notify-sigkill';
  const PRODUCT = 'HG-2031-0001';
  let env: TestWorkflowEnvironment;
  let db: Kysely<Database>;
  let smtp: SmtpReceiver;
  let worker: ChildProcess | undefined;

  afterAll(async () => {
    if (worker) await stopProcess(worker);
    await env?.teardown();
    await db?.destroy();
    await smtp?.close();
  });

  it('leaves one outbox row per recipient, and the next worker sends the email under the same Message-ID', async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    // The first message's data is taken but not answered: the worker is still waiting on it when it dies.
    smtp = await startSmtp((mail) => (mail === smtp.received[0] ? firstHeld : Promise.resolve()));
    env = await connectToDevServer();
    db = openDb();
    const workerEnv = { TEMPORAL_TASK_QUEUE: TASK_QUEUE, SMTP_URL: smtp.url, NOTIFY_LOG: 'false' };
    worker = await spawnWorker(workerEnv);

    const started = Date.now();
    const due = new Date(started + 10 * 60_000).toISOString();
    const input = hatDe(
      PRODUCT,
      {
        subject: { ...SUBJECT, email: 'htx.hagiang@example.vn' },
        deadlines: { dossier: due, evaluation: {} },
        durations: { reminderOffsets: ['PT9M57S'] },
      },
      started,
    );
    const workflowId = productWorkflowId(PRODUCT);
    const handle = await env.client.workflow.start(productApplication, {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ input }],
    });

    const [inFlight] = await smtp.waitFor(1);
    expect(await stopProcess(worker, 'SIGKILL')).toBeNull();
    worker = undefined;
    if (inFlight) await smtp.closed(inFlight);
    releaseFirst();

    const key = `${workflowId}/REGISTERED/${due}/PT9M57S`;
    const deliveryKey = `${key}#email:htx.hagiang@example.vn`;
    expect(await outbox(db, key)).toMatchObject([{ key: deliveryKey, status: 'pending', attempts: 1 }]);

    // Temporal gives the activity to the next worker once its start-to-close timeout has passed.
    worker = await spawnWorker(workerEnv);
    await smtp.waitFor(2, 120_000);
    const [, redelivered] = smtp.received;
    expect(inFlight?.accepted).toBe(false);
    expect(redelivered?.accepted).toBe(true);
    expect(smtp.accepted()).toHaveLength(1);
    expect(redelivered?.to).toEqual(['htx.hagiang@example.vn']);
    expect(redelivered?.mail.subject).toBe(
      `[OCOP] Nhắc hạn nộp hồ sơ sản phẩm: Hạt dẻ Trùng Khánh – hạn ${formatDateVN(due)}`,
    );
    expect(redelivered?.mail.messageId).toBe(inFlight?.mail.messageId);
    expect(redelivered?.mail.messageId).toBe(`<${sha256(deliveryKey)}@ocop.local>`);

    // The receiver holds the message before the worker hears its answer and records it.
    const rows = await eventually(
      () => outbox(db, key),
      (r) => r[0]?.notificationStatus === 'sent',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: deliveryKey, status: 'sent', attempts: 2, notificationStatus: 'sent' });
    expect(await notificationRows(db, workflowId)).toEqual([
      { idempotency_key: key, template: 'deadline-reminder', status: 'sent' },
    ]);
    await handle.terminate('the test ends before the dossier deadline');
  }, 180_000);
});

describe('ocop contacts import', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-contacts-'));
  // Contacts may be imported only for a province the caller coordinates: Cao Bằng's, for its coordinator.
  const importAs = async (csv: string, ...flags: string[]) =>
    ocop(['contacts', 'import', csv, ...flags], {
      OCOP_API_URL: api.url,
      OCOP_TOKEN: await api.tokenFor('nong.thi.ha'),
    });
  /** Each test's addresses are of a district of its own, since other files may keep contacts in Cao Bằng too. */
  const DOMAINS = ['thachan.caobang.gov.vn', 'nguyenbinh.caobang.gov.vn', 'langson.gov.vn', 'xx.gov.vn'];

  afterAll(async () => {
    // Cao Bằng is where the other test files' workflows run: they must not reach this file's contacts.
    await api.db
      .deleteFrom('contacts')
      .where((eb) => eb.or(DOMAINS.map((domain) => eb('email', 'like', `%@${domain}`))))
      .execute();
  });

  function file(name: string, lines: string[]): string {
    const at = path.join(dir, name);
    writeFileSync(at, `${lines.join('\n')}\n`);
    return at;
  }

  const contactsOf = (province: string, domain: string) =>
    api.db
      .selectFrom('contacts')
      .select(['role', 'level', 'name', 'email', 'webhook_url'])
      .where('province', '=', province)
      .where('email', 'like', `%@${domain}`)
      .orderBy('role')
      .execute();

  it('imports the valid rows and lists each refused row with its column and rule, importing nothing of it', async () => {
    const csv = file('thach-an.csv', [
      'province,role,level,name,email,webhook_url',
      'CB,officer,district,Phòng Nông nghiệp huyện Thạch An,pnn@thachan.caobang.gov.vn,',
      'cb,coordinator,*,"Văn phòng Điều phối OCOP huyện Thạch An, Phòng NN&MT",ocop@thachan.caobang.gov.vn,https://ocop.thachan.example/hooks',
      'CB,inspector,,Đoàn hậu kiểm liên ngành,haukiem.thachan.caobang.gov.vn,',
      'CB,chairman,,Chủ tịch UBND huyện,chutich@thachan.caobang.gov.vn,',
      'XX,officer,district,Phòng Nông nghiệp,pnn@xx.gov.vn,',
      '',
      'CB,council_secretary,huyen,Thư ký Hội đồng,thuky@thachan.caobang.gov.vn,ftp://thachan.caobang.gov.vn/hook',
      'CB,officer,district,Phòng Nông nghiệp huyện Thạch An,khac@thachan.caobang.gov.vn,',
    ]);
    const run = await importAs(csv, '--json');
    expect(run.code).toBe(4);
    expect(run.stderr).toBe('ocop: 5 of 7 rows refused; see the list\n');
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ total: 7, imported: 2 });
    expect(result.contacts).toEqual([
      { row: 2, province: 'CB', role: 'officer', level: 'district', name: 'Phòng Nông nghiệp huyện Thạch An' },
      {
        row: 3,
        province: 'CB',
        role: 'coordinator',
        level: '',
        name: 'Văn phòng Điều phối OCOP huyện Thạch An, Phòng NN&MT',
      },
    ]);
    const ROLE_RULE =
      "must be officer, council_secretary, inspector or coordinator (a subject's address comes from its registration)";
    expect(result.refused).toEqual([
      { row: 4, field: 'email', reason: 'must be an email address such as thu.ky@example.vn' },
      { row: 5, field: 'role', reason: ROLE_RULE },
      { row: 6, field: 'province', reason: 'unknown province "XX": must be a province code such as CB (Cao Bằng)' },
      {
        row: 8,
        field: 'level',
        reason: 'must be commune, district, province or central, or empty (or *) for any level',
      },
      { row: 8, field: 'webhook_url', reason: 'must be an http:// or https:// URL' },
      { row: 9, field: 'name', reason: 'repeats row 2: the same province, role, level and name' },
    ]);

    expect(await contactsOf('CB', 'thachan.caobang.gov.vn')).toEqual([
      {
        role: 'coordinator',
        level: '',
        name: 'Văn phòng Điều phối OCOP huyện Thạch An, Phòng NN&MT',
        email: 'ocop@thachan.caobang.gov.vn',
        webhook_url: 'https://ocop.thachan.example/hooks',
      },
      {
        role: 'officer',
        level: 'district',
        name: 'Phòng Nông nghiệp huyện Thạch An',
        email: 'pnn@thachan.caobang.gov.vn',
        webhook_url: null,
      },
    ]);
    expect(await contactsOf('XX', 'xx.gov.vn')).toEqual([]);

    const text = await importAs(csv);
    expect(text.code).toBe(4);
    expect(text.stdout).toContain('Imported 2 of 7 contacts');
    expect(text.stdout).toContain('Refused 5 rows; nothing of them was imported');
    expect(text.stdout).toMatch(/^6 +province +unknown province "XX"/m);
    expect(await contactsOf('CB', 'thachan.caobang.gov.vn')).toHaveLength(2);
  });

  it('updates a contact’s address on a second import instead of adding one', async () => {
    const csv = file('nguyen-binh.csv', [
      'province,role,level,name,email',
      'CB,officer,district,Phòng Nông nghiệp huyện Nguyên Bình,pnn@nguyenbinh.caobang.gov.vn',
    ]);
    expect((await importAs(csv)).code).toBe(0);
    const moved = file('nguyen-binh-2.csv', [
      'province,role,level,name,email',
      'CB,officer,district,Phòng Nông nghiệp huyện Nguyên Bình,phongnn@nguyenbinh.caobang.gov.vn',
    ]);
    const run = await importAs(moved);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Imported 1 of 1 contacts');
    expect(await contactsOf('CB', 'nguyenbinh.caobang.gov.vn')).toEqual([
      {
        role: 'officer',
        level: 'district',
        name: 'Phòng Nông nghiệp huyện Nguyên Bình',
        email: 'phongnn@nguyenbinh.caobang.gov.vn',
        webhook_url: null,
      },
    ]);
  });

  it('refuses a file whose header names an unknown column, importing nothing', async () => {
    const csv = file('bad-header.csv', [
      'province,role,name,mail',
      'CB,officer,Phòng NN huyện Thạch An,pnn.header@thachan.caobang.gov.vn',
    ]);
    const run = await importAs(csv);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'ocop: body: header: unknown column mail; missing column email; expected province,role,level,name,email,webhook_url\n',
    );
    expect(await contactsOf('CB', 'thachan.caobang.gov.vn')).not.toContainEqual(
      expect.objectContaining({ name: 'Phòng NN huyện Thạch An' }),
    );
  });

  it('refuses a file naming a province the caller does not coordinate, importing none of its rows', async () => {
    const csv = file('lang-son.csv', [
      'province,role,level,name,email',
      'CB,inspector,province,Đoàn hậu kiểm huyện Thạch An,haukiem@thachan.caobang.gov.vn',
      'LS,officer,district,Phòng Nông nghiệp huyện Tràng Định,pnn.trangdinh@langson.gov.vn',
    ]);
    const run = await importAs(csv);
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toMatch(/^ocop: .*coordinator grant for LS.*\n$/);
    expect(await contactsOf('LS', 'langson.gov.vn')).toEqual([]);
    expect((await contactsOf('CB', 'thachan.caobang.gov.vn')).map((c) => c.role)).not.toContain('inspector');
  });
});
