// The people and service accounts that tokens have named. A principal row is
// created the first time its token is seen, so an event can point at who acted
// by a stable id while the display name follows what the provider says now.
import { type Kysely, sql } from 'kysely';
import type { Principal, PrincipalKind } from '../domain/access';
import type { Database } from '../db/database';

/** Display names longer than this are cut: they come from the identity provider, not from us. */
const NAME_MAX = 200;

export interface PrincipalClaims {
  issuer: string;
  subject: string;
  name: string | null;
  kind: PrincipalKind;
}

/**
 * Records that a principal was seen now, with the name its token gives (a token
 * without a name keeps the one known). Safe to call on every request.
 */
export async function upsertPrincipal(db: Kysely<Database>, claims: PrincipalClaims): Promise<Principal> {
  if (claims.issuer.length > 2048 || claims.subject.length > 255) {
    throw new Error('principal: issuer must be at most 2048 and subject at most 255 characters');
  }
  const name = claims.name === null ? null : claims.name.trim().slice(0, NAME_MAX) || null;
  const now = new Date();
  const row = await db
    .insertInto('principals')
    .values({
      issuer: claims.issuer,
      subject: claims.subject,
      display_name: name,
      kind: claims.kind,
      last_seen_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['issuer', 'subject']).doUpdateSet({
        display_name: sql<string | null>`coalesce(excluded.display_name, principals.display_name)`,
        kind: (eb) => eb.ref('excluded.kind'),
        last_seen_at: (eb) => eb.ref('excluded.last_seen_at'),
      }),
    )
    .returning(['id', 'issuer', 'subject', 'display_name', 'kind'])
    .executeTakeFirstOrThrow();
  return toPrincipal(row);
}

export async function findPrincipal(
  db: Kysely<Database>,
  issuer: string,
  subject: string,
): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('principals')
    .select(['id', 'issuer', 'subject', 'display_name', 'kind'])
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row && toPrincipal(row);
}

function toPrincipal(row: {
  id: string;
  issuer: string;
  subject: string;
  display_name: string | null;
  kind: string;
}): Principal {
  return {
    id: String(row.id),
    issuer: row.issuer,
    subject: row.subject,
    name: row.display_name,
    kind: row.kind === 'service' ? 'service' : 'person',
  };
}
