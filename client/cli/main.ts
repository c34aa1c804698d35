#!/usr/bin/env node
// `ocop`: the command line of the OCOP API. It holds no database, Temporal,
// SMTP or webhook credentials, only the user's token: you act as who you
// signed in as. Errors go to stderr as one line, with an exit code per kind.
import { Command, CommanderError } from 'commander';
import { registerActionCommands } from './commands/actions';
import { registerAuthCommands } from './commands/auth';
import { registerContactsCommands } from './commands/contacts';
import { registerCycleCommands } from './commands/cycle';
import { registerDecisionCommands } from './commands/decision';
import { registerNotificationsCommands } from './commands/notifications';
import { registerProductCommands } from './commands/product';
import { registerReportCommands } from './commands/report';
import { registerScheduleCommands } from './commands/schedule';
import { registerTasksCommands } from './commands/tasks';
import { registerUsersCommands } from './commands/users';
import { registerVerifyCommands } from './commands/verify';
import { EXIT, explain } from './errors';

export { EXIT } from './errors';

const COMMANDS = [
  registerAuthCommands,
  registerCycleCommands,
  registerProductCommands,
  registerActionCommands,
  registerDecisionCommands,
  registerTasksCommands,
  registerReportCommands,
  registerScheduleCommands,
  registerContactsCommands,
  registerNotificationsCommands,
  registerUsersCommands,
  registerVerifyCommands,
];

export function program(): Command {
  // A usage error is one stderr line like any other error; `--help` gives the rest.
  const ocop = new Command('ocop')
    .description('Run and follow OCOP (Mỗi xã một sản phẩm) cycles through the OCOP API (OCOP_API_URL)')
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
    const { code, line } = explain(error);
    process.stderr.write(`ocop: ${line}\n`);
    return code;
  }
}

if (require.main === module) {
  main(process.argv).then((code) => process.exit(code));
}
