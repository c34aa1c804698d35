// A PostgreSQL cluster of the chaos run's own: initdb in a fresh directory, on a
// free port, so that restarting it (pg_ctl restart -m fast, which drops every
// connection as a real restart does) touches no other database on the machine.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../stack/net';

const run = promisify(execFile);

/** Debian's server binaries; PG_BIN names others. */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  /** The `postgres` database's URL; the engine's database is made beside it. */
  url: string;
  port: number;
  /** The postmaster's pid, which changes with each restart. */
  pid(): number;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: as root, its programs run as the machine's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startCluster(log: (line: string) => void): Promise<Cluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-chaos-pg-'));
  const user = runAs();
  if (user) execFileSync('chown', [`${user.uid}:${user.gid}`, dir]);
  chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const pg = (program: string, args: string[]) =>
    run(path.join(PG_BIN, program), args, { ...user, cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  // Its socket in its own directory; TCP on loopback only.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
  const ctl = (...args: string[]) => pg('pg_ctl', ['-D', data, '-w', '-t', '60', '-o', options, ...args]);
  await ctl('-l', path.join(dir, 'server.log'), 'start');
  log(`PostgreSQL cluster in ${dir} on port ${port}`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid: () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async restart() {
      await ctl('-m', 'fast', '-l', path.join(dir, 'server.log'), 'restart');
    },
    async stop() {
      await ctl('-m', 'fast', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
