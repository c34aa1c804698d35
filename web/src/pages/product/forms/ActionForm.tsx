// The frame every action's form shares: its heading, its fields, the API's refusal beside it (a deadline passed, the
// product moved on), and one submit button that waits while the action is sent.
import { useId, type FormEventHandler, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionName } from '../../../../../domain/stages';
import { ProblemAlert } from '../../../components/ProblemAlert';

interface ActionFormFrameProps {
  action: ActionName;
  onSubmit: FormEventHandler<HTMLFormElement>;
  pending: boolean;
  error: unknown;
  children: ReactNode;
}

export function ActionForm({ action, onSubmit, pending, error, children }: ActionFormFrameProps) {
  const { t } = useTranslation('product');
  const heading = useId();
  return (
    <form className="action-form card" aria-labelledby={heading} onSubmit={onSubmit} noValidate>
      <h3 id={heading}>{t(`domain:action.${action}`)}</h3>
      <p className="muted">{t(`forms.${action}.intro`)}</p>
      {children}
      <ProblemAlert error={error} />
      <button type="submit" disabled={pending}>
        {pending ? t('common:state.saving') : t(`forms.${action}.submit`)}
      </button>
    </form>
  );
}
