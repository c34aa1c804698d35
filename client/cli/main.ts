#!/usr/bin/env node
// `ocop`: the coordinators' command line, on the same client library the demo
// and the tests use. Errors go to stderr as one line, with an exit code per kind.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../../worker/config';
import { OcopError } from '../errors';
import { registerActionCommands } from './commands/actions';
import { registerContactsCommands } from './commands/contacts';
import { registerCycleCommands } from './commands/cycle';
import { registerNotificationsCommands } from './commands/notifications';
import { registerProductCommands } from './commands/product';
import { registerReportCommands } from './commands/report';
import { registerScheduleCommands } from './commands/schedule';
import { PartlyRefused } from './commands/shared';

const COMMANDS = [
  registerCycleCommands,
  registerProductCommands,
  registerActionCommands,
  registerReportCommands,
  registerScheduleCommands,
  registerContactsCommands,
  registerNotificationsCommands,
];

/** Exit codes a script can branch on. */
export const EXIT = {
  ok: 0,
  failure: 1,
  invalid: 2,
  notFound: 3,
  refused: 4,
  unavailable: 5,
} as const;

const EXIT_BY_KIND: Record<OcopError['kind'], number> = {
  ValidationError: EXIT.invalid,
  WrongStage: EXIT.refused,
  Forbidden: EXIT.refused,
  DeadlinePassed: EXIT.refused,
  NotFound: EXIT.notFound,
  AlreadyExists: EXIT.refused,
  Unavailable: EXIT.unavailable,
};

/** Kinds whose message says it all; the others are refusals whose kind a reader needs. */
const SELF_EXPLAINED: readonly OcopError['kind'][] = ['NotFound', 'Unavailable'];

export function program(): Command {
  // A usage error is one stderr line like any other error; `--help` gives the rest.
  const ocop = new Command('ocop')
    .description('Run and follow OCOP (Mỗi xã một sản phẩm) cycles on Temporal')
    .exitOverride();
  for (const register of COMMANDS) register(ocop);
  return ocop;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    if (error instanceof OcopError) {
      process.stderr.write(`ocop: ${SELF_EXPLAINED.includes(error.kind) ? '' : `${error.kind}: `}${error.message}\n`);
      return EXIT_BY_KIND[error.kind];
    }
    if (error instanceof PartlyRefused) {
      process.stderr.write(`ocop: ${error.message}\n`);
      return EXIT.refused;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`ocop: ${error.message}\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`ocop: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failure;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => process.exit(code));
}
