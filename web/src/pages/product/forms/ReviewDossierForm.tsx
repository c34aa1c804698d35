// An officer's review of the dossier (thẩm định hồ sơ): accept it, ask for a supplement (what is missing and by when),
// or reject it with the reason.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { Choice } from './Choice';
import { DateTimeField } from './DateTimeField';
import { useErrorText } from '../../../components/useErrorText';
import { linesOf } from './lines';
import { useActionForm, type ActionFormProps } from './useActionForm';

const OUTCOMES = ['accept', 'request-supplement', 'reject'] as const;

export function ReviewDossierForm(props: ActionFormProps) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES.reviewDossier, {
    decision: { outcome: 'accept' },
  });
  const errorOf = useErrorText(form.formState.errors);
  const outcome = form.watch('decision.outcome');
  return (
    <ActionForm action="reviewDossier" onSubmit={onSubmit} pending={mutation.isPending} error={mutation.error}>
      <Choice
        legend={t('forms.reviewDossier.outcome')}
        options={OUTCOMES.map((value) => ({ value, label: t(`forms.reviewDossier.outcomes.${value}`) }))}
        registration={form.register('decision.outcome')}
      />
      {outcome === 'request-supplement' ? (
        <>
          <Field
            label={t('forms.reviewDossier.missing')}
            hint={t('forms.reviewDossier.missingHint')}
            error={errorOf('decision.missing')}
          >
            <textarea rows={4} {...form.register('decision.missing', { setValueAs: linesOf })} />
          </Field>
          <DateTimeField
            control={form.control}
            name="decision.dueAt"
            label={t('forms.reviewDossier.dueAt')}
            error={errorOf('decision.dueAt')}
          />
        </>
      ) : null}
      {outcome === 'reject' ? (
        <Field label={t('forms.reviewDossier.reason')} error={errorOf('decision.reason')}>
          <textarea rows={3} {...form.register('decision.reason')} />
        </Field>
      ) : null}
    </ActionForm>
  );
}
