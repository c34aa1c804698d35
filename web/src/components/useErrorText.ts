// A field's error in the reader's language, for a form whose fields nest (a list of score sheets, a decision with
// its own fields): the first error at or under the field, its rule in the reader's words (i18n/rules.ts).
import { get, type FieldErrors, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { matchRule, ruleWords } from '../i18n/rules';

/** zod's issue codes that read better as the field's plain need than as zod's wording. */
const CODES: Readonly<Record<string, string>> = { invalid_type: 'required', invalid_format: 'dateTime' };

interface Found {
  type: string;
  message: string;
}

/**
 * The first error at or under a field: an array's own error sits at `root`, its items' at their index. `deep: false`
 * takes only the field's own error, for a list whose items show theirs beside them.
 */
function firstError(error: unknown, deep = true): Found | undefined {
  if (!error || typeof error !== 'object') return undefined;
  // A FieldError has a type; anything else is a group of fields. Its `ref` (a DOM element) is never searched.
  if ('type' in error) {
    return { type: String(error.type), message: 'message' in error ? String(error.message ?? '') : '' };
  }
  return deep
    ? Object.values(error)
        .map((inner) => firstError(inner))
        .find(Boolean)
    : undefined;
}

export function useErrorText<Values extends FieldValues>(errors: FieldErrors<Values>) {
  const { t } = useTranslation('rules');
  return (name: string, { deep = true } = {}): string | undefined => {
    const found = firstError(get(errors, name), deep);
    if (!found) return undefined;
    const rule = matchRule(found.message);
    if (rule) return ruleWords(t, rule);
    const code = CODES[found.type];
    return code ? t(`code.${code}`) : found.message;
  };
}
