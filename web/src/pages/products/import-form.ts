// The import form's fields, checked before the upload with the limits the API enforces (domain/csv-limits.ts; the
// row count is the API's to check, as it reads the file).
import { z } from 'zod';
import { CSV_MAX_BYTES } from '../../../../domain/csv-limits';
import { CycleId } from '../../../../domain/ids';

export function importSchema(messages: { fileRequired: string; fileTooLarge: string }) {
  return z.object({
    cycleId: CycleId,
    file: z
      .custom<FileList>((value) => value instanceof FileList && value.length === 1, { error: messages.fileRequired })
      .refine((files) => (files[0]?.size ?? 0) <= CSV_MAX_BYTES, { error: messages.fileTooLarge }),
  });
}

/** One refusal of a row as the API writes it, `field: rule`, or a rule about the whole row. */
export function refusalsOf(error: string): { field: string | undefined; rule: string }[] {
  return error.split('; ').map((part) => {
    const match = /^([A-Za-z_][\w.[\]]*): (.+)$/s.exec(part);
    return match ? { field: match[1], rule: match[2] ?? '' } : { field: undefined, rule: part };
  });
}
