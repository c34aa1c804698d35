// Email over SMTP. The Message-ID is derived from the delivery's key, so a
// message sent again after a crash is recognisably the same message.
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { type Channel, DeliveryError } from './channel';

const DEFAULT_FROM = 'OCOP <no-reply@ocop.local>';

function messageId(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex')}@ocop.local>`;
}

/** SMTP reply codes 5xx refuse for good (no such mailbox); others may pass later. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return code !== undefined && code >= 500 && code < 600;
}

export function emailChannel({ url, from = DEFAULT_FROM }: { url: string; from?: string }): Channel {
  // Nodemailer's defaults wait minutes; the notify activity has one minute for all its deliveries.
  const transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send({ key, target, message }) {
      if (!target) throw new DeliveryError('no email address', true);
      try {
        await transport.sendMail({
          from,
          to: target,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: messageId(key),
          headers: { 'X-OCOP-Idempotency-Key': key },
        });
      } catch (error) {
        throw new DeliveryError(`SMTP: ${(error as Error).message}`, isPermanent(error));
      }
    },
    close() {
      transport.close();
    },
  };
}
