// The mandatory criteria (tiêu chí bắt buộc) the product failed, each with the star it is mandatory for: a failed
// 3-star criterion leaves the product unranked, a 4-star one holds it at 3 stars, a 5-star one at 4.
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field';
import type { CouncilInput } from './council';

interface MandatoryFailuresProps {
  form: UseFormReturn<CouncilInput, unknown, unknown>;
  errorOf: (name: string, options?: { deep?: boolean }) => string | undefined;
}

const FOR_STARS = [3, 4, 5] as const;

export function MandatoryFailures({ form, errorOf }: MandatoryFailuresProps) {
  const { t } = useTranslation('product');
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'mandatoryFailed' });
  const listError = errorOf('mandatoryFailed.root') ?? errorOf('mandatoryFailed', { deep: false });
  return (
    <fieldset className="choice">
      <legend>{t('forms.recordCouncilResult.mandatoryFailed')}</legend>
      {fields.length === 0 ? <p className="muted">{t('forms.recordCouncilResult.mandatoryNone')}</p> : null}
      {fields.map((field, index) => (
        <div key={field.id} className="form-row mandatory-failure">
          <Field
            label={t('forms.recordCouncilResult.criterion', { number: index + 1 })}
            hint={t('forms.recordCouncilResult.criterionHint')}
            error={errorOf(`mandatoryFailed.${index}.criterion`)}
          >
            <input autoComplete="off" maxLength={64} {...form.register(`mandatoryFailed.${index}.criterion`)} />
          </Field>
          <Field
            label={t('forms.recordCouncilResult.forStars', { number: index + 1 })}
            error={errorOf(`mandatoryFailed.${index}.forStars`)}
          >
            <select {...form.register(`mandatoryFailed.${index}.forStars`, { valueAsNumber: true })}>
              {FOR_STARS.map((stars) => (
                <option key={stars} value={stars}>
                  {t('domain:stars', { count: stars })}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" className="secondary" onClick={() => remove(index)}>
            {t('forms.recordCouncilResult.removeCriterion', { number: index + 1 })}
          </button>
        </div>
      ))}
      {listError ? <p className="field-error">{listError}</p> : null}
      <button type="button" className="secondary" onClick={() => append({ criterion: '', forStars: 3 })}>
        {t('forms.recordCouncilResult.addCriterion')}
      </button>
    </fieldset>
  );
}
