// A coordinator's extension of the current deadline (gia hạn): the new date and why. Past a deadline it is the one
// action that can reopen the application before it lapses.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { formatDateTime } from '../../../format/dates';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { DateTimeField } from './DateTimeField';
import { useErrorText } from '../../../components/useErrorText';
import { useActionForm, type ActionFormProps } from './useActionForm';

export function ExtendDeadlineForm(props: ActionFormProps & { currentDue: string | null }) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES.extendDeadline, { until: '', reason: '' });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <ActionForm action="extendDeadline" onSubmit={onSubmit} pending={mutation.isPending} error={mutation.error}>
      <DateTimeField
        control={form.control}
        name="until"
        label={t('forms.extendDeadline.until')}
        hint={
          props.currentDue ? t('forms.extendDeadline.current', { due: formatDateTime(props.currentDue) }) : undefined
        }
        error={errorOf('until')}
      />
      <Field label={t('forms.extendDeadline.reason')} error={errorOf('reason')}>
        <textarea rows={3} {...form.register('reason')} />
      </Field>
    </ActionForm>
  );
}
