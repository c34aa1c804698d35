// The council members' score sheets (phiếu chấm điểm): one group per member, with the points they gave each part
// of the rule set and the sheet's sum as it is typed, the chair's sheet marked (the quorum needs it). Members are
// added and removed as the meeting had them.
import { useFieldArray, type Control, type UseFormRegister, type UseFormWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { RuleSet } from '../../../../../domain/rules';
import { Field } from '../../../components/Field';
import type { CouncilInput } from './council';

interface ScoreSheetsProps {
  ruleSet: RuleSet;
  control: Control<CouncilInput>;
  register: UseFormRegister<CouncilInput>;
  watch: UseFormWatch<CouncilInput>;
  errorOf: (name: string, options?: { deep?: boolean }) => string | undefined;
  /** Checks the sheets again as a whole, once the form was sent: whose sheet is the chair's is the list's rule. */
  revalidate: () => void;
}

export const emptySheet = () => ({ memberId: '', parts: {}, chair: false });

function sumOf(parts: Record<string, number> | undefined): number {
  return Object.values(parts ?? {}).reduce((sum, points) => sum + (Number.isFinite(points) ? points : 0), 0);
}

export function ScoreSheets({ ruleSet, control, register, watch, errorOf, revalidate }: ScoreSheetsProps) {
  const { t } = useTranslation('product');
  const { fields, append, remove } = useFieldArray({ control, name: 'sheets' });
  const sheets = watch('sheets') ?? [];
  const sheetsError = errorOf('sheets.root') ?? errorOf('sheets', { deep: false });
  return (
    <div className="score-sheets">
      {fields.map((field, index) => (
        <fieldset key={field.id} className="score-sheet">
          <legend>{t('forms.recordCouncilResult.sheet', { number: index + 1 })}</legend>
          <Field label={t('forms.recordCouncilResult.member')} error={errorOf(`sheets.${index}.memberId`)}>
            <input autoComplete="off" {...register(`sheets.${index}.memberId`)} />
          </Field>
          <label className="checkbox">
            <input type="checkbox" {...register(`sheets.${index}.chair`, { onChange: revalidate })} />{' '}
            {t('forms.recordCouncilResult.chair')}
          </label>
          {errorOf(`sheets.${index}.chair`) ? <p className="field-error">{errorOf(`sheets.${index}.chair`)}</p> : null}
          <div className="form-row">
            {ruleSet.scoreParts.map((part) => (
              <Field
                key={part.id}
                label={t('forms.recordCouncilResult.part', { part: part.id, max: part.max })}
                hint={part.title}
                error={errorOf(`sheets.${index}.parts.${part.id}`)}
              >
                <input
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={part.max}
                  step="any"
                  {...register(`sheets.${index}.parts.${part.id}`, { valueAsNumber: true })}
                />
              </Field>
            ))}
          </div>
          <p className="sheet-sum">{t('forms.recordCouncilResult.sheetSum', { sum: sumOf(sheets[index]?.parts) })}</p>
          <button type="button" className="secondary" onClick={() => remove(index)}>
            {t('forms.recordCouncilResult.removeSheet', { number: index + 1 })}
          </button>
        </fieldset>
      ))}
      {sheetsError ? (
        <p className="field-error" role="alert">
          {sheetsError}
        </p>
      ) : null}
      <button type="button" className="secondary" onClick={() => append(emptySheet())}>
        {t('forms.recordCouncilResult.addSheet')}
      </button>
    </div>
  );
}
