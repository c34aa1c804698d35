// The stack's child processes: started and waited for until their output says
// they are ready, stopped by the signal they shut down gracefully on, and
// killed if they hang there.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface SpawnReadyOptions {
  env: NodeJS.ProcessEnv;
  /** What its output says once it is ready; a service names its address in it. */
  ready: RegExp;
  /** Where its output goes; without one it is read until ready, then dropped. */
  logFile?: string;
  /** Refuse a process not ready this long after its start; by default it may take as long as it needs. */
  timeoutMs?: number;
  /** Told of the process as soon as it runs, for a caller that stops whatever is still starting when interrupted. */
  onSpawn?: (child: ChildProcess) => void;
}

/** A graceful stop that has not ended the process by then becomes SIGKILL. */
const KILL_AFTER_MS = 60_000;

/** Starts `command` and resolves once its output matches `ready`, with the match; stops it if it never does. */
export async function spawnUntilReady(
  command: string,
  args: readonly string[],
  options: SpawnReadyOptions,
): Promise<{ child: ChildProcess; pid: number; ready: RegExpExecArray }> {
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { pid } = child;
  // A spawn that failed has no pid, and its 'error' event, unheard, would end this process.
  child.once('error', () => undefined);
  if (pid === undefined) throw new Error(`cannot run ${command}`);
  options.onSpawn?.(child);
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  const what = [command, ...args].join(' ');
  let output = '';
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        timer = setTimeout(() => reject(new Error(`${what} was not ready within ${ms} ms:\n${output}`)), ms);
      }
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = options.ready.exec(output);
        if (!found) return;
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve(found);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it was ready:\n${output}`)));
    });
    return { child, pid, ready };
  } catch (error) {
    await stopChild(child);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `signal` and resolves with the exit code once the process has ended (null when a signal ended it). */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(killer);
  }
}
