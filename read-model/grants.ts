// Grants as rows. Every change writes the grant and its grant_changes row in
// one transaction, so the audit cannot miss a change nor record one that did
// not happen. Grants are keyed by the grantee's issuer and subject, so one can
// be given before its holder has ever signed in.
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import { type Grant, GrantInput, GrantRole, type GrantScope } from '../domain/access';
import { LevelId } from '../domain/schemas';
import type { Database, GrantsTable } from '../db/database';

/** The most grants one principal may hold at once that `grantsOf` reads. */
export const GRANTS_PER_PRINCIPAL_MAX = 200;
export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;
const REASON_MAX = 500;

/** Who changes a grant: the principal and the province_admin grant used (null for the system's seeding). */
export interface GrantChanger {
  issuer: string;
  subject: string;
  grantId: string | null;
}

export type GrantRefusal = 'invalid' | 'not-found' | 'already-revoked' | 'duplicate';

export class GrantChangeRefused extends Error {
  constructor(
    readonly refusal: GrantRefusal,
    message: string,
    /** For a duplicate: the grant that already gives the same role and scope. */
    readonly existing?: Grant,
  ) {
    super(message);
    this.name = 'GrantChangeRefused';
  }
}

export interface GrantChange {
  id: string;
  grantId: string;
  change: 'granted' | 'revoked';
  by: GrantChanger;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

// ---- row <-> domain, in one place

type GrantRow = Selectable<GrantsTable>;

function toGrant(row: GrantRow): Grant {
  const scope: GrantScope = { province: row.province };
  if (row.unit !== null) scope.unit = row.unit;
  if (row.level !== null) scope.level = LevelId.parse(row.level);
  if (row.subject_id !== null) scope.subjectId = row.subject_id;
  return {
    id: String(row.id),
    issuer: row.issuer,
    subject: row.subject,
    role: GrantRole.parse(row.role),
    scope,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

function grantValues(grantee: { issuer: string; subject: string }, input: GrantInput) {
  return {
    issuer: grantee.issuer,
    subject: grantee.subject,
    role: input.role,
    province: input.scope.province,
    unit: input.scope.unit ?? null,
    level: input.scope.level ?? null,
    subject_id: input.scope.subjectId ?? null,
    ...(input.validFrom ? { valid_from: input.validFrom } : {}),
    valid_until: input.validUntil ?? null,
  };
}

// ---- reads

type Db = Kysely<Database> | Transaction<Database>;

/** The grants a principal holds that count at `now`: begun, not ended, not revoked. */
export async function grantsOf(db: Db, issuer: string, subject: string, now: Date): Promise<Grant[]> {
  const rows = await db
    .selectFrom('grants')
    .selectAll()
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .where('valid_from', '<=', now)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', now)]))
    .orderBy('id')
    .limit(GRANTS_PER_PRINCIPAL_MAX)
    .execute();
  return rows.map(toGrant);
}

export async function getGrant(db: Db, id: string): Promise<Grant | undefined> {
  if (!isGrantId(id)) return undefined;
  const row = await db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toGrant(row);
}

export interface GrantFilter {
  province?: string;
  issuer?: string;
  subject?: string;
  role?: GrantRole;
  /** Revoked and ended grants too; by default only those not revoked. */
  includeRevoked?: boolean;
  /** Grants with a larger id than this: the last id of the previous page. */
  after?: string;
  limit?: number;
}

export async function listGrants(db: Db, filter: GrantFilter = {}): Promise<Grant[]> {
  let query = db.selectFrom('grants').selectAll();
  if (filter.province) query = query.where('province', '=', filter.province);
  if (filter.issuer) query = query.where('issuer', '=', filter.issuer);
  if (filter.subject) query = query.where('subject', '=', filter.subject);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (!filter.includeRevoked) query = query.where('revoked_at', 'is', null);
  if (filter.after !== undefined) {
    if (!isGrantId(filter.after)) throw new RangeError('after: must be a grant id (digits)');
    query = query.where('id', '>', filter.after);
  }
  const rows = await query.orderBy('id').limit(boundedLimit(filter.limit)).execute();
  return rows.map(toGrant);
}

export async function listGrantChanges(
  db: Db,
  filter: { province?: string; grantId?: string; after?: string; limit?: number } = {},
): Promise<GrantChange[]> {
  let query = db
    .selectFrom('grant_changes as c')
    .innerJoin('grants as g', 'g.id', 'c.grant_id')
    .select(['c.id', 'c.grant_id', 'c.change', 'c.by_issuer', 'c.by_subject', 'c.by_grant_id', 'c.reason'])
    .select(['c.details', 'c.at']);
  if (filter.province) query = query.where('g.province', '=', filter.province);
  if (filter.grantId !== undefined) {
    if (!isGrantId(filter.grantId)) return [];
    query = query.where('c.grant_id', '=', filter.grantId);
  }
  if (filter.after !== undefined) {
    if (!isGrantId(filter.after)) throw new RangeError('after: must be a grant change id (digits)');
    query = query.where('c.id', '>', filter.after);
  }
  const rows = await query.orderBy('c.id').limit(boundedLimit(filter.limit)).execute();
  return rows.map((r) => ({
    id: String(r.id),
    grantId: String(r.grant_id),
    change: r.change === 'revoked' ? 'revoked' : 'granted',
    by: { issuer: r.by_issuer, subject: r.by_subject, grantId: r.by_grant_id === null ? null : String(r.by_grant_id) },
    reason: r.reason,
    details: r.details,
    at: r.at.toISOString(),
  }));
}

// ---- changes

/**
 * Gives a grant. Refused when the input breaks a rule of its role, or when the
 * grantee already holds a live grant of the same role and scope.
 */
export async function addGrant(
  db: Kysely<Database>,
  input: { issuer: string; subject: string } & GrantInput,
  by: GrantChanger,
  reason: string,
): Promise<Grant> {
  const parsed = GrantInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GrantChangeRefused('invalid', `${issue?.path.join('.') ?? 'grant'}: ${issue?.message ?? 'is invalid'}`);
  }
  const grant = parsed.data;
  const why = checkReason(reason);
  if (!input.issuer || input.issuer.length > 2048)
    throw new GrantChangeRefused('invalid', 'issuer: 1 to 2048 characters');
  if (!input.subject || input.subject.length > 255)
    throw new GrantChangeRefused('invalid', 'subject: 1 to 255 characters');

  return db.transaction().execute(async (trx) => {
    // Serialises grant changes per grantee, so two equal requests cannot both pass the duplicate check.
    await sql`select pg_advisory_xact_lock(hashtext(${`grants:${input.issuer}\n${input.subject}`}))`.execute(trx);
    const live = await grantsOf(trx, input.issuer, input.subject, new Date());
    const existing = live.find((g) => g.role === grant.role && sameScope(g.scope, grant.scope));
    if (existing) {
      throw new GrantChangeRefused(
        'duplicate',
        `${input.subject} already holds grant ${existing.id} as ${grant.role} with this scope`,
        existing,
      );
    }
    const row = await trx
      .insertInto('grants')
      .values(grantValues(input, grant))
      .returningAll()
      .executeTakeFirstOrThrow();
    const added = toGrant(row);
    await recordChange(trx, added, 'granted', by, why);
    return added;
  });
}

/** Revokes a grant from now on; refused for an unknown grant and for one already revoked. */
export async function revokeGrant(db: Kysely<Database>, id: string, by: GrantChanger, reason: string): Promise<Grant> {
  const why = checkReason(reason);
  if (!isGrantId(id)) throw new GrantChangeRefused('not-found', `grant ${id} does not exist`);
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('grants').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new GrantChangeRefused('not-found', `grant ${id} does not exist`);
    if (row.revoked_at !== null) {
      throw new GrantChangeRefused(
        'already-revoked',
        `grant ${id} was already revoked at ${row.revoked_at.toISOString()}`,
        toGrant(row),
      );
    }
    const updated = await trx
      .updateTable('grants')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const revoked = toGrant(updated);
    await recordChange(trx, revoked, 'revoked', by, why);
    return revoked;
  });
}

async function recordChange(
  trx: Transaction<Database>,
  grant: Grant,
  change: GrantChange['change'],
  by: GrantChanger,
  reason: string,
): Promise<void> {
  if (by.grantId !== null && !isGrantId(by.grantId)) {
    throw new GrantChangeRefused('invalid', 'by.grantId: must be a grant id (digits)');
  }
  await trx
    .insertInto('grant_changes')
    .values({
      grant_id: grant.id,
      change,
      by_issuer: by.issuer,
      by_subject: by.subject,
      by_grant_id: by.grantId,
      reason,
      details: JSON.stringify({
        issuer: grant.issuer,
        subject: grant.subject,
        role: grant.role,
        scope: grant.scope,
        validFrom: grant.validFrom,
        validUntil: grant.validUntil,
        revokedAt: grant.revokedAt,
      }),
    })
    .execute();
}

function checkReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new GrantChangeRefused('invalid', 'reason: must not be empty');
  if (trimmed.length > REASON_MAX) {
    throw new GrantChangeRefused('invalid', `reason: must be at most ${REASON_MAX} characters`);
  }
  return trimmed;
}

function sameScope(a: GrantScope, b: GrantScope): boolean {
  return a.province === b.province && a.unit === b.unit && a.level === b.level && a.subjectId === b.subjectId;
}

function isGrantId(id: string): boolean {
  return /^\d{1,18}$/.test(id);
}

function boundedLimit(limit: number | undefined): number {
  if (limit === undefined) return LIST_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
    throw new RangeError(`limit: must be an integer from 1 to ${LIST_LIMIT_MAX}`);
  }
  return limit;
}
