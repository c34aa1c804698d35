// `node dist/api/main.js`: the API from the environment (api/config.ts), until
// SIGINT or SIGTERM, when it stops taking requests and finishes those it has.
import { OcopClient } from '../client/ocop-client';
import { ConfigError, loadConfig } from '../worker/config';
import { openDatabase, StartupError } from '../worker/connections';
import { loadApiConfig } from './config';
import { createTokenVerifier } from './identity/verify';
import { buildServer } from './server';

async function main(): Promise<void> {
  const config = loadApiConfig(process.env);
  const shared = loadConfig(process.env);
  const db = await openDatabase(shared);
  // Lazily: the read-model routes (reports, dashboard, lists) must not wait for Temporal to be up.
  const ocop = OcopClient.lazy(shared);
  const verify = createTokenVerifier({
    issuer: config.issuer,
    audience: config.audience,
    clockToleranceSeconds: config.clockToleranceSeconds,
  });
  const app = await buildServer({ db, ocop, config, verify });
  const stop = async () => {
    await app.close();
    await ocop.close();
    await db.destroy();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(
    `API ready at ${address} (OpenAPI ${address}/openapi.json, docs ${address}/docs), tokens from ${config.issuer}`,
  );
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StartupError;
  console.error(`api: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
  process.exit(1);
});
