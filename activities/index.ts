// Activities are thin I/O: workflows decide, these write and send.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { cycleActivities } from './cycle';
import { failFastOnRefusal } from './database-refusals';
import { createOutbox, DEVELOPMENT_SETTINGS, notifyActivities, type NotifySettings } from './notify';
import { operationsActivities } from './operations';
import { certificateActivities, persistenceActivities } from './persistence';
import { supersessionActivities } from './supersession';

export interface ActivityDeps {
  db: Kysely<Database>;
  /** The channels and locale; by default only the log, in Vietnamese. */
  notify?: NotifySettings;
  log?: (line: string) => void;
}

export function createActivities({ db, notify = DEVELOPMENT_SETTINGS, log = () => undefined }: ActivityDeps) {
  const notifications = notifyActivities(createOutbox(db, notify, log));
  return failFastOnRefusal({
    ...persistenceActivities(db),
    ...certificateActivities(db),
    ...supersessionActivities(db),
    ...notifications,
    ...cycleActivities(db, notifications.notify),
    ...operationsActivities(db, createOutbox(db, notify, log)),
  });
}

export type Activities = ReturnType<typeof createActivities>;
