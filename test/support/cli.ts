// Runs the built programs as a user would, and collects what they print.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './env';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [path.join(ROOT, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** `ocop ...` from dist/, the file package.json's bin entry names. */
export function ocop(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runNode('dist/client/cli/main.js', args, env);
}
