// Submitting the dossier (nộp hồ sơ) and a supplement (hồ sơ bổ sung) both send the list of documents handed in.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { useErrorText } from '../../../components/useErrorText';
import { linesOf } from './lines';
import { useActionForm, type ActionFormProps } from './useActionForm';

export function DocumentsForm(props: ActionFormProps & { action: 'submitDossier' | 'submitSupplement' }) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES[props.action], { documents: [] });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <ActionForm action={props.action} onSubmit={onSubmit} pending={mutation.isPending} error={mutation.error}>
      <Field label={t('forms.documents.label')} hint={t('forms.documents.hint')} error={errorOf('documents')}>
        <textarea rows={4} {...form.register('documents', { setValueAs: linesOf })} />
      </Field>
    </ActionForm>
  );
}
