// A refusal or failure, in the reader's language: the catalogue's words for the problem's kind, then the rules the
// API names (its field errors, or the parts of its detail) in the reader's words where the catalogue knows them.
// The API's own detail (which names the rule, the field or the deadline) stays readable, for whoever gives support.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';
import { matchRule, ruleWords, rulesOfDetail, type RuleMatch } from '../i18n/rules';

export function problemMessage(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!(error instanceof ApiError)) return t('problem.network');
  const known = t(`problem.${error.kind}`, { defaultValue: '' });
  return known || t('problem.other', { status: error.status });
}

function detailOf(error: unknown): string | null {
  if (error instanceof ApiError) return error.problem?.detail ?? null;
  return error instanceof Error ? error.message : null;
}

/** The rules a refusal names that the catalogue knows: the field errors when it has them, else its detail's. */
function knownRules(error: unknown, detail: string | null): RuleMatch[] {
  const fieldRules = error instanceof ApiError ? error.fieldErrors.map(({ rule }) => rule) : [];
  const rules = fieldRules.length > 0 ? fieldRules : detail ? rulesOfDetail(detail) : [];
  return rules.flatMap((rule) => matchRule(rule) ?? []);
}

export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation(['common', 'rules']);
  if (!error) return null;
  const detail = detailOf(error);
  // Several fields may break one rule (each sheet's part A): its words are said once.
  const translated = [...new Set(knownRules(error, detail).map((rule) => ruleWords(t, rule)))];
  return (
    <div className="problem" role="alert">
      <strong>{problemMessage(error, t)}</strong>
      {translated.length > 0 ? (
        <>
          <ul>
            {translated.map((words) => (
              <li key={words}>{words}</li>
            ))}
          </ul>
          {detail ? (
            <details>
              <summary>{t('rules:alert.raw')}</summary>
              <code>{detail}</code>
            </details>
          ) : null}
        </>
      ) : detail ? (
        <p>{t('problem.detail', { detail })}</p>
      ) : null}
    </div>
  );
}
