// `node dist/api/identity/main.js`: the dev OpenID provider as its own process,
// for `npm run dev`, the demo and the tests.
import type { JWK } from 'jose';
import { DEFAULT_AUDIENCE, startDevProvider } from './provider';

function integerEnv(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text.slice(0, 20)}"`);
  }
  return value;
}

function jwksEnv(): { keys: JWK[] } | undefined {
  const text = process.env.OCOP_IDP_JWKS;
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('OCOP_IDP_JWKS must be JSON: {"keys": [a private JWK]}');
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((key) => typeof key !== 'object' || !key || !('d' in key))
  ) {
    throw new Error('OCOP_IDP_JWKS must hold "keys": a non-empty list of private JWKs (with "d")');
  }
  return { keys: keys as JWK[] };
}

async function main(): Promise<void> {
  const provider = await startDevProvider({
    port: integerEnv('OCOP_IDP_PORT', 8470, 0, 65535),
    host: process.env.OCOP_IDP_HOST || '127.0.0.1',
    issuer: process.env.OCOP_IDP_ISSUER || undefined,
    audience: process.env.OCOP_API_AUDIENCE || DEFAULT_AUDIENCE,
    accessTokenTtlSeconds: integerEnv('OCOP_IDP_ACCESS_TTL_SECONDS', 3600, 1, 86_400),
    jwks: jwksEnv(),
  });
  process.stdout.write(`OpenID provider ready at ${provider.issuer}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    provider.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`OpenID provider failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
