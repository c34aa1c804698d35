// Where `ocop login` keeps the user's tokens: one file in the user's config
// directory, readable only by the user (directory 0700, file 0600).
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './errors';

export const Credentials = z.object({
  version: z.literal(1),
  issuer: z.url().max(2000),
  clientId: z.string().min(1).max(200),
  audience: z.string().min(1).max(2000),
  accessToken: z.string().min(1).max(20_000),
  refreshToken: z.string().min(1).max(20_000).optional(),
  /** When the access token expires (ISO 8601), if the provider said. */
  expiresAt: z.iso.datetime().optional(),
  subject: z.string().max(500).optional(),
  name: z.string().max(500).nullable().optional(),
});
export type Credentials = z.infer<typeof Credentials>;

/** `$XDG_CONFIG_HOME/ocop`, or `~/.config/ocop`; XDG asks that a relative value be ignored. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.config'), 'ocop');
}

export const credentialsFile = (env: NodeJS.ProcessEnv = process.env) => path.join(configDir(env), 'credentials.json');

export function readCredentials(env: NodeJS.ProcessEnv = process.env): Credentials | null {
  const file = credentialsFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const parsed = Credentials.safeParse(raw);
  if (!parsed.success) {
    throw new CliError(EXIT.notSignedIn, `not signed in: ${file} is not a credentials file; run ocop login again`);
  }
  return parsed.data;
}

/** Written to a file of mode 0600 first and renamed over the old one, so no reader sees half a token. */
export function writeCredentials(credentials: Credentials, env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode as it was, and the umask narrows a new one's: set it.
  chmodSync(dir, 0o700);
  const file = credentialsFile(env);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
}

/** True when there was a file to remove. */
export function removeCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = credentialsFile(env);
  try {
    readFileSync(file);
  } catch {
    return false;
  }
  rmSync(file, { force: true });
  return true;
}
