// A live progress bar for long commands, on stderr so stdout stays the result.
// Only a terminal sees it: in a pipe or a log it would be noise on every row.
const WIDTH = 30;

export interface Progress {
  update(done: number, detail: string): void;
  finish(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { update: () => undefined, finish: () => undefined };
  let drawn = false;
  return {
    update(done, detail) {
      drawn = true;
      const filled = Math.round((done / total) * WIDTH);
      stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${done}/${total} ${detail}\x1b[K`);
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
