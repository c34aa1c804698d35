// What each process of the stack costs, read from /proc as `top` reads it.
// CPU is cumulative per process, so a scenario's share is the difference
// between its end and its start. PostgreSQL backends come and go with the
// worker's pool, so they are sampled while the scenario runs; the database is
// the scenario's own, so every backend on it worked for the scenario.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** Fields of /proc/<pid>/stat after the parenthesised command name, which may hold spaces. */
function statFields(file: string): { name: string; cpuSeconds: number } | null {
  try {
    const text = readFileSync(file, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    const rest = text.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); `rest` starts at field 3.
    return { name: text.slice(open + 1, close), cpuSeconds: (Number(rest[11]) + Number(rest[12])) / CLK_TCK };
  } catch {
    return null;
  }
}

export function cpuSeconds(pid: number): number | null {
  return statFields(`/proc/${pid}/stat`)?.cpuSeconds ?? null;
}

/** Current and peak resident memory in MB (VmRSS, VmHWM). */
export function memory(pid: number): { rssMb: number; peakRssMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function threads(pid: number): Map<number, { name: string; cpuSeconds: number }> {
  const result = new Map<number, { name: string; cpuSeconds: number }>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return result;
  }
  for (const tid of tids) {
    const fields = statFields(`/proc/${pid}/task/${tid}/stat`);
    if (fields) result.set(Number(tid), fields);
  }
  return result;
}

/** Busy CPU seconds of the whole machine, all cores, every process. */
function machineBusySeconds(): number {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = values.map(Number);
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

export interface ThreadUsage {
  tid: number;
  /**
   * Node names no thread, so Node's are told apart by creation order: V8's
   * helpers start with the process, the SDK's native runtime (tokio) next, and
   * the workflow thread (a worker_thread) after it.
   */
  name: string;
  cpuSeconds: number;
  /** Share of one core over the scenario: 1 means the thread was never idle. */
  coreShare: number;
}

export interface Usage {
  wallSeconds: number;
  /** CPU seconds per process over the scenario; null when the process is not ours to see. */
  cpuSeconds: { worker: number; server: number | null; postgres: number; driver: number; others: number };
  worker: { peakRssMb: number; rssMb: number; threads: ThreadUsage[] };
  server: { rssMb: number | null };
}

export interface Watched {
  worker: number;
  server: number | null;
  /** The PostgreSQL backends serving the scenario's database right now. */
  postgresBackends(): Promise<number[]>;
}

/** Starts measuring; `finish()` returns what the scenario cost each process. */
export function measure(watched: Watched, intervalMs = 1000): { finish(): Promise<Usage> } {
  const started = performance.now();
  const startDriver = process.cpuUsage();
  const startMachine = machineBusySeconds();
  const startWorker = cpuSeconds(watched.worker) ?? 0;
  const startServer = watched.server === null ? null : cpuSeconds(watched.server);
  const startThreads = threads(watched.worker);
  const backends = new Map<number, number>();

  const sample = async () => {
    for (const pid of await watched.postgresBackends().catch(() => [])) {
      const seconds = cpuSeconds(pid);
      if (seconds !== null) backends.set(pid, seconds);
    }
  };
  let sampling = sample();
  const timer = setInterval(() => {
    sampling = sampling.then(sample);
  }, intervalMs);

  return {
    async finish() {
      clearInterval(timer);
      await sampling;
      await sample();
      const wallSeconds = (performance.now() - started) / 1000;
      const driverUsage = process.cpuUsage(startDriver);
      const driver = (driverUsage.user + driverUsage.system) / 1e6;
      const worker = (cpuSeconds(watched.worker) ?? startWorker) - startWorker;
      const server =
        watched.server === null || startServer === null ? null : (cpuSeconds(watched.server) ?? 0) - startServer;
      const postgres = [...backends.values()].reduce((sum, seconds) => sum + seconds, 0);
      const machine = machineBusySeconds() - startMachine;
      const endThreads = threads(watched.worker);
      const firstNative = Math.min(
        ...[...endThreads.entries()].filter(([, t]) => t.name.startsWith('tokio')).map(([tid]) => tid),
      );
      const label = (tid: number, name: string) => {
        if (tid === watched.worker) return 'main JS thread';
        if (name !== 'node') return name;
        return tid > firstNative ? 'JS worker thread' : 'V8 helper';
      };
      const threadUsage = [...endThreads.entries()]
        .map(([tid, t]) => {
          const cpu = t.cpuSeconds - (startThreads.get(tid)?.cpuSeconds ?? 0);
          return { tid, name: label(tid, t.name), cpuSeconds: cpu, coreShare: cpu / wallSeconds };
        })
        .filter((t) => t.cpuSeconds >= Math.max(0.05, worker * 0.02))
        .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
      const mem = memory(watched.worker);
      return {
        wallSeconds,
        cpuSeconds: {
          worker,
          server,
          postgres,
          driver,
          others: Math.max(0, machine - worker - (server ?? 0) - postgres - driver),
        },
        worker: { peakRssMb: mem?.peakRssMb ?? NaN, rssMb: mem?.rssMb ?? NaN, threads: threadUsage },
        server: { rssMb: watched.server === null ? null : (memory(watched.server)?.rssMb ?? null) },
      };
    },
  };
}
