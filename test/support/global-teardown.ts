import { rmSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { createDb } from '../../db/connection';
import type { RunningIdentityProvider } from './identity';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown(): Promise<void> {
  const { devServer, identityProvider, name, dir } = (
    globalThis as unknown as {
      __ocop: {
        devServer: TestWorkflowEnvironment;
        identityProvider: RunningIdentityProvider;
        name: string;
        dir: string;
      };
    }
  ).__ocop;
  await Promise.all([devServer.teardown(), identityProvider.stop()]);
  const admin = createDb(ADMIN_URL, { max: 1 });
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  await admin.destroy();
  rmSync(dir, { recursive: true, force: true });
}
