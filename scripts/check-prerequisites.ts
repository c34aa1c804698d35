// `npm test` asks this first: a prerequisite the machine lacks is named in one
// line, with the command that installs it, instead of a stack trace deep in a
// test. `.ci/run` installs all of them on a fresh machine. The browser tests'
// harness asks the Chromium question again, for a run of `npx jest test/web`
// that skips `npm test`, and jest's global setup the PostgreSQL one.
import { accessSync, constants } from 'node:fs';
import { answers } from './stack/net';

interface Prerequisite {
  what: string;
  install: string;
  present: () => Promise<boolean>;
}

/** Debian's Chromium, which playwright-core drives: the machine has no network to download a browser. */
export const CHROMIUM_PATH = process.env.OCOP_CHROMIUM ?? '/usr/bin/chromium';
/** The PostgreSQL server the tests make their database on: the system's, not the local stack's embedded one. */
export const TEST_DATABASE_ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function chromiumPresent(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const database = new URL(TEST_DATABASE_ADMIN_URL);

const CHROMIUM: Prerequisite = {
  what: `Chromium at ${CHROMIUM_PATH} (OCOP_CHROMIUM), for the browser tests`,
  install: 'apt-get install chromium',
  present: async () => chromiumPresent(),
};

const POSTGRESQL: Prerequisite = {
  what: `PostgreSQL answering on ${database.hostname}:${database.port || 5432} (TEST_DATABASE_ADMIN_URL)`,
  install:
    'apt-get install postgresql, allow trust for 127.0.0.1 in pg_hba.conf, then pg_ctlcluster 15 main start (bash .ci/run does all of it)',
  present: () => answers(database.hostname, Number(database.port || 5432), 2000),
};

const PREREQUISITES: Prerequisite[] = [POSTGRESQL, CHROMIUM];

export function missingLine({ what, install }: Pick<Prerequisite, 'what' | 'install'>): string {
  return `missing prerequisite: ${what}; install: ${install}`;
}

/** The line `npm test` prints when Chromium is missing. */
export const MISSING_CHROMIUM = missingLine(CHROMIUM);

/** For a run of `npx jest` that skips `npm test`: the tests' PostgreSQL, named in one line when it does not answer. */
export async function requireTestPostgres(): Promise<void> {
  if (await POSTGRESQL.present()) return;
  const error = new Error(missingLine(POSTGRESQL));
  // Jest prints a global setup's error by its stack: this one is the line alone.
  error.stack = error.message;
  throw error;
}

async function main(): Promise<void> {
  const missing: Prerequisite[] = [];
  for (const prerequisite of PREREQUISITES) if (!(await prerequisite.present())) missing.push(prerequisite);
  for (const prerequisite of missing) console.error(missingLine(prerequisite));
  process.exitCode = missing.length ? 1 : 0;
}

if (require.main === module) void main();
