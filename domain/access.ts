// Who may do what to which product. A token says who someone is; a grant, held
// by the engine, says what they may do: a role within a scope (a province, then
// a district or commune and a council level, or a producer's subject id) for a
// period. The API asks `authorize` before every call and hands the workflow the
// actor of the grant it used; the workflow's validators still check role, level,
// stage and deadline, so neither check alone decides.
import { z } from 'zod';
import { unknownProvince } from './provinces';
import { identifierText, noteText } from './text';
import { RULE_SETS } from './rules';
import { type Actor, Instant, LevelId, ProvinceCode } from './schemas';
import type { ActionName } from './stages';
import { UnitCode, checkUnitAtLevel } from './units';

export const GrantRole = z.enum([
  'coordinator', // the provincial OCOP office: every product and cycle operation of its province
  'dossier_officer', // receives and checks dossiers at a level, for its unit
  'council_secretary', // records its council's results, for its unit at district or commune level
  'inspector', // post-inspection (hậu kiểm) across the province
  'subject', // a producer (chủ thể OCOP), for its own products only
  'province_admin', // manages the province's grants, and nothing else
]);
export type GrantRole = z.infer<typeof GrantRole>;

export const SubjectId = identifierText(120);

/** Whom a grant is for, as their OpenID provider names them (`sub`): a login, or a service's client id. */
export const GranteeSubject = identifierText(255);

/** Why a grant is given or revoked, kept in the audit of grant changes. */
export const Reason = noteText(500).describe('why, for the audit');

export const GrantScope = z.strictObject({
  province: ProvinceCode,
  /** A district (148) or commune (1489) code; absent for the whole province. */
  unit: UnitCode.optional(),
  level: LevelId.optional(),
  subjectId: SubjectId.optional(),
});
export type GrantScope = z.infer<typeof GrantScope>;

/** The fields of a grant request; `GrantInput` adds the rules that tie scope to role. */
export const GrantInputFields = z.object({
  role: GrantRole,
  scope: GrantScope,
  validFrom: Instant.optional(),
  validUntil: Instant.optional(),
});

const PROVINCE_WIDE: readonly GrantRole[] = ['coordinator', 'inspector', 'province_admin'];
/** The levels whose units a product is placed in: the first of each rule set's chain. */
const UNIT_LEVELS = new Set(Object.values(RULE_SETS).flatMap((r) => r.levels.slice(0, 1).map((l) => l.id)));
const LEVELS_OF_ROLE: Partial<Record<GrantRole, ReadonlySet<LevelId>>> = {
  dossier_officer: new Set(
    Object.values(RULE_SETS).flatMap((r) => r.levels.filter((l) => l.reviewsDossier).map((l) => l.id)),
  ),
  council_secretary: new Set(Object.values(RULE_SETS).flatMap((r) => r.levels.map((l) => l.id))),
};

interface ScopeIssue {
  path: (string | number)[];
  message: string;
}

/** What is wrong with a role's scope and period, each naming its field; empty when nothing is. */
export function checkGrantInput(input: z.infer<typeof GrantInputFields>): ScopeIssue[] {
  const { role, scope } = input;
  const issues: ScopeIssue[] = [];
  const unknown = unknownProvince(scope.province);
  if (unknown) issues.push({ path: ['scope', 'province'], message: unknown });
  const absent = (field: keyof GrantScope, why: string) => {
    if (scope[field] !== undefined) issues.push({ path: ['scope', field], message: `must be absent: ${why}` });
  };
  if (PROVINCE_WIDE.includes(role)) {
    const why = `a ${role} grant covers the whole province`;
    absent('unit', why);
    absent('level', why);
    absent('subjectId', why);
  } else if (role === 'subject') {
    if (scope.subjectId === undefined)
      issues.push({ path: ['scope', 'subjectId'], message: 'is required for a subject grant' });
    absent('unit', 'a subject grant covers its own products wherever they are');
    absent('level', 'a subject grant has no council level');
  } else {
    absent('subjectId', `only a subject grant names a subject`);
    issues.push(...checkLevelAndUnit(role, scope));
  }
  if (input.validFrom && input.validUntil && Date.parse(input.validUntil) <= Date.parse(input.validFrom)) {
    issues.push({ path: ['validUntil'], message: `must be after validFrom (${input.validFrom})` });
  }
  return issues;
}

function checkLevelAndUnit(role: GrantRole, scope: GrantScope): ScopeIssue[] {
  const allowed = LEVELS_OF_ROLE[role] ?? new Set<LevelId>();
  const levels = [...allowed].join(', ');
  if (scope.level === undefined) {
    return [{ path: ['scope', 'level'], message: `is required for a ${role} grant: one of ${levels}` }];
  }
  if (!allowed.has(scope.level)) {
    return [{ path: ['scope', 'level'], message: `a ${role} grant must be at one of ${levels}` }];
  }
  if (!UNIT_LEVELS.has(scope.level)) {
    return scope.unit === undefined
      ? []
      : [{ path: ['scope', 'unit'], message: `must be absent: a ${scope.level}-level grant covers the province` }];
  }
  if (scope.unit === undefined) {
    return [{ path: ['scope', 'unit'], message: `is required for a ${role} grant at level ${scope.level}` }];
  }
  const wrong = checkUnitAtLevel(scope.province, scope.level, scope.unit);
  return wrong ? [{ path: ['scope', 'unit'], message: wrong }] : [];
}

/** For `.superRefine` on any schema carrying the grant fields (the API's request body adds more). */
export function refineGrantInput(input: z.infer<typeof GrantInputFields>, ctx: z.RefinementCtx): void {
  for (const issue of checkGrantInput(input)) ctx.addIssue({ code: 'custom', ...issue });
}

export const GrantInput = GrantInputFields.superRefine(refineGrantInput);
export type GrantInput = z.infer<typeof GrantInput>;

const Issuer = z.string().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters');
const PrincipalSubject = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

export const Grant = z.object({
  id: z.string().max(20),
  issuer: Issuer,
  subject: PrincipalSubject,
  role: GrantRole,
  scope: GrantScope,
  validFrom: Instant,
  validUntil: Instant.nullable(),
  revokedAt: Instant.nullable(),
});
export type Grant = z.infer<typeof Grant>;

export const PrincipalKind = z.enum(['person', 'service']);
export type PrincipalKind = z.infer<typeof PrincipalKind>;

export const Principal = z.object({
  /** principals.id */
  id: z.string().max(20),
  issuer: Issuer,
  subject: PrincipalSubject,
  name: z.string().max(200).nullable(),
  kind: PrincipalKind,
});
export type Principal = z.infer<typeof Principal>;

export interface ProductPlace {
  unit: string | null;
  subjectId: string;
  /** The level the product is at, when the read model knows it. */
  level: LevelId | null;
}

/** What an action is done to: a province, a cycle, or a product with its place. */
export type Target = { province: string } | { province: string; product: ProductPlace };

export type Operation =
  | ActionName
  | 'registerProduct'
  | 'startCycle'
  | 'extendCalendar'
  | 'importProducts'
  | 'viewProduct'
  | 'listProducts'
  | 'viewReport'
  | 'viewCycle'
  | 'manageNotifications'
  | 'manageGrants'
  | 'manageContacts'
  | 'manageSchedules'
  | 'decodePayloads'
  | 'verifyCycle';

/**
 * Whether an operation is done to one product: a unit- or subject-scoped grant
 * then needs the product's place; a province operation it may do in its province.
 */
const OPERATION_TARGET: Record<Operation, 'product' | 'province'> = {
  submitDossier: 'product',
  reviewDossier: 'product',
  submitSupplement: 'product',
  recordCouncilResult: 'product',
  recordInspection: 'product',
  withdraw: 'product',
  extendDeadline: 'product',
  recordRecognitionDecision: 'product',
  recordRevocationDecision: 'product',
  registerProduct: 'product',
  viewProduct: 'product',
  startCycle: 'province',
  extendCalendar: 'province',
  importProducts: 'province',
  listProducts: 'province',
  viewReport: 'province',
  viewCycle: 'province',
  manageNotifications: 'province',
  manageGrants: 'province',
  manageContacts: 'province',
  manageSchedules: 'province',
  // The codec endpoint decrypts any workflow's payloads, whatever its province: only coordinators hold it.
  decodePayloads: 'province',
  verifyCycle: 'province',
};

const VIEWS: readonly Operation[] = ['viewProduct', 'listProducts', 'viewCycle'];

/** The permission table. A coordinator does every product and cycle operation but grants nothing. */
const PERMISSIONS: Record<Exclude<GrantRole, 'coordinator'>, readonly Operation[]> = {
  province_admin: ['manageGrants', 'viewCycle'],
  dossier_officer: ['reviewDossier', ...VIEWS],
  council_secretary: ['recordCouncilResult', ...VIEWS],
  inspector: ['recordInspection', ...VIEWS],
  subject: ['registerProduct', 'submitDossier', 'submitSupplement', 'withdraw', 'viewProduct', 'listProducts'],
};

/** Operations an officer or a secretary does only at its own level. */
const AT_OWN_LEVEL: readonly Operation[] = ['reviewDossier', 'recordCouncilResult'];

/** When several grants allow an operation, the narrowest acts, so the audit names the least power used. */
const PREFERENCE: readonly GrantRole[] = [
  'subject',
  'dossier_officer',
  'council_secretary',
  'inspector',
  'coordinator',
  'province_admin',
];

export function mayDo(role: GrantRole, operation: Operation): boolean {
  return role === 'coordinator' ? operation !== 'manageGrants' : PERMISSIONS[role].includes(operation);
}

/** A grant counts from validFrom until (not including) validUntil, unless revoked. */
export function isActive(grant: Grant, now: Date): boolean {
  const t = now.getTime();
  if (grant.revokedAt !== null && Date.parse(grant.revokedAt) <= t) return false;
  if (Date.parse(grant.validFrom) > t) return false;
  return grant.validUntil === null || t < Date.parse(grant.validUntil);
}

function productOf(target: Target): ProductPlace | undefined {
  return 'product' in target ? target.product : undefined;
}

function covers(grant: Grant, operation: Operation, target: Target): boolean {
  if (grant.scope.province !== target.province || !mayDo(grant.role, operation)) return false;
  const product = productOf(target);
  switch (grant.role) {
    case 'coordinator':
    case 'inspector':
    case 'province_admin':
      return true;
    case 'subject':
      return product ? product.subjectId === grant.scope.subjectId : OPERATION_TARGET[operation] === 'province';
    case 'dossier_officer':
    case 'council_secretary':
      if (!product) return OPERATION_TARGET[operation] === 'province';
      if (grant.scope.unit !== undefined && product.unit !== grant.scope.unit) return false;
      // A product whose level the read model does not know is left to the workflow's own level check.
      return !AT_OWN_LEVEL.includes(operation) || product.level === null || product.level === grant.scope.level;
  }
}

export function authorize(
  grants: readonly Grant[],
  operation: Operation,
  target: Target,
  now: Date,
): { allowed: true; grant: Grant } | { allowed: false; missing: string } {
  const usable = grants
    .filter((g) => isActive(g, now) && covers(g, operation, target))
    .sort((a, b) => PREFERENCE.indexOf(a.role) - PREFERENCE.indexOf(b.role));
  const grant = usable[0];
  if (grant) return { allowed: true, grant };
  // The product's subject and unit are told only to the province's own staff: to anyone else a
  // refusal would reveal, product by product, who makes what and where.
  const staff = grants.some((g) => isActive(g, now) && g.role !== 'subject' && g.scope.province === target.province);
  return { allowed: false, missing: describeGrantNeed(operation, staff ? target : { province: target.province }) };
}

/** The grants that would allow an operation on a target, for the 403 a refusal gives. */
export function describeGrantNeed(operation: Operation, target: Target): string {
  const product = productOf(target);
  const province = target.province;
  const needs = PREFERENCE.filter((role) => mayDo(role, operation)).map((role) => {
    const article = role === 'inspector' ? 'an' : 'a';
    const grant = `${article} ${role} grant for ${province}`;
    if (!product || PROVINCE_WIDE.includes(role)) return grant;
    if (role === 'subject') return `${grant} subject ${product.subjectId}`;
    const level = AT_OWN_LEVEL.includes(operation) ? product.level : null;
    if (level !== null && !UNIT_LEVELS.has(level)) return `${grant} at level ${level}`;
    if (product.unit === null) return `${grant} without a unit (the whole province)`;
    return `${grant} unit ${product.unit}${level ? ` at level ${level}` : ''}`;
  });
  return needs.join(', or ');
}

const ACTOR_ROLE: Record<Exclude<GrantRole, 'province_admin'>, Actor['role']> = {
  coordinator: 'coordinator',
  dossier_officer: 'officer',
  council_secretary: 'council_secretary',
  inspector: 'inspector',
  subject: 'producer',
};

/** An Actor whose principalId and grantId (optional in Actor, for old histories) are always set. */
export type GrantActor = Actor & { principalId: string; grantId: string };

/** The workflow actor for a principal acting under a grant: never from a request body. */
export function actorFor(principal: Principal, grant: Grant): GrantActor {
  if (grant.role === 'province_admin') {
    throw new Error(`grant ${grant.id}: a province_admin grant manages grants and acts on no workflow`);
  }
  const id = grant.role === 'subject' ? grant.scope.subjectId : `principal:${principal.id}`;
  if (!id) throw new Error(`grant ${grant.id}: a subject grant without a subjectId`);
  return {
    id,
    role: ACTOR_ROLE[grant.role],
    ...(grant.scope.level ? { level: grant.scope.level } : {}),
    principalId: principal.id,
    grantId: grant.id,
  };
}

/**
 * What a principal may list, per province: a product is visible when its unit
 * is in `units` or its subject in `subjectIds`; 'all' matches every product.
 */
export interface Visibility {
  province: string;
  units: string[] | 'all';
  subjectIds: string[] | 'all';
}

export function visibility(grants: readonly Grant[], now: Date): Visibility[] {
  const byProvince = new Map<string, { all: boolean; units: Set<string>; subjectIds: Set<string> }>();
  for (const grant of grants) {
    if (!isActive(grant, now) || !mayDo(grant.role, 'listProducts')) continue;
    const { province, unit, subjectId } = grant.scope;
    const entry = byProvince.get(province) ?? { all: false, units: new Set(), subjectIds: new Set() };
    byProvince.set(province, entry);
    if (grant.role === 'subject') {
      if (subjectId !== undefined) entry.subjectIds.add(subjectId);
    } else if (unit !== undefined) entry.units.add(unit);
    else entry.all = true;
  }
  return [...byProvince.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([province, e]) =>
      e.all
        ? { province, units: 'all', subjectIds: 'all' }
        : { province, units: [...e.units].sort(), subjectIds: [...e.subjectIds].sort() },
    );
}
