// The development channel: each message as one line in the worker's log, so
// reminders can be followed without a mail server.
import type { Channel } from './channel';

export function logChannel(log: (line: string) => void): Channel {
  return {
    async send({ key, recipient, message }) {
      log(`[notify] ${recipient}: ${message.subject} (${key})`);
    },
  };
}
