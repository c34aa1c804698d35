// The rest of a council's result: at a scoring level the bonus points, the mandatory criteria (tiêu chí bắt buộc)
// the product failed and the score the sheets add up to; at an assessment level the local criteria it failed.
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RuleSet } from '../../../../../domain/rules';
import { Field } from '../../../components/Field';
import { previewScore } from './council';
import { linesOf } from './lines';
import type { CouncilInput } from './ScoreSheets';

interface CouncilExtrasProps {
  ruleSet: RuleSet;
  scoring: boolean;
  form: UseFormReturn<CouncilInput, unknown, unknown>;
  errorOf: (name: string) => string | undefined;
}

function LocalCriteria({ ruleSet, form, errorOf }: Omit<CouncilExtrasProps, 'scoring'>) {
  const { t } = useTranslation('product');
  const error = errorOf('failedCriteria');
  return (
    <fieldset className="choice">
      <legend>{t('forms.recordCouncilResult.failedCriteria')}</legend>
      {ruleSet.localCriteria.map((criterion) => (
        <label key={criterion}>
          <input type="checkbox" value={criterion} {...form.register('failedCriteria')} />{' '}
          {t(`forms.recordCouncilResult.criteria.${criterion}`, { defaultValue: criterion })}
        </label>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}

function Preview({ ruleSet, form }: Pick<CouncilExtrasProps, 'ruleSet' | 'form'>) {
  const { t } = useTranslation('product');
  const score = previewScore(ruleSet, form.watch('sheets') ?? [], form.watch('bonus') ?? 0);
  return (
    <p className="council-preview" aria-live="polite">
      {score
        ? t('forms.recordCouncilResult.preview', {
            total: score.total,
            stars: t('domain:stars', { count: score.stars }),
          })
        : t('forms.recordCouncilResult.previewIncomplete')}
    </p>
  );
}

export function CouncilExtras({ ruleSet, scoring, form, errorOf }: CouncilExtrasProps) {
  const { t } = useTranslation('product');
  if (!scoring) return <LocalCriteria ruleSet={ruleSet} form={form} errorOf={errorOf} />;
  return (
    <>
      <div className="form-row">
        <Field
          label={t('forms.recordCouncilResult.bonus')}
          hint={t('forms.recordCouncilResult.bonusHint', { max: ruleSet.bonusCap })}
          error={errorOf('bonus')}
        >
          <input
            type="number"
            inputMode="decimal"
            min={0}
            max={ruleSet.bonusCap}
            step="any"
            {...form.register('bonus', { valueAsNumber: true })}
          />
        </Field>
        <Field
          label={t('forms.recordCouncilResult.mandatoryFailed')}
          hint={t('forms.recordCouncilResult.mandatoryFailedHint')}
          error={errorOf('mandatoryFailed')}
        >
          <textarea rows={2} {...form.register('mandatoryFailed', { setValueAs: linesOf })} />
        </Field>
      </div>
      <Preview ruleSet={ruleSet} form={form} />
    </>
  );
}
