// `ocop tasks`: what waits for you within your grants, the soonest due first.
import type { Command } from 'commander';
import { formatTasks } from '../format';
import { connect } from '../session';
import { print } from './shared';

export function registerTasksCommands(ocop: Command): void {
  ocop
    .command('tasks')
    .description('what waits for you within your grants, by due date')
    .option('--json', 'print one JSON array')
    .action(async (opts: { json?: boolean }) => {
      const tasks = await connect().tasks();
      print(Boolean(opts.json), tasks, () => formatTasks(tasks));
    });
}
