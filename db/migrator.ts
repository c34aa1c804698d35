// Migrations are imported, not read from a folder, so the same list runs from
// the TypeScript sources, from dist/ and inside the container image.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as initial from './migrations/0001_initial';
import * as registrations from './migrations/0002_registrations';
import * as notifications from './migrations/0003_notifications';
import * as inspectionRounds from './migrations/0004_inspection_rounds';
import * as access from './migrations/0005_access';
import * as apiActions from './migrations/0006_api_actions';
import * as escalationsByProduct from './migrations/0007_escalations_by_product';
import * as recognitionDecisions from './migrations/0008_recognition_decisions';
import * as recognitionDecisionsAnnounced from './migrations/0009_recognition_decisions_announced';
import * as registrationNameKeys from './migrations/0010_registration_name_keys';

const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_registrations': registrations,
  '0003_notifications': notifications,
  '0004_inspection_rounds': inspectionRounds,
  '0005_access': access,
  '0006_api_actions': apiActions,
  '0007_escalations_by_product': escalationsByProduct,
  '0008_recognition_decisions': recognitionDecisions,
  '0009_recognition_decisions_announced': recognitionDecisionsAnnounced,
  '0010_registration_name_keys': registrationNameKeys,
};

function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).map((r) => `${r.migrationName}: ${r.direction} ${r.status}`);
}

export async function migrateUp<DB>(db: Kysely<DB>): Promise<string[]> {
  return unwrap(await migrator(db).migrateToLatest());
}

export async function migrateDown<DB>(db: Kysely<DB>): Promise<string[]> {
  return unwrap(await migrator(db).migrateDown());
}
