// Gives the dev provider's demo people and service their grants (see
// demo-accounts.ts), keyed by the dev issuer. Run at every start of the
// embedded default: a grant already held counts as done, so a rerun adds
// nothing, and each grant it does add is audited in grant_changes like any other.
import type { Kysely } from 'kysely';
import { addGrant, type GrantChanger, GrantChangeRefused } from '../../read-model/grants';
import type { Database } from '../../db/database';
import type { GrantInput } from '../../domain/access';
import { DEMO_ACCOUNTS, DEMO_SERVICE_CLIENTS } from './demo-accounts';

/** The system principal the audit names for these grants: no person gave them. */
export const SEED_SUBJECT = 'seed';
const REASON = 'demo account of the dev OpenID provider (embedded default)';

export interface SeedResult {
  added: number;
  /** Grants the holder already had, from an earlier run. */
  present: number;
}

/** Every demo grant as (holder, grant), people first, then service clients. */
export function demoGrants(): { subject: string; grant: GrantInput }[] {
  return [
    ...DEMO_ACCOUNTS.flatMap((account) => account.grants.map((grant) => ({ subject: account.login, grant }))),
    ...DEMO_SERVICE_CLIENTS.flatMap((client) => client.grants.map((grant) => ({ subject: client.clientId, grant }))),
  ];
}

export async function seedDemoGrants(db: Kysely<Database>, issuer: string): Promise<SeedResult> {
  const by: GrantChanger = { issuer, subject: SEED_SUBJECT, grantId: null };
  const result: SeedResult = { added: 0, present: 0 };
  for (const { subject, grant } of demoGrants()) {
    try {
      await addGrant(db, { issuer, subject, ...grant }, by, REASON);
      result.added++;
    } catch (error) {
      if (!(error instanceof GrantChangeRefused && error.refusal === 'duplicate')) throw error;
      result.present++;
    }
  }
  return result;
}
