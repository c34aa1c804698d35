// `npm run schemathesis:install`: the pinned Schemathesis from PyPI into
// .tools/schemathesis (pip --target, so neither the system's Python nor a venv
// module is needed). Idempotent, and quick when it is there.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './temporal-binaries';

export const SCHEMATHESIS_VERSION = '4.32.5';
export const SCHEMATHESIS_DIR = path.join(projectRoot(), '.tools', 'schemathesis');
const STAMP = path.join(SCHEMATHESIS_DIR, '.version');

/** The command that runs `st` from the install: python3 with the install on its path. */
export function schemathesisCommand(): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: 'python3',
    args: [path.join(SCHEMATHESIS_DIR, 'bin', 'st')],
    env: { ...process.env, PYTHONPATH: SCHEMATHESIS_DIR },
  };
}

export function installSchemathesis(log: (line: string) => void): boolean {
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === SCHEMATHESIS_VERSION) return false;
  rmSync(SCHEMATHESIS_DIR, { recursive: true, force: true });
  log(`installing schemathesis==${SCHEMATHESIS_VERSION} from PyPI into ${SCHEMATHESIS_DIR}`);
  execFileSync(
    'python3',
    ['-m', 'pip', 'install', '--quiet', '--target', SCHEMATHESIS_DIR, `schemathesis==${SCHEMATHESIS_VERSION}`],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  writeFileSync(STAMP, SCHEMATHESIS_VERSION);
  return true;
}

if (require.main === module) {
  const installed = installSchemathesis(console.log);
  console.log(`${installed ? 'installed' : 'present'}: schemathesis ${SCHEMATHESIS_VERSION} in ${SCHEMATHESIS_DIR}`);
}
