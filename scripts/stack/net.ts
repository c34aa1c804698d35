// Whether something answers on a TCP port, and a port nothing listens on: how
// the local stack decides to use a server or start its own, and where.
import net, { type AddressInfo } from 'node:net';

/** Whether a TCP connection to host:port opens within `timeoutMs`. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Whether something answers at `host:port`, as TEMPORAL_ADDRESS spells it. */
export function addressAnswers(address: string): Promise<boolean> {
  const [host = 'localhost', port = '7233'] = address.split(':');
  return answers(host, Number(port));
}

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The port `variable` names, or `fallback` when it is unset; anything but a port number is refused by name. */
export function portFromEnv(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} must be a port number from 0 to 65535, got "${text.slice(0, 20)}"`);
  }
  return port;
}
