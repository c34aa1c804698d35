// `npm run db:migrate [up|down]`: up to the latest, or down by the last migration.
import { createDb, DEFAULT_DATABASE_URL, databaseUrlProblem } from './connection';
import { describeDatabaseError } from './errors';
import { migrateDown, migrateUp } from './migrator';

async function main(): Promise<void> {
  const direction = process.argv[2] ?? 'up';
  if (direction !== 'up' && direction !== 'down') throw new Error(`unknown direction "${direction}": use up or down`);
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const problem = databaseUrlProblem(databaseUrl);
  if (problem) throw new Error(`invalid configuration: DATABASE_URL: ${problem}`);
  const db = createDb(databaseUrl, { max: 1 });
  try {
    const lines = direction === 'up' ? await migrateUp(db) : await migrateDown(db);
    console.log(lines.length ? lines.join('\n') : 'nothing to migrate');
  } catch (error) {
    throw new Error(describeDatabaseError(error, databaseUrl) ?? (error as Error).message);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${(error as Error).message}`);
  process.exit(1);
});
