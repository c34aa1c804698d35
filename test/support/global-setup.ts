// Once per test run: a fresh database, one workflow bundle, one dev server
// (with Temporal UI, for the browser test) and one dev OpenID provider that the
// integration tests share.
// Unit and time-skipping tests use the same database; every test uses its own
// province or year, so none collide.
import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { createDb } from '../../db/connection';
import { migrateUp } from '../../db/migrator';
import { bundleWorkflows } from '../../scripts/bundle-workflows';
import { temporalExecutable } from '../../scripts/temporal-binaries';
import { OCOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { startIdentityProvider } from './identity';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A port nothing listens on now: the SDK's default for the UI, the server's port + 1000, may be taken. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export const ISOLATED_NAMESPACE = 'ocop-isolated';

export default async function globalSetup(): Promise<void> {
  const name = `ocop_test_${Date.now()}_${process.pid}`;
  const admin = createDb(ADMIN_URL, { max: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin);
  await admin.destroy();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 1 });
  await migrateUp(db);
  await db.destroy();

  const dir = mkdtempSync(path.join(tmpdir(), 'ocop-test-'));
  const bundle = await bundleWorkflows(path.join(dir, 'workflow-bundle.js'));

  const uiPort = await freePort();
  const devServer = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable('cli'),
      ip: '127.0.0.1',
      ui: true,
      uiPort,
      searchAttributes: OCOP_SEARCH_ATTRIBUTES,
      log: { format: 'pretty', level: 'error' },
      // A namespace of its own, with the same search attributes, for a test that must see only its workflows.
      extraArgs: ['--namespace', ISOLATED_NAMESPACE],
    },
  });

  const identityProvider = await startIdentityProvider();

  Object.assign(globalThis, { __ocop: { devServer, identityProvider, name, dir } });
  // The tests' Temporal is the dev server above: no Temporal CLI profile of the developer's (TLS, an API key) may reach it.
  process.env.TEMPORAL_CONFIG_FILE = path.join(dir, 'no-temporal-profile.toml');
  delete process.env.TEMPORAL_PROFILE;
  process.env.OCOP_TEST_DATABASE_URL = url.toString();
  process.env.OCOP_TEST_ISOLATED_NAMESPACE = ISOLATED_NAMESPACE;
  process.env.OCOP_TEST_DATABASE_NAME = name;
  process.env.OCOP_TEST_WORKFLOW_BUNDLE = bundle;
  process.env.OCOP_TEST_TEMPORAL_ADDRESS = devServer.address;
  process.env.OCOP_TEST_TEMPORAL_UI = `http://127.0.0.1:${uiPort}`;
  process.env.OCOP_TEST_ISSUER = identityProvider.issuer;
}
