// What every subcommand needs: a connected client or database, output in the
// form asked for, and flags and files read into the domain's types, refused
// with a ValidationError that names the flag before anything is sent.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createDb } from '../../../db/connection';
import type { Database } from '../../../db/database';
import { describeDatabaseError } from '../../../db/errors';
import { Actor, Instant } from '../../../domain/schemas';
import { loadConfig } from '../../../worker/config';
import { OcopError, parseOrThrow } from '../../errors';
import { OcopClient } from '../../ocop-client';

export function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

/**
 * The command printed its result but did not do all it was asked, e.g. an
 * import with refused rows: `ocop` prints the message and exits `refused`.
 */
export class PartlyRefused extends Error {
  override name = 'PartlyRefused';
}

export async function withClient<T>(run: (client: OcopClient) => Promise<T>): Promise<T> {
  const client = await OcopClient.connect(loadConfig(process.env));
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}

/** The read model, for reports; a database that cannot be used is one `Unavailable` line, not a stack trace. */
export async function withDb<T>(run: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const { databaseUrl } = loadConfig(process.env);
  const db = createDb(databaseUrl, { max: 2 });
  try {
    return await run(db);
  } catch (error) {
    const problem = describeDatabaseError(error, databaseUrl);
    throw problem ? new OcopError('Unavailable', problem) : error;
  } finally {
    await db.destroy();
  }
}

/** The parent command `name` under `ocop`, created by whichever module asks first. */
export function group(ocop: Command, name: string, description: string): Command {
  return ocop.commands.find((c) => c.name() === name) ?? ocop.command(name).description(description);
}

export function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new OcopError('ValidationError', `${flag}: cannot read ${file}: ${reason}`);
  }
}

export function readJson(file: string, flag: string): unknown {
  const text = readText(file, flag);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OcopError('ValidationError', `${flag}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * A registration's or an action's file: the payload without its actor, who is
 * given with --as. `arrayField` names the field a bare JSON array fills.
 */
export function payloadFile(file: string, arrayField?: string): Record<string, unknown> {
  const raw = readJson(file, '--file');
  if (Array.isArray(raw) && arrayField) return { [arrayField]: raw };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new OcopError(
      'ValidationError',
      `--file: must hold a JSON object${arrayField ? ` or an array of ${arrayField}` : ''}`,
    );
  }
  if ('actor' in raw)
    throw new OcopError('ValidationError', '--file: actor: give the actor with --as, not in the file');
  return raw as Record<string, unknown>;
}

/** A JSON file read and checked against a schema; issues name the flag, then the field. */
export function readJsonAs<S extends z.ZodType>(schema: S, file: string, flag: string): z.output<S> {
  return parseOrThrow(schema, readJson(file, flag), flag);
}

const ACTOR_FLAG = /^(?<role>[^:@]+):(?<id>[^@]+)(?:@(?<level>.+))?$/;

/** `--as ROLE:ACTOR_ID[@LEVEL]`, e.g. `officer:cb-nn@district` or `coordinator:vp-ocop`. */
const ActorFlag = z
  .string()
  .transform((value, ctx) => {
    const groups = ACTOR_FLAG.exec(value.trim())?.groups;
    if (!groups) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be ROLE:ACTOR_ID or ROLE:ACTOR_ID@LEVEL, e.g. officer:cb-nn@district',
      });
      return z.NEVER;
    }
    return { role: groups.role, id: groups.id, ...(groups.level ? { level: groups.level } : {}) };
  })
  .pipe(Actor);

export const parseActor = (value: string): Actor => parseOrThrow(ActorFlag, value, '--as');

export const AS_FLAG = '--as <role:id[@level]>';
export const AS_HELP =
  'who acts, e.g. officer:cb-nn@district, council_secretary:tk-huyen@district, coordinator:vp-ocop';

/** Commander parsers that refuse a bad value with a ValidationError naming the flag. */
export const parseInstant =
  (flag: string) =>
  (value: string): string =>
    parseOrThrow(Instant, value, flag);

export const parseNumber =
  (flag: string, schema: z.ZodNumber = z.number()) =>
  (value: string): number =>
    parseOrThrow(z.coerce.number().pipe(schema), value, flag);

/** `a,b, c` as ['a', 'b', 'c']. */
export const parseList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A value that one flag needs because another was given. */
export function needs<T>(value: T | undefined, flag: string, because: string): T {
  if (value === undefined) throw new OcopError('ValidationError', `${flag}: is required with ${because}`);
  return value;
}
