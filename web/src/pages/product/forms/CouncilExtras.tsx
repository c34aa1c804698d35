// The rest of a council's result: at a scoring level the mandatory criteria (tiêu chí bắt buộc) the product failed,
// the bonus points where the rule set allows any (neither decision gives them, so by default there is no field),
// and what the sheets add up to; at an assessment level the local criteria the commune's report found unmet.
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RuleSet } from '../../../../../domain/rules';
import { Field } from '../../../components/Field';
import { previewCouncil, type CouncilInput, type CouncilPreview } from './council';
import { MandatoryFailures } from './MandatoryFailures';

interface CouncilExtrasProps {
  ruleSet: RuleSet;
  scoring: boolean;
  form: UseFormReturn<CouncilInput, unknown, unknown>;
  errorOf: (name: string, options?: { deep?: boolean }) => string | undefined;
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

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What follows from the preview beyond the band: a second round, not ranked, or the rating a criterion holds down. */
function outcomeWords(t: Translate, { score, verdict, rating }: CouncilPreview): string | null {
  if (verdict.type === 'second-round') return t('forms.recordCouncilResult.secondRound', { max: verdict.maxSpread });
  if (rating === null) return t('forms.recordCouncilResult.notRanked');
  if (rating < score.stars) {
    return t('forms.recordCouncilResult.capped', { stars: t('domain:stars', { count: rating }) });
  }
  return null;
}

function Preview({ ruleSet, form }: Pick<CouncilExtrasProps, 'ruleSet' | 'form'>) {
  const { t } = useTranslation('product');
  const preview = previewCouncil(ruleSet, form.watch());
  if (!preview) {
    return (
      <p className="council-preview" aria-live="polite">
        {t('forms.recordCouncilResult.previewIncomplete')}
      </p>
    );
  }
  const { score } = preview;
  const words = [
    t('forms.recordCouncilResult.preview', { total: score.total, stars: t('domain:stars', { count: score.stars }) }),
    t('forms.recordCouncilResult.spread', { spread: score.spread }),
    outcomeWords(t, preview),
  ];
  return (
    <p className="council-preview" aria-live="polite">
      {words.filter(Boolean).join(' ')}
    </p>
  );
}

export function CouncilExtras({ ruleSet, scoring, form, errorOf }: CouncilExtrasProps) {
  const { t } = useTranslation('product');
  if (!scoring) return <LocalCriteria ruleSet={ruleSet} form={form} errorOf={errorOf} />;
  return (
    <>
      <MandatoryFailures form={form} errorOf={errorOf} />
      {ruleSet.bonusCap > 0 ? (
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
      ) : null}
      <Preview ruleSet={ruleSet} form={form} />
    </>
  );
}
