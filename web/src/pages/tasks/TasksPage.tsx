// "My tasks": what waits for the signed-in person within their grants, soonest due first, in groups by how soon:
// overdue, within 7 days, later, and without a deadline.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { groupByDue } from './due';
import { TaskTable } from './TaskTable';
import './tasks.css';

/** As many as the API gives at once: a person's own work list is never longer in practice. */
const LIMIT = 200;

export default function TasksPage() {
  const { t } = useTranslation('tasks');
  const tasks = useQuery({
    queryKey: ['tasks'],
    queryFn: () => unwrap(api.GET('/v1/tasks', { params: { query: { limit: LIMIT } } })),
  });
  // Day counts are taken against when the list was fetched, so every row counts from the same instant.
  const now = useMemo(() => new Date(tasks.dataUpdatedAt), [tasks.dataUpdatedAt]);
  const groups = useMemo(() => groupByDue(tasks.data ?? [], now), [tasks.data, now]);
  return (
    <>
      <PageTitle title={t('title')}>
        {tasks.data?.length ? <p className="muted">{t('count', { count: tasks.data.length })}</p> : null}
      </PageTitle>
      {tasks.isPending ? <Loading /> : null}
      <ProblemAlert error={tasks.error} />
      {tasks.data?.length === 0 ? (
        <section>
          <h2>{t('empty.title')}</h2>
          <p>{t('empty.text')}</p>
        </section>
      ) : null}
      {groups.map(({ group, tasks: inGroup }) => (
        <section key={group} aria-labelledby={`tasks-${group}`} className={`task-group task-group-${group}`}>
          <h2 id={`tasks-${group}`}>{t(`group.${group}`, { count: inGroup.length })}</h2>
          <TaskTable caption={t(`caption.${group}`)} tasks={inGroup} now={now} />
        </section>
      ))}
      {tasks.data?.length === LIMIT ? <p className="muted">{t('truncated', { count: LIMIT })}</p> : null}
    </>
  );
}
