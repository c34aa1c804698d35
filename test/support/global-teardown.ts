import { rmSync } from 'node:fs';
import { dropDatabase } from '../../scripts/stack/database';
import type { DevServer } from '../../scripts/stack/temporal';
import type { RunningIdentityProvider } from './identity';

export default async function globalTeardown(): Promise<void> {
  const { devServer, identityProvider, url, dir } = (
    globalThis as unknown as {
      __ocop: { devServer: DevServer; identityProvider: RunningIdentityProvider; url: string; dir: string };
    }
  ).__ocop;
  await Promise.all([devServer.stop(), identityProvider.stop()]);
  await dropDatabase(url);
  rmSync(dir, { recursive: true, force: true });
}
