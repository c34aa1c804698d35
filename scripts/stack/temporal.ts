// The stack's Temporal dev server, from the pinned CLI that temporal-binaries.ts
// installs: in memory or in a SQLite file, with Temporal UI or headless, with
// the engine's search attributes registered in each of its namespaces.
import { spawn } from 'node:child_process';
import { installTemporalBinaries, temporalExecutable } from '../temporal-binaries';
import { OCOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { addressAnswers, freePort } from './net';
import { stopChild } from './processes';

export interface DevServerOptions {
  /** `host:port` to listen on; port 0 takes a free one. */
  address: string;
  /** The namespaces it creates; `default` is always there too. */
  namespaces: readonly string[];
  /** Temporal UI's port, or null for a headless server. */
  uiPort: number | null;
  /** The SQLite file that keeps its state across runs, or null to keep it in memory. */
  dbFile: string | null;
}

export interface DevServer {
  address: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/** The Temporal CLI's arguments for the dev server `options` describe. */
export function devServerArgs(options: DevServerOptions): string[] {
  const [ip = '127.0.0.1', port = '7233'] = options.address.split(':');
  return [
    'server',
    'start-dev',
    '--ip',
    ip === 'localhost' ? '127.0.0.1' : ip,
    '--port',
    port,
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.uiPort === null ? ['--headless'] : ['--ui-port', String(options.uiPort)]),
    ...options.namespaces.flatMap((namespace) => ['--namespace', namespace]),
    '--log-level',
    'error',
    ...OCOP_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${key.type}`]),
  ];
}

/** Installs the pinned CLI if it is missing, starts the dev server and resolves once it answers. */
export async function startTemporalDevServer(
  options: DevServerOptions,
  log: (line: string) => void,
): Promise<DevServer> {
  installTemporalBinaries(log);
  const executable = temporalExecutable('cli');
  if (executable.type !== 'existing-path') {
    throw new Error('the Temporal CLI is not installed: run npm run temporal:install');
  }
  const [host = '127.0.0.1', port = '0'] = options.address.split(':');
  const address = port === '0' ? `${host}:${await freePort()}` : options.address;
  const server = spawn(executable.path, devServerArgs({ ...options, address }), { stdio: 'ignore' });
  const { pid } = server;
  // A spawn that failed has no pid, and its 'error' event, unheard, would end this process.
  server.once('error', () => undefined);
  if (pid === undefined) throw new Error(`cannot run the Temporal CLI at ${executable.path}`);
  const stop = async () => void (await stopChild(server));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await addressAnswers(address))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      const why = server.exitCode !== null ? `it exited with ${server.exitCode}` : 'no answer in 30 s';
      throw new Error(`the Temporal dev server did not start at ${address}: ${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { address, pid, stop };
}
