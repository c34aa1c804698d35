import { rmSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { createDb } from '../../db/connection';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown(): Promise<void> {
  const { devServer, name, dir } = (
    globalThis as unknown as {
      __ocop: { devServer: TestWorkflowEnvironment; name: string; dir: string };
    }
  ).__ocop;
  await devServer.teardown();
  const admin = createDb(ADMIN_URL, { max: 1 });
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  await admin.destroy();
  rmSync(dir, { recursive: true, force: true });
}
