// Withdrawing an application (rút hồ sơ) before it is certified, with the reason on record.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { useErrorText } from '../../../components/useErrorText';
import { useActionForm, type ActionFormProps } from './useActionForm';

export function WithdrawForm(props: ActionFormProps) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES.withdraw, { reason: '' });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <ActionForm action="withdraw" onSubmit={onSubmit} pending={mutation.isPending} error={mutation.error}>
      <Field label={t('forms.withdraw.reason')} error={errorOf('reason')}>
        <textarea rows={3} {...form.register('reason')} />
      </Field>
    </ActionForm>
  );
}
