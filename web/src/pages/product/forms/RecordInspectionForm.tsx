// A post-inspection's finding (kết quả hậu kiểm) as the rules give it: passed; corrective action by a date, then a
// follow-up check; referred to re-evaluation (the certificate stays meanwhile); or revocation proposed to the
// issuing authority, on a ground of the catalogue. Inspectors do not change a rating on their own authority, so a
// downgrade or a revocation is no longer offered here: the authority decides (recordRevocationDecision).
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { Choice } from './Choice';
import { DateTimeField } from './DateTimeField';
import { GroundField } from './GroundField';
import { useErrorText } from '../../../components/useErrorText';
import { useActionForm, type ActionFormProps } from './useActionForm';

const OUTCOMES = ['pass', 'corrective-action', 're-evaluation', 'revocation-proposed'] as const;

export function RecordInspectionForm(props: ActionFormProps) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES.recordInspection, {
    inspectedAt: new Date().toISOString(),
    result: { outcome: 'pass' },
  });
  const errorOf = useErrorText(form.formState.errors);
  const outcome = form.watch('result.outcome');
  return (
    <ActionForm action="recordInspection" onSubmit={onSubmit} pending={mutation.isPending} error={mutation.error}>
      <DateTimeField
        control={form.control}
        name="inspectedAt"
        label={t('forms.recordInspection.inspectedAt')}
        error={errorOf('inspectedAt')}
      />
      <Choice
        legend={t('forms.recordInspection.outcome')}
        options={OUTCOMES.map((value) => ({ value, label: t(`inspections.outcomes.${value}`) }))}
        registration={form.register('result.outcome')}
      />
      {outcome === 'revocation-proposed' ? (
        <GroundField
          label={t('forms.recordInspection.ground')}
          error={errorOf('result.ground')}
          registration={form.register('result.ground')}
        />
      ) : null}
      {outcome && outcome !== 'pass' ? (
        <Field label={t(`forms.recordInspection.findingsOf.${outcome}`)} error={errorOf('result.findings')}>
          <textarea rows={3} maxLength={2000} {...form.register('result.findings')} />
        </Field>
      ) : null}
      {outcome === 'corrective-action' ? (
        <DateTimeField
          control={form.control}
          name="result.dueAt"
          label={t('forms.recordInspection.dueAt')}
          error={errorOf('result.dueAt')}
        />
      ) : null}
    </ActionForm>
  );
}
