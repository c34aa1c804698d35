// The cycle at the top of its dashboard: its phase, until when, the dates of its calendar, and for the province's
// coordinators the form that moves one of them.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/dates';
import { useProvincesAllowed } from '../cycles/grants';
import { calendarPointLabel, calendarPoints } from './calendar';
import type { CycleHeader } from './dashboard-data';
import { ExtendDateForm } from './ExtendDateForm';

export function CycleCalendar({ cycle }: { cycle: CycleHeader }) {
  const { t } = useTranslation(['dashboard', 'cycles', 'domain']);
  const mayExtend = useProvincesAllowed('extendCalendar').includes(cycle.province);
  return (
    <section aria-labelledby="dashboard-calendar">
      <h2 id="dashboard-calendar">{t('calendar.title')}</h2>
      <p>
        {t('calendar.phase', { phase: t(`domain:phase.${cycle.phase}`) })}
        {cycle.phaseEndsAt ? ` ${t('calendar.phaseEnds', { date: formatDateTime(cycle.phaseEndsAt) })}` : null}
      </p>
      <dl className="calendar-dates">
        {calendarPoints(cycle.calendar).map(({ point, at }) => (
          <div key={point}>
            <dt>{calendarPointLabel(t, point)}</dt>
            <dd>{formatDateTime(at)}</dd>
          </div>
        ))}
      </dl>
      {mayExtend ? (
        <details className="extend">
          <summary>{t('extend.title')}</summary>
          <ExtendDateForm cycle={cycle} />
        </details>
      ) : null}
    </section>
  );
}
