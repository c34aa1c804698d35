// Activities are thin I/O: workflows decide, these write and send.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { notifyActivities } from './notify';
import { certificateActivities, persistenceActivities } from './persistence';

export interface ActivityDeps {
  db: Kysely<Database>;
  locale?: 'vi' | 'en';
  log?: (line: string) => void;
}

export function createActivities({ db, locale = 'vi', log = () => undefined }: ActivityDeps) {
  return {
    ...persistenceActivities(db),
    ...certificateActivities(db),
    ...notifyActivities({ db, locale, log }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
