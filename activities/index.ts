// Activities are thin I/O: workflows decide, these write and send.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { cycleActivities } from './cycle';
import { notifyActivities } from './notify';
import { certificateActivities, persistenceActivities } from './persistence';

export interface ActivityDeps {
  db: Kysely<Database>;
  locale?: 'vi' | 'en';
  log?: (line: string) => void;
}

export function createActivities({ db, locale = 'vi', log = () => undefined }: ActivityDeps) {
  const notifications = notifyActivities({ db, locale, log });
  return {
    ...persistenceActivities(db),
    ...certificateActivities(db),
    ...notifications,
    ...cycleActivities(db, notifications.notify),
  };
}

export type Activities = ReturnType<typeof createActivities>;
