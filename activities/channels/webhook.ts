// Webhooks: the message as JSON, POSTed with its key in `Idempotency-Key` and
// an HMAC-SHA256 of the exact body in `X-OCOP-Signature`, so the receiver can
// check who sent it and drop a copy it already has. A 5xx, a timeout, a lost
// connection or a receiver asking us to come back later (408, 429) is tried
// again here with backoff; any other 4xx is the receiver's answer and is not.
import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AllowedPrivateTargets, urlRefusal } from '../../domain/webhook-targets';
import { type Channel, DeliveryError } from './channel';
import { checkedLookup, WebhookTargetRefused } from './webhook-target';

/** A 4xx that says "not now" rather than "no". */
const TRY_LATER = new Set([408, 429]);

function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface WebhookOptions {
  secret: string;
  timeoutMs?: number;
  tries?: number;
  /** The wait before the second try; it doubles before each later one. */
  backoffMs?: number;
  /** Private addresses and ranges a webhook may go to (OCOP_WEBHOOK_ALLOW_PRIVATE); by default none. */
  allowPrivate?: AllowedPrivateTargets;
}

interface Post {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  lookup: LookupFunction;
}

function answered(response: IncomingMessage, answer: string): DeliveryError | null {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return null;
  return new DeliveryError(`HTTP ${status}${answer ? `: ${answer}` : ''}`, status < 500 && !TRY_LATER.has(status));
}

/** One POST, to an address the lookup checked; redirects are answers, not followed. */
function post({ url, body, headers, timeoutMs, lookup }: Post): Promise<DeliveryError | null> {
  const signal = AbortSignal.timeout(timeoutMs);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const failed = (error: Error) => {
      if (error instanceof WebhookTargetRefused) return resolve(new DeliveryError(error.message, true));
      const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : String(error.cause ?? error);
      resolve(new DeliveryError(`POST ${url.href}: ${reason}`, false));
    };
    const outgoing = send(url, { method: 'POST', headers, lookup, signal }, (response) => {
      let answer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (answer.length < 200) answer += chunk;
      });
      response.on('end', () => resolve(answered(response, answer.slice(0, 200))));
      response.on('error', failed);
    });
    outgoing.on('error', failed);
    outgoing.end(body);
  });
}

export function webhookChannel(options: WebhookOptions): Channel {
  const { secret, timeoutMs = 5_000, tries = 3, backoffMs = 500, allowPrivate = [] } = options;
  const lookup = checkedLookup(allowPrivate);
  return {
    async send({ key, target, json }) {
      if (!target) throw new DeliveryError('no webhook URL', true);
      const url = new URL(target);
      const refusal = urlRefusal(url, allowPrivate);
      if (refusal) throw new DeliveryError(`webhook URL ${url.host}: ${refusal}`, true);
      const body = JSON.stringify(json);
      const headers = {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(Buffer.byteLength(body)),
        'Idempotency-Key': key,
        'X-OCOP-Signature': signature(secret, body),
      };
      for (let attempt = 1; ; attempt++) {
        const failure = await post({ url, body, headers, timeoutMs, lookup });
        if (!failure) return;
        if (failure.permanent || attempt >= tries) throw failure;
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    },
  };
}
