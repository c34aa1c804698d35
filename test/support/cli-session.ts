// What an `ocop` test stands on: the API with a token for each login the test
// acts as, `ocop` run signed in as one of them, and a directory of its own
// for the files the commands read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ApiUnderTest, startApi } from './api';
import { ocop, type Run } from './cli';

export interface CliSession {
  api: ApiUnderTest;
  /** `ocop <args>` signed in as `login`; a login the session was not opened for sends no token. */
  as(login: string, args: string[]): Promise<Run>;
  /** Writes `content` (as JSON unless it is text) to `name` in the session's directory; returns its path. */
  file(name: string, content: string | object): string;
  close(): Promise<void>;
}

export async function cliSession(logins: readonly string[]): Promise<CliSession> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-cli-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let api: ApiUnderTest;
  try {
    api = await startApi();
  } catch (error) {
    removeDir();
    throw error;
  }
  const close = async () => {
    await api.stop();
    removeDir();
  };
  const tokens: Record<string, string> = {};
  try {
    for (const login of logins) tokens[login] = await api.tokenFor(login);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    api,
    as: (login, args) => ocop(args, { OCOP_API_URL: api.url, OCOP_TOKEN: tokens[login] ?? '' }),
    file(name, content) {
      const at = path.join(dir, name);
      writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
      return at;
    },
    close,
  };
}
