// Once per test run: a fresh database, one workflow bundle, one dev server
// (with Temporal UI, for the browser test) and one dev OpenID provider that the
// integration tests share, started as the local stack starts them.
// Unit and time-skipping tests use the same database; every test uses its own
// province or year, so none collide.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWorkflows } from '../../scripts/bundle-workflows';
import { requireTestPostgres, TEST_DATABASE_ADMIN_URL } from '../../scripts/check-prerequisites';
import { databaseUrl, dropDatabase, prepareDatabase } from '../../scripts/stack/database';
import { freePort } from '../../scripts/stack/net';
import { Stops } from '../../scripts/stack/stops';
import { startTemporalDevServer } from '../../scripts/stack/temporal';
import { startIdentityProvider } from './identity';

export const ISOLATED_NAMESPACE = 'ocop-isolated';

export default async function globalSetup(): Promise<void> {
  await requireTestPostgres();
  const name = `ocop_test_${Date.now()}_${process.pid}`;
  const url = databaseUrl(TEST_DATABASE_ADMIN_URL, name);
  // Jest runs no teardown after a failed setup: what this started must not outlive it.
  const stops = new Stops();
  try {
    await prepareDatabase(url);
    stops.add(() => dropDatabase(url));
    const dir = mkdtempSync(path.join(tmpdir(), 'ocop-test-'));
    stops.add(async () => rmSync(dir, { recursive: true, force: true }));
    const bundle = await bundleWorkflows(path.join(dir, 'workflow-bundle.js'));

    // A port nothing listens on now: the CLI's default for the UI, the server's port + 1000, may be taken.
    const uiPort = await freePort();
    const devServer = await startTemporalDevServer(
      {
        address: '127.0.0.1:0',
        // A namespace of its own, with the same search attributes, for a test that must see only its workflows.
        namespaces: ['default', ISOLATED_NAMESPACE],
        uiPort,
        dbFile: null,
      },
      console.log,
    );
    stops.add(devServer.stop);
    const identityProvider = await startIdentityProvider();

    Object.assign(globalThis, { __ocop: { devServer, identityProvider, url, dir } });
    // The tests' Temporal is the dev server above: no Temporal CLI profile of the developer's (TLS, an API key) may reach it.
    process.env.TEMPORAL_CONFIG_FILE = path.join(dir, 'no-temporal-profile.toml');
    delete process.env.TEMPORAL_PROFILE;
    process.env.OCOP_TEST_DATABASE_URL = url;
    process.env.OCOP_TEST_ISOLATED_NAMESPACE = ISOLATED_NAMESPACE;
    process.env.OCOP_TEST_DATABASE_NAME = name;
    process.env.OCOP_TEST_WORKFLOW_BUNDLE = bundle;
    process.env.OCOP_TEST_TEMPORAL_ADDRESS = devServer.address;
    process.env.OCOP_TEST_TEMPORAL_UI = `http://127.0.0.1:${uiPort}`;
    process.env.OCOP_TEST_ISSUER = identityProvider.issuer;
  } catch (error) {
    await stops.afterFailure(error);
  }
}
