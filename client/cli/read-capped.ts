// A file a flag names, read with a byte cap: `--file /dev/zero` or a FIFO would
// otherwise be read until memory runs out, and a huge file only to be refused.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** The API takes at most 1 MiB in a request body; a bigger file is refused before it is sent. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Why a file that could be opened is not read: its message completes "<file> ...". */
export class FileRefused extends Error {}

/** The bytes of the regular file `file`, refused if it is anything else or holds more than `maxBytes`. */
export function readCapped(file: string, maxBytes: number): Buffer {
  // Non-blocking, so that opening a FIFO with no writer returns for the check below instead of waiting.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new FileRefused('is not a regular file');
    if (stat.size > maxBytes) throw tooLarge(maxBytes);
    // One byte more than the cap tells a file at the cap from one that grew past it since the stat.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooLarge(maxBytes);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(maxBytes: number): FileRefused {
  return new FileRefused(`is larger than ${maxBytes / 1024 / 1024} MiB`);
}
