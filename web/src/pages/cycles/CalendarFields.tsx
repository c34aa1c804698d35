// The real calendar: each date and time in Vietnam's time, one council date per level of the chosen rule set.
import { useTranslation } from 'react-i18next';
import type { LevelId } from '../../../../domain/schemas';
import { FormInput, type StartCycleFormApi } from './FormInput';

export function CalendarFields({ form, levels }: { form: StartCycleFormApi; levels: readonly LevelId[] }) {
  const { t } = useTranslation(['cycles', 'domain']);
  const date = (name: Parameters<typeof FormInput>[0]['name'], label: string) => (
    <FormInput key={name} form={form} name={name} label={label} type="datetime-local" />
  );
  return (
    <fieldset>
      <legend>{t('start.calendar.legend')}</legend>
      <p className="field-hint">{t('start.calendar.hint')}</p>
      <div className="form-row">
        {date('calendar.registrationOpens', t('calendarDate.registrationOpens'))}
        {date('calendar.registrationCloses', t('calendarDate.registrationCloses'))}
        {date('calendar.dossierDeadline', t('calendarDate.dossierDeadline'))}
      </div>
      <div className="form-row">
        {levels.map((level) =>
          date(`calendar.evaluation.${level}`, t('calendarDate.evaluation', { level: t(`domain:level.${level}`) })),
        )}
        {date('calendar.cycleEnds', t('calendarDate.cycleEnds'))}
      </div>
    </fieldset>
  );
}
