// A CSV request body arrives as bytes and is read as the CLI reads a file
// (domain/text-bytes.ts): UTF-8, or UTF-16 with its mark, and otherwise refused
// with 400 naming the line, before any route sees mojibake.
import type { FastifyRequest } from 'fastify';
import { OcopError } from '../client/errors';
import { decodeText, NotUnicode } from '../domain/text-bytes';

/** A content-type parser for `text/csv` registered with `parseAs: 'buffer'`. */
export function parseCsvBody(
  _request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, text?: string) => void,
): void {
  try {
    done(null, decodeText(body));
  } catch (error) {
    done(error instanceof NotUnicode ? new OcopError('ValidationError', `body: ${error.message}`) : (error as Error));
  }
}
