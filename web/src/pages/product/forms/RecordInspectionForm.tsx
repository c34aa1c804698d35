// A post-inspection's finding (kết quả hậu kiểm): passed; corrective action by a date; a downgrade to fewer stars;
// or the certificate revoked, each with its grounds.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { Choice } from './Choice';
import { DateTimeField } from './DateTimeField';
import { useErrorText } from '../../../components/useErrorText';
import { useActionForm, type ActionFormProps } from './useActionForm';

const OUTCOMES = ['pass', 'corrective-action', 'downgrade', 'revoke'] as const;

export function RecordInspectionForm(props: ActionFormProps & { stars: number | null }) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES.recordInspection, {
    inspectedAt: new Date().toISOString(),
    result: { outcome: 'pass' },
  });
  const errorOf = useErrorText(form.formState.errors);
  const outcome = form.watch('result.outcome');
  const lower = Array.from({ length: Math.max((props.stars ?? 1) - 1, 0) }, (_, index) => index + 1);
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
      {outcome === 'corrective-action' ? (
        <>
          <Field label={t('forms.recordInspection.findings')} error={errorOf('result.findings')}>
            <textarea rows={3} {...form.register('result.findings')} />
          </Field>
          <DateTimeField
            control={form.control}
            name="result.dueAt"
            label={t('forms.recordInspection.dueAt')}
            error={errorOf('result.dueAt')}
          />
        </>
      ) : null}
      {outcome === 'downgrade' ? (
        <Field label={t('forms.recordInspection.toStars')} error={errorOf('result.toStars')}>
          <select {...form.register('result.toStars', { valueAsNumber: true })}>
            {lower.map((stars) => (
              <option key={stars} value={stars}>
                {t('domain:stars', { count: stars })}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {outcome === 'downgrade' || outcome === 'revoke' ? (
        <Field label={t('forms.recordInspection.grounds')} error={errorOf('result.grounds')}>
          <textarea rows={3} {...form.register('result.grounds')} />
        </Field>
      ) : null}
    </ActionForm>
  );
}
