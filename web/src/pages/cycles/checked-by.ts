// A form's body checked by the schema the API checks it with, its issues put on the form's fields (whose names
// are the body's paths). zod says a bound or a type in the reader's language and an empty field is "required";
// a rule of the domain (a custom check, e.g. the calendar's order) keeps its own words, which the field beside it
// shows in the reader's (i18n/rules.ts, as it does the API's).
import i18next from 'i18next';
import { z } from 'zod';

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (inner, key) => (typeof inner === 'object' && inner !== null ? Reflect.get(inner, key) : undefined),
    value,
  );
}

function messageOf(issue: z.core.$ZodIssue, draft: unknown): string {
  if (issue.code === 'custom') return issue.message;
  const input = valueAt(draft, issue.path);
  if (input === undefined || (typeof input === 'string' && input.trim() === '')) {
    return i18next.t('common:form.required');
  }
  // The issue as zod raised it, with the input it was raised for: what zod's own message map reads.
  const localized = z.config().localeError?.({ ...issue, input } as z.core.$ZodRawIssue);
  return (typeof localized === 'string' ? localized : localized?.message) ?? issue.message;
}

/** For `.transform(checkedBy(Body))`: the body parsed as the API parses it, defaults filled in, or the issues. */
export function checkedBy<T extends z.ZodType>(schema: T) {
  return (draft: unknown, context: z.core.$RefinementCtx): z.output<T> => {
    const checked = schema.safeParse(draft);
    if (checked.success) return checked.data;
    for (const issue of checked.error.issues) {
      context.addIssue({ code: 'custom', path: issue.path, message: messageOf(issue, draft) });
    }
    return z.NEVER;
  };
}
