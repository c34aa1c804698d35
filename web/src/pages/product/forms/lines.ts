// Lists of short texts (documents, what is missing, criteria failed) are typed one a line in a textarea and held
// in the form as the list the schema expects; blank lines are no entry.
export function linesOf(text: unknown): string[] {
  if (Array.isArray(text)) return text.map(String);
  return typeof text === 'string'
    ? text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
}

/** An optional text (a note, the ministry's certificate number): blank is no value, so the schema's optional applies. */
export function optionalText(text: unknown): string | undefined {
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}
