// The plan's targets: counts of certified products, and shares of cooperatives and SMEs among the subjects.
import { useTranslation } from 'react-i18next';
import { FormInput, type StartCycleFormApi } from './FormInput';

const COUNTS = ['newProductsThreeStarsOrMore', 'productsFourStarsOrMore', 'productsFiveStars'] as const;
const SHARES = ['cooperativeShare', 'smeShare', 'rankedProductsKeptShare'] as const;

export function TargetFields({ form }: { form: StartCycleFormApi }) {
  const { t } = useTranslation('cycles');
  return (
    <fieldset>
      <legend>{t('start.targets.legend')}</legend>
      <p className="field-hint">{t('start.targets.hint')}</p>
      <div className="form-row">
        {COUNTS.map((target) => (
          <FormInput
            key={target}
            form={form}
            name={`targets.${target}`}
            label={t(`target.${target}`)}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
          />
        ))}
      </div>
      <div className="form-row">
        {SHARES.map((target) => (
          <FormInput
            key={target}
            form={form}
            name={`targets.${target}`}
            label={t('start.targets.percent', { target: t(`target.${target}`) })}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
          />
        ))}
      </div>
    </fieldset>
  );
}
