// Webhooks: the message as JSON, POSTed with its key in `Idempotency-Key` and
// an HMAC-SHA256 of the exact body in `X-OCOP-Signature`, so the receiver can
// check who sent it and drop a copy it already has. A 5xx, a timeout, a lost
// connection or a receiver asking us to come back later (408, 429) is tried
// again here with backoff; any other 4xx is the receiver's answer and is not.
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Channel, DeliveryError } from './channel';

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
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.text()).slice(0, 200);
    if (response.ok) return null;
    return new DeliveryError(
      `HTTP ${response.status}${answer ? `: ${answer}` : ''}`,
      response.status < 500 && !TRY_LATER.has(response.status),
    );
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : ((error as Error).cause ?? error);
    return new DeliveryError(`POST ${url}: ${String(reason)}`, false);
  }
}

export function webhookChannel({ secret, timeoutMs = 5_000, tries = 3, backoffMs = 500 }: WebhookOptions): Channel {
  return {
    async send({ key, target, json }) {
      if (!target) throw new DeliveryError('no webhook URL', true);
      const body = JSON.stringify(json);
      const headers = {
        'Content-Type': 'application/json; charset=utf-8',
        'Idempotency-Key': key,
        'X-OCOP-Signature': signature(secret, body),
      };
      for (let attempt = 1; ; attempt++) {
        const failure = await post(target, body, headers, timeoutMs);
        if (!failure) return;
        if (failure.permanent || attempt >= tries) throw failure;
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    },
  };
}
