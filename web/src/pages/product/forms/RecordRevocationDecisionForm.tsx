// The issuing authority's decision on a post-inspection's proposal to revoke (đề nghị thu hồi): it revokes the
// certificate, which ends and is announced, or declines and post-inspection goes on. Either way it is a decision
// with its number, date and authority, on a ground of the catalogue, the proposal's by default.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import type { RevocationGround } from '../../../../../domain/recognition';
import { Choice } from './Choice';
import { DateTimeField } from './DateTimeField';
import { DecisionFields } from './DecisionFields';
import { GroundField } from './GroundField';
import { useErrorText } from '../../../components/useErrorText';
import { optionalText } from './lines';
import { useActionForm, type ActionFormProps } from './useActionForm';

const OUTCOMES = ['revoke', 'decline'] as const;

export function RecordRevocationDecisionForm({
  proposed,
  ...props
}: ActionFormProps & { proposed: RevocationGround | undefined }) {
  const { t } = useTranslation('product');
  const { form, mutation, onSubmit } = useActionForm(props, ACTION_BODIES.recordRevocationDecision, {
    outcome: 'revoke',
    decision: { number: '', decidedOn: new Date().toISOString(), authority: '' },
    ...(proposed ? { ground: proposed } : {}),
  });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <ActionForm
      action="recordRevocationDecision"
      onSubmit={onSubmit}
      pending={mutation.isPending}
      error={mutation.error}
    >
      <Choice
        legend={t('forms.recordRevocationDecision.outcome')}
        options={OUTCOMES.map((value) => ({ value, label: t(`forms.recordRevocationDecision.outcomes.${value}`) }))}
        registration={form.register('outcome')}
      />
      <DecisionFields
        number={form.register('decision.number')}
        authority={form.register('decision.authority')}
        errorOf={errorOf}
      />
      <DateTimeField
        control={form.control}
        name="decision.decidedOn"
        label={t('forms.recordRevocationDecision.decidedOn')}
        error={errorOf('decision.decidedOn')}
      />
      <GroundField
        label={t('forms.recordRevocationDecision.ground')}
        error={errorOf('ground')}
        registration={form.register('ground')}
      />
      <Field label={t('forms.recordRevocationDecision.note')} error={errorOf('note')}>
        <textarea rows={3} maxLength={2000} {...form.register('note', { setValueAs: optionalText })} />
      </Field>
    </ActionForm>
  );
}
