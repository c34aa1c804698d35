// For the province's coordinators: move a date of the cycle's calendar later, saying why. The API refuses a date
// earlier than the current one, or a cycle whose date has passed, and its reason shows here.
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useServerForm } from '../../components/useServerForm';
import { formatDateTime, toLocalInput } from '../../format/dates';
import { calendarDeadlines, calendarPointLabel } from './calendar';
import type { CycleHeader } from './dashboard-data';
import { ExtendDateRequest } from './extend-date-schema';

export function ExtendDateForm({ cycle }: { cycle: CycleHeader }) {
  const { t } = useTranslation(['dashboard', 'cycles', 'domain']);
  const deadlines = calendarDeadlines(cycle.calendar);
  const dateOf = (point: string) => deadlines.find((deadline) => deadline.point === point)?.at;
  const first = deadlines[0];
  const { form, mutation, onSubmit } = useServerForm({
    schema: ExtendDateRequest,
    defaultValues: { deadline: first?.point, until: first ? toLocalInput(first.at) : '', reason: '' },
    submit: (body) =>
      unwrap(
        api.POST('/v1/cycles/{cycleId}/calendar-extensions', { params: { path: { cycleId: cycle.cycleId } }, body }),
      ),
    invalidates: [['cycle', cycle.cycleId], ['dashboard', cycle.cycleId], ['cycles']],
    onDone: () => form.resetField('reason'),
  });
  const { errors } = form.formState;
  const current = dateOf(form.watch('deadline') ?? '');
  // Choosing another date starts the new one from that date's current value, which is then moved later.
  const deadline = form.register('deadline', {
    onChange: (event: { target: { value: string } }) => {
      const at = dateOf(event.target.value);
      if (at) form.setValue('until', toLocalInput(at));
    },
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="extend-date">
      <ProblemAlert error={mutation.error} />
      {mutation.isSuccess && mutation.variables ? (
        <p className="success" role="status">
          {t('extend.done', { date: calendarPointLabel(t, mutation.variables.deadline) })}
        </p>
      ) : null}
      <div className="form-row">
        <Field label={t('extend.deadline')} error={errors.deadline?.message}>
          <select {...deadline}>
            {deadlines.map(({ point }) => (
              <option key={point} value={point}>
                {calendarPointLabel(t, point)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('extend.until')}
          error={errors.until?.message}
          hint={t('extend.current', { date: formatDateTime(current) })}
        >
          <input type="datetime-local" {...form.register('until')} />
        </Field>
      </div>
      <Field label={t('extend.reason')} error={errors.reason?.message}>
        <textarea rows={3} maxLength={1000} {...form.register('reason')} />
      </Field>
      <button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('extend.saving') : t('extend.submit')}
      </button>
    </form>
  );
}
