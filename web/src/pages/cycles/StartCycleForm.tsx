// Starting a province's cycle, for its coordinators: who, which year and rule set, the calendar (or a rehearsal's
// minutes, for training), and the plan's targets. The browser checks what the API checks; once started, the new
// cycle's dashboard opens.
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { getRuleSet, RuleSetId } from '../../../../domain/rules';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerForm } from '../../components/useServerForm';
import { useRuleText } from '../../i18n/rules';
import { CalendarFields } from './CalendarFields';
import { FormInput, type StartCycleFormApi } from './FormInput';
import { RehearsalFields } from './RehearsalFields';
import {
  calendarDefaults,
  CALENDAR_MODES,
  effectiveRuleSet,
  needsOverride,
  startCycleDefaults,
  StartCycleRequest,
  type StartCycleRequestBody,
} from './start-cycle-schema';
import { TargetFields } from './TargetFields';

const LISTED_TRIES = 40;
const LISTED_INTERVAL_MS = 250;

/**
 * The new cycle's workflow writes its row of the read model a moment after the start, and its dashboard reads
 * that row: the dashboard opens once the list names the cycle (or after ten seconds, when it says what it lacks).
 */
async function untilListed(cycleId: string): Promise<void> {
  for (let attempt = 0; attempt < LISTED_TRIES; attempt++) {
    const cycles = await unwrap(api.GET('/v1/cycles'));
    if (cycles.some((cycle) => cycle.cycleId === cycleId)) return;
    await new Promise((resolve) => setTimeout(resolve, LISTED_INTERVAL_MS));
  }
}

async function startCycle(body: StartCycleRequestBody) {
  const started = await unwrap(api.POST('/v1/cycles', { body }));
  await untilListed(started.cycleId);
  return started;
}

function WhichCycle({ form, provinces }: { form: StartCycleFormApi; provinces: string[] }) {
  const { t } = useTranslation('cycles');
  const ruleText = useRuleText();
  const { errors } = form.formState;
  const [ruleSetId, mode, registrationOpens] = form.watch(['ruleSetId', 'mode', 'calendar.registrationOpens']);
  const fields = { ruleSetId, mode, registrationOpens };
  // The rule set the dates give: 148/QĐ-TTg before 6 July 2025, 1489/QĐ-TTg from then.
  const inForce = effectiveRuleSet({ ...fields, ruleSetId: '' });
  // A real calendar falls in its year: until a date is changed by hand, the dates follow the year typed.
  const followYear = (event: ChangeEvent<HTMLInputElement>) => {
    const year = event.target.value;
    if (/^\d{4}$/.test(year) && !form.getFieldState('calendar', form.formState).isDirty) {
      form.setValue('calendar', calendarDefaults(year));
    }
  };
  return (
    <div className="form-row">
      <Field label={t('start.province')} error={ruleText(errors.province?.message)}>
        <select {...form.register('province')}>
          {provinces.map((province) => (
            <option key={province} value={province}>
              {province}
            </option>
          ))}
        </select>
      </Field>
      <FormInput
        form={form}
        name="year"
        label={t('start.year')}
        type="number"
        inputMode="numeric"
        min={2018}
        max={2100}
        onChange={followYear}
      />
      <Field label={t('start.ruleSet')} error={ruleText(errors.ruleSetId?.message)}>
        <select {...form.register('ruleSetId')}>
          <option value="">{t('start.ruleSetByDate', { ruleSet: t(`ruleSet.${inForce}`) })}</option>
          {RuleSetId.options.map((ruleSet) => (
            <option key={ruleSet} value={ruleSet}>
              {t(`ruleSet.${ruleSet}`)}
            </option>
          ))}
        </select>
      </Field>
      {needsOverride(fields) ? (
        <FormInput
          form={form}
          name="ruleSetOverride"
          label={t('start.ruleSetOverride')}
          hint={t('start.ruleSetOverrideHint', { ruleSet: t(`ruleSet.${inForce}`) })}
          maxLength={500}
        />
      ) : null}
    </div>
  );
}

function ModeChoice({ form }: { form: StartCycleFormApi }) {
  const { t } = useTranslation('cycles');
  return (
    <fieldset className="mode-choice">
      <legend>{t('start.mode.legend')}</legend>
      {CALENDAR_MODES.map((mode) => (
        <label key={mode}>
          <input type="radio" value={mode} {...form.register('mode')} /> {t(`start.mode.${mode}`)}
        </label>
      ))}
    </fieldset>
  );
}

export function StartCycleForm({ provinces }: { provinces: string[] }) {
  const { t } = useTranslation('cycles');
  const navigate = useNavigate();
  const { form, mutation, onSubmit } = useServerForm({
    schema: StartCycleRequest,
    defaultValues: startCycleDefaults(provinces[0] ?? ''),
    submit: startCycle,
    invalidates: [['cycles']],
    onDone: (started) => void navigate(`/cycles/${started.cycleId}`),
  });
  const [mode, ruleSetId, registrationOpens] = form.watch(['mode', 'ruleSetId', 'calendar.registrationOpens']);
  const levels = getRuleSet(effectiveRuleSet({ mode, ruleSetId, registrationOpens })).levels.map((level) => level.id);
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="start-cycle">
      <ProblemAlert error={mutation.error} />
      <ModeChoice form={form} />
      <WhichCycle form={form} provinces={provinces} />
      {mode === 'rehearsal' ? (
        <RehearsalFields form={form} levels={levels} />
      ) : (
        <CalendarFields form={form} levels={levels} />
      )}
      <TargetFields form={form} />
      <button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('start.starting') : t('start.submit')}
      </button>
    </form>
  );
}
