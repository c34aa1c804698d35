// What every subcommand needs: output in the form asked for, and flags and
// files read into the domain's types, refused with exit 2 naming the flag
// before anything is sent.
import type { Command } from 'commander';
import { z } from 'zod';
import { Instant } from '../../../domain/schemas';
import { noteText } from '../../../domain/text';
import { decodeText, NotUnicode } from '../../../domain/text-bytes';
import { invalid, parseOrThrow, runningCommand } from '../errors';
import { FileRefused, MAX_FILE_BYTES, readCapped } from '../read-capped';

export function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

/** The parent command `name` under `ocop`, created by whichever module asks first. */
export function group(ocop: Command, name: string, description: string): Command {
  const existing = ocop.commands.find((c) => c.name() === name);
  if (existing) return existing;
  // A payload field left out is then named by the subcommand's flag that fills it (see parseOrThrow).
  return ocop
    .command(name)
    .description(description)
    .hook('preAction', (_group, subcommand) => runningCommand(subcommand));
}

export function readText(file: string, flag: string): string {
  let bytes: Buffer;
  try {
    bytes = readCapped(file, MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileRefused) throw invalid(`${flag}: ${file} ${error.message}`);
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw invalid(`${flag}: cannot read ${file}: ${reason}`);
  }
  try {
    return decodeText(bytes);
  } catch (error) {
    if (!(error instanceof NotUnicode)) throw error;
    throw invalid(`${flag}: ${file}: ${error.message}`);
  }
}

export function readJson(file: string, flag: string): unknown {
  const text = readText(file, flag);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`${flag}: ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * A registration's or an action's file: the payload without an actor, for
 * you act as who you signed in as. `arrayField` names the field a bare JSON array fills.
 */
export function payloadFile(file: string, arrayField?: string): Record<string, unknown> {
  const raw = readJson(file, '--file');
  if (Array.isArray(raw) && arrayField) return { [arrayField]: raw };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(`--file: must hold a JSON object${arrayField ? ` or an array of ${arrayField}` : ''}`);
  }
  if ('actor' in raw) {
    throw invalid('--file: actor: remove it; you act as who you signed in as (ocop whoami)');
  }
  return raw as Record<string, unknown>;
}

/** A JSON file read and checked against a schema; issues name the flag, then the field. */
export function readJsonAs<S extends z.ZodType>(schema: S, file: string, flag: string): z.output<S> {
  return parseOrThrow(schema, readJson(file, flag), flag);
}

/** Commander parsers that refuse a bad value with exit 2 naming the flag. */
export const parseInstant =
  (flag: string) =>
  (value: string): string =>
    parseOrThrow(Instant, value, flag);

// Number() would read 0x10 as 16, 1e1 as 10 and '' or ' ' as 0: a flag takes digits, a sign and decimals only.
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A number flag, refused unless it is a plain decimal within `schema`'s range. */
export const parseNumber =
  <S extends z.ZodType>(flag: string, schema: S) =>
  (value: string): z.output<S> => {
    if (!PLAIN_DECIMAL.test(value)) throw invalid(`${flag}: must be a plain decimal number such as 3 or 2.5`);
    return parseOrThrow(schema, Number(value), flag);
  };

export const parseText =
  (flag: string, max = 500) =>
  (value: string): string =>
    parseOrThrow(noteText(max), value, flag);

/** `a,b, c` as ['a', 'b', 'c']. */
export const parseList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A value that one flag needs because another was given. */
export function needs<T>(value: T | undefined, flag: string, because: string): T {
  if (value === undefined) throw invalid(`${flag}: is required with ${because}`);
  return value;
}
