// What every route works with: the read model, the client library over
// Temporal, the configuration and the token verifier. Tests build one in-process.
import type { Kysely } from 'kysely';
import type { OcopClient } from '../client/ocop-client';
import type { Database } from '../db/database';
import type { VerifiedPrincipal } from './identity/verify';
import type { ApiConfig } from './config';

export interface ApiContext {
  db: Kysely<Database>;
  ocop: OcopClient;
  config: ApiConfig;
  verify: (token: string) => Promise<VerifiedPrincipal>;
}
