// A decision's number (số quyết định) and the authority that issued it (cơ quan ban hành), as both the recognition
// and the revocation decision carry them (domain/recognition.ts DecisionRef). Its date is the form's own field,
// since each form says what the date starts or ends.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';

interface DecisionFieldsProps {
  number: UseFormRegisterReturn;
  authority: UseFormRegisterReturn;
  errorOf: (name: string) => string | undefined;
}

export function DecisionFields({ number, authority, errorOf }: DecisionFieldsProps) {
  const { t } = useTranslation('product');
  return (
    <div className="form-row">
      <Field
        label={t('forms.decision.number')}
        hint={t('forms.decision.numberHint')}
        error={errorOf('decision.number')}
      >
        <input autoComplete="off" maxLength={64} {...number} />
      </Field>
      <Field
        label={t('forms.decision.authority')}
        hint={t('forms.decision.authorityHint')}
        error={errorOf('decision.authority')}
      >
        <input autoComplete="off" maxLength={200} {...authority} />
      </Field>
    </div>
  );
}
