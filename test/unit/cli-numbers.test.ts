// Every number flag of `ocop` takes what a person types as a number and nothing
// JavaScript's Number() would also read: not hex, not exponents, not an empty string.
// The refusal happens while commander parses the flags, before anything connects.
import { EXIT } from '../../client/cli/main';
import { ocopInProcess as run } from '../support/cli-in-process';

const council = ['product', 'council-result', '--product', 'CB-2023-0007'];

const FLAGS: [command: string[], flag: string][] = [
  [council, '--bonus'],
  [council, '--council-size'],
  [['cycle', 'start', '--province', 'CB'], '--year'],
  [['cycle', 'start', '--province', 'CB', '--year', '2027'], '--round'],
  [['schedule', 'create', '--province', 'CB', '--template', 't.json'], '--round'],
  [['schedule', 'create', '--province', 'CB', '--template', 't.json'], '--month'],
  [['schedule', 'create', '--province', 'CB', '--template', 't.json'], '--day'],
  [['notifications', 'list'], '--limit'],
  [['notifications', 'retry'], '--id'],
  [['decision', 'list'], '--year'],
  [['product', 'list'], '--stars'],
  [['product', 'list'], '--limit'],
];

describe('number flags', () => {
  it.each(
    FLAGS.flatMap(([command, flag]) => ['0x10', '', ' 3', '1e1', 'Infinity', '3abc'].map((v) => [command, flag, v])),
  )('%j %s %j is refused, naming the flag and the rule', async (command, flag, value) => {
    const { code, stderr } = await run(...(command as string[]), flag as string, value as string);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toBe(`ocop: ${flag}: must be a plain decimal number such as 3 or 2.5\n`);
  });

  it.each([
    [council, '--bonus', '-1', 'must not be negative'],
    [council, '--bonus', '100.5', 'must be at most 100'],
    [council, '--council-size', '0', 'must be a whole number from 1 to 50'],
    [council, '--council-size', '51', 'must be a whole number from 1 to 50'],
    [council, '--council-size', '2.5', 'must be a whole number from 1 to 50'],
    [['cycle', 'start', '--province', 'CB'], '--year', '1999', 'Too small'],
    [['decision', 'list'], '--year', '2101', 'Too big'],
    [['product', 'list'], '--stars', '6', 'Too big'],
  ])('%j %s %s is out of range', async (command, flag, value, rule) => {
    const { code, stderr } = await run(...command, flag, value);
    expect(code).toBe(EXIT.invalid);
    expect(stderr).toMatch(new RegExp(`^ocop: ${flag}: ${rule}`));
  });
});
