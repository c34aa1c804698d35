// Files reach the engine as bytes. A spreadsheet saved as Latin-1 or Windows-1258
// decodes as UTF-8 without complaint unless the decoder is strict, and every
// "ệ" becomes mojibake in the registry; so text is UTF-8 (a BOM is dropped) or
// UTF-16 with its byte order mark, and anything else is refused with its line.
const HOW_TO_CONVERT =
  'Save the file as "CSV UTF-8" (Excel: Save As, CSV UTF-8, or LibreOffice: character set Unicode (UTF-8)) and send it again';

export class NotUnicode extends Error {
  override name = 'NotUnicode';
}

const LINE_FEED = 0x0a;

/** The UTF-16 a byte order mark announces; a UTF-8 BOM is UTF-8's decoder's to drop. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The first line that is not UTF-8; a line feed is never part of a multi-byte sequence, so lines decode alone. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== LINE_FEED) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

/** The text of a file's bytes; throws NotUnicode naming the line, and how to convert, for any other encoding. */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  try {
    // Both decoders drop the byte order mark they recognise.
    return new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    const what = utf16
      ? `is not valid ${utf16.toUpperCase()} although it starts with its byte order mark`
      : `line ${firstLineNotUtf8(bytes)} is not UTF-8 (a Latin-1 or Windows-1258 file?)`;
    throw new NotUnicode(`${what}. ${HOW_TO_CONVERT}`);
  }
}
