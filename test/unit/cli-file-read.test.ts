// A file a flag names is read with a byte cap, and only if it is a regular file:
// `--file /dev/zero` used to be read until memory ran out (issue 13, item 9).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readText } from '../../client/cli/commands/shared';
import { MAX_FILE_BYTES } from '../../client/cli/read-capped';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ocop-file-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(file: string): string {
  try {
    readText(file, '--file');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${file} was read`);
}

describe('reading a --file', () => {
  it('refuses /dev/zero at once as not a regular file', () => {
    expect(refusal('/dev/zero')).toBe('--file: /dev/zero is not a regular file');
  });

  it('refuses a FIFO with no writer without waiting for one', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toBe(`--file: ${fifo} is not a regular file`);
  });

  it('refuses a directory', () => {
    expect(refusal(dir)).toBe(`--file: ${dir} is not a regular file`);
  });

  it('reads a file at the cap, and refuses one byte more', () => {
    const atCap = path.join(dir, 'at-cap.json');
    writeFileSync(atCap, 'a'.repeat(MAX_FILE_BYTES));
    expect(readText(atCap, '--file')).toHaveLength(MAX_FILE_BYTES);
    const over = path.join(dir, 'over.json');
    writeFileSync(over, 'a'.repeat(MAX_FILE_BYTES + 1));
    expect(refusal(over)).toBe(`--file: ${over} is larger than 1 MiB`);
  });

  it('says a file that does not exist is not there', () => {
    expect(refusal(path.join(dir, 'none.json'))).toBe(
      `--file: cannot read ${path.join(dir, 'none.json')}: no such file`,
    );
  });
});
