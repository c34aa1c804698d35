// `ocop` run in the test's own process, for refusals that happen while commander
// parses flags and reads files, before anything connects to the API.
import { main } from '../../client/cli/main';

export async function ocopInProcess(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'ocop', ...args]);
    return { code, stderr };
  } finally {
    write.mockRestore();
  }
}
