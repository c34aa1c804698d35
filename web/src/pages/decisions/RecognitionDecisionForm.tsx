// The coordinator records one recognition decision for several products of the cycle awaiting one: the decision's
// number, date and authority, the level whose council rated them, and the products it names. Each product's
// workflow then issues its certificate, valid 36 months from the decision's date; what became of each is listed.
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useErrorText } from '../../components/useErrorText';
import { useServerForm } from '../../components/useServerForm';
import { DateTimeField } from '../product/forms/DateTimeField';
import { DecisionFields } from '../product/forms/DecisionFields';
import { LevelId } from '../../../../domain/schemas';
import { DecisionForm, type DecisionBody } from './decision-form';
import { DecisionProducts } from './DecisionProducts';
import type { AwaitingProduct, DecisionOutcome } from './useDecisions';

interface RecognitionDecisionFormProps {
  cycleId: string;
  /** The products awaiting a decision; the form starts afresh when they change (keyed by the section). */
  awaiting: AwaitingProduct[];
  onRecorded: (outcome: DecisionOutcome) => void;
}

function record(cycleId: string, body: DecisionBody) {
  return unwrap(api.POST('/v1/cycles/{cycleId}/recognition-decisions', { params: { path: { cycleId } }, body }));
}

export function RecognitionDecisionForm({ cycleId, awaiting, onRecorded }: RecognitionDecisionFormProps) {
  const { t } = useTranslation('decisions');
  // The read model's level is text; only a level of the domain is offered (a decision names one).
  const levels = [
    ...new Set(
      awaiting.flatMap((product) => {
        const level = LevelId.safeParse(product.level);
        return level.success ? [level.data] : [];
      }),
    ),
  ];
  const { form, mutation, onSubmit } = useServerForm({
    schema: DecisionForm,
    defaultValues: {
      number: '',
      decidedOn: new Date().toISOString(),
      authority: '',
      level: levels[0],
      products: awaiting.map((product) => ({
        productId: product.productId,
        level: product.level ?? '',
        include: false,
        certificateNumber: '',
      })),
    },
    submit: (body) => record(cycleId, body),
    invalidates: [['products'], ['dashboard', cycleId], ['recognition-decisions'], ['tasks']],
    onDone: onRecorded,
  });
  const errorOf = useErrorText(form.formState.errors);
  return (
    <form className="card decision-form" aria-labelledby="decision-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3 id="decision-form">{t('form.title')}</h3>
      <p className="muted">{t('form.intro')}</p>
      <DecisionFields
        number={form.register('number')}
        authority={form.register('authority')}
        errorOf={(name) => errorOf(name.replace(/^decision\./, ''))}
      />
      <div className="form-row">
        <DateTimeField
          control={form.control}
          name="decidedOn"
          label={t('form.decidedOn')}
          hint={t('form.decidedOnHint')}
          error={errorOf('decidedOn')}
        />
        <Field label={t('form.level')} error={errorOf('level')}>
          <select {...form.register('level')}>
            {levels.map((id) => (
              <option key={id} value={id}>
                {t(`domain:level.${id}`, { defaultValue: id })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <DecisionProducts form={form} awaiting={awaiting} errorOf={errorOf} />
      <ProblemAlert error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('common:state.saving') : t('form.submit')}
      </button>
    </form>
  );
}
