// The certifying authority's recognition decision (quyết định công nhận), recorded by the province's office once
// the council has rated the product: the decision's number, its date and who issued it. The certificate's 36
// months run from that date. A 5-star certificate is the ministry's, numbered by it, so only then is its number asked.
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import { ActionForm } from './ActionForm';
import { ACTION_BODIES } from '../../../../../domain/product';
import { DateTimeField } from './DateTimeField';
import { DecisionFields } from './DecisionFields';
import { useErrorText } from '../../../components/useErrorText';
import { optionalText } from './lines';
import { useActionForm, type ActionFormProps } from './useActionForm';

/** The ministry numbers the certificates of the stars it recognises. */
const MINISTRY_STARS = 5;

/** The body the API takes, and for a 5-star product the ministry's certificate number as well. */
function recognitionSchema(stars: number | null) {
  return ACTION_BODIES.recordRecognitionDecision.refine(
    (body) => stars !== MINISTRY_STARS || Boolean(body.certificateNumber),
    { path: ['certificateNumber'], message: 'required for a 5-star certificate, which the ministry numbers' },
  );
}

interface RecognitionProps extends ActionFormProps {
  pending: { stars: number; level: string } | null;
}

export function RecordRecognitionDecisionForm({ pending, ...props }: RecognitionProps) {
  const { t } = useTranslation('product');
  const stars = pending?.stars ?? null;
  const { form, mutation, onSubmit } = useActionForm(props, recognitionSchema(stars), {
    decision: { number: '', decidedOn: new Date().toISOString(), authority: '' },
  });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <ActionForm
      action="recordRecognitionDecision"
      onSubmit={onSubmit}
      pending={mutation.isPending}
      error={mutation.error}
    >
      {pending ? (
        <p>
          {t('forms.recordRecognitionDecision.pending', {
            stars: t('domain:stars', { count: pending.stars }),
            level: t(`domain:level.${pending.level}`, { defaultValue: pending.level }),
          })}
        </p>
      ) : null}
      <DecisionFields
        number={form.register('decision.number')}
        authority={form.register('decision.authority')}
        errorOf={errorOf}
      />
      <DateTimeField
        control={form.control}
        name="decision.decidedOn"
        label={t('forms.recordRecognitionDecision.decidedOn')}
        hint={t('forms.recordRecognitionDecision.decidedOnHint')}
        error={errorOf('decision.decidedOn')}
      />
      {stars === MINISTRY_STARS ? (
        <Field
          label={t('forms.recordRecognitionDecision.certificateNumber')}
          hint={t('forms.recordRecognitionDecision.certificateNumberHint')}
          error={errorOf('certificateNumber')}
        >
          <input
            autoComplete="off"
            maxLength={64}
            {...form.register('certificateNumber', { setValueAs: optionalText })}
          />
        </Field>
      ) : null}
    </ActionForm>
  );
}
