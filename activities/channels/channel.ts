// What the outbox hands a channel, and how a channel says that a delivery
// failed: for now (try again later) or for good (the receiver refused it).
import type { RenderedNotification } from '../notifications/render';

export type ChannelName = 'email' | 'webhook' | 'log';

export interface Outgoing {
  /** The delivery's idempotency key: the same on every redelivery, so a receiver can drop copies. */
  key: string;
  recipient: string;
  /** The email address or the webhook URL. */
  target: string | null;
  message: RenderedNotification;
  /** What a webhook receives: the message and the facts it was rendered from. */
  json: Record<string, unknown>;
}

export interface Channel {
  send(outgoing: Outgoing): Promise<void>;
  close?(): void;
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** Trying again cannot help: only an operator's retry, after fixing the cause, sends it again. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
