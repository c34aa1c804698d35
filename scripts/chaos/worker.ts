// The chaos run's worker, a child process: SIGKILLed on purpose and then
// started again, as a supervisor would. Any other exit is a defect the run
// reports (a worker must ride through a database or server restart by itself);
// it is started again too, so that the rest of the run still says something.
import type { ChildProcess } from 'node:child_process';
import { spawnUntilReady, stopChild } from '../stack/processes';
import { WORKER_READY } from '../stack/worker';

export interface UnexpectedExit {
  at: number;
  pid: number;
  code: number | null;
  signal: string | null;
}

export class ChaosWorker {
  readonly unexpectedExits: UnexpectedExit[] = [];
  private child: ChildProcess | undefined;
  private killing = false;
  private stopping = false;
  private restarting: Promise<void> | undefined;

  constructor(
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { child } = await spawnUntilReady(process.execPath, [this.script], {
      env: this.env,
      ready: WORKER_READY,
      logFile: this.logFile,
      timeoutMs: 120_000,
    });
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.killing || this.stopping) return;
      this.unexpectedExits.push({ at: Date.now(), pid: child.pid ?? 0, code, signal });
      this.restarting = this.start();
    });
  }

  /** The fault: SIGKILL, nothing flushed, tasks in flight lost; then a new worker, as a supervisor would. */
  async kill(): Promise<void> {
    await this.restarting;
    const child = this.child;
    if (!child) return;
    this.killing = true;
    try {
      await stopChild(child, 'SIGKILL');
    } finally {
      this.killing = false;
    }
    await this.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting?.catch(() => undefined);
    if (this.child) await stopChild(this.child);
  }
}
