// Real receivers on loopback for delivery tests: an SMTP server that keeps
// every message it is sent, raw and parsed, and an HTTP server that keeps every
// request and answers as the test says. Both answer only when the test lets
// them, so a test can stop a worker while a delivery is in flight.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './env';

export interface ReceivedMail {
  session: string;
  /** RCPT TO of the SMTP envelope. */
  to: string[];
  raw: string;
  mail: ParsedMail;
  /** Whether the server said 250 to it on a connection that was still open. */
  accepted: boolean;
}

/** `hold(mail)` delays the server's answer to the message's data until it resolves. */
export async function startSmtp(hold: (mail: ReceivedMail) => Promise<void> = async () => undefined) {
  const received: ReceivedMail[] = [];
  const closed = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const entry: ReceivedMail = {
          session: session.id,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail: await simpleParser(raw),
          accepted: false,
        };
        received.push(entry);
        await hold(entry);
        entry.accepted = !closed.has(session.id);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    accepted: () => received.filter((m) => m.accepted),
    /** Resolves once the connection that carried `mail` has closed. */
    closed: async (mail: ReceivedMail) => {
      await eventually(async () => closed.has(mail.session), Boolean);
    },
    /** Resolves once `count` messages have been received, answered or not. */
    waitFor: async (count: number, timeoutMs = 20_000) => {
      await eventually(
        async () => received.length,
        (n) => n >= count,
        timeoutMs,
      );
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpReceiver = Awaited<ReturnType<typeof startSmtp>>;

/** The loopback the receivers listen on, which a webhook may go to only when the configuration allows it. */
export const RECEIVERS_ADDRESS = '127.0.0.1';
/** The worker's and the API's configuration that lets webhooks reach the receivers. */
export const RECEIVERS_ALLOWED = { OCOP_WEBHOOK_ALLOW_PRIVATE: RECEIVERS_ADDRESS } as const;

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** An HTTP server that answers each request with the status `answer(request)` gives. */
export async function startHttp(answer: (request: ReceivedRequest) => number | Promise<number> = () => 204) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: 0,
      };
      requests.push(request);
      request.status = await answer(request);
      res.writeHead(request.status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(request.status >= 400 ? `refused with ${request.status}` : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, RECEIVERS_ADDRESS, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${RECEIVERS_ADDRESS}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type HttpReceiver = Awaited<ReturnType<typeof startHttp>>;
