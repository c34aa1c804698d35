// A rehearsal for training: the same steps, each so many minutes after the one before, starting from now.
import { useTranslation } from 'react-i18next';
import type { LevelId } from '../../../../domain/schemas';
import { FormInput, type StartCycleFormApi } from './FormInput';

export function RehearsalFields({ form, levels }: { form: StartCycleFormApi; levels: readonly LevelId[] }) {
  const { t } = useTranslation(['cycles', 'domain']);
  const minutes = (name: Parameters<typeof FormInput>[0]['name'], label: string) => (
    <FormInput key={name} form={form} name={name} label={label} type="number" inputMode="numeric" min={0} step={1} />
  );
  return (
    <fieldset>
      <legend>{t('start.rehearsal.legend')}</legend>
      <p className="field-hint">{t('start.rehearsal.hint')}</p>
      <div className="form-row">
        {minutes('rehearsal.startsIn', t('start.rehearsal.startsIn'))}
        {minutes('rehearsal.minutes.registration', t('start.rehearsal.registration'))}
        {minutes('rehearsal.minutes.dossier', t('start.rehearsal.dossier'))}
      </div>
      <div className="form-row">
        {levels.map((level) =>
          minutes(
            `rehearsal.minutes.evaluation.${level}`,
            t('start.rehearsal.evaluation', { level: t(`domain:level.${level}`) }),
          ),
        )}
        {minutes('rehearsal.minutes.closing', t('start.rehearsal.closing'))}
      </div>
    </fieldset>
  );
}
