// A refusal or failure, in the reader's language: the catalogue's words for the problem's kind, then the API's
// own detail (which names the rule, the field or the deadline).
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';

export function problemMessage(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!(error instanceof ApiError)) return t('problem.network');
  const known = t(`problem.${error.kind}`, { defaultValue: '' });
  return known || t('problem.other', { status: error.status });
}

export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = error instanceof ApiError ? error.problem?.detail : error instanceof Error ? error.message : null;
  return (
    <div className="problem" role="alert">
      <strong>{problemMessage(error, t)}</strong>
      {detail ? <p>{t('problem.detail', { detail })}</p> : null}
    </div>
  );
}
