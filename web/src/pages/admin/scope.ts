// A grant's scope and period in words: the province, the council level and the unit by name (domain/units.ts),
// or the producer's subject id; and whether the grant counts now.
import type { TFunction } from 'i18next';
import { isActive, type GrantScope } from '../../../../domain/access';
import { findProvince } from '../../../../domain/provinces';
import { unitsAtLevel } from '../../../../domain/units';
import type { components } from '../../api/schema';

export type Grant = components['schemas']['Grant'];

export function unitName(scope: GrantScope): string | undefined {
  if (!scope.unit) return undefined;
  const units = scope.level ? unitsAtLevel(scope.province, scope.level) : [];
  return units.find((unit) => unit.code === scope.unit)?.name ?? scope.unit;
}

export function describeScope(scope: GrantScope, t: TFunction): string {
  const parts = [findProvince(scope.province)?.name ?? scope.province];
  if (scope.level) parts.push(t(`domain:level.${scope.level}`));
  const unit = unitName(scope);
  if (unit) parts.push(unit);
  if (scope.subjectId) parts.push(t('admin:scope.subject', { subjectId: scope.subjectId }));
  return parts.join(' · ');
}

export type Validity = 'revoked' | 'notYet' | 'expired' | 'active';

/** Why a grant does not count now, when it does not (the domain's isActive decides whether it does). */
export function validityOf(grant: Grant, now: Date): Validity {
  if (isActive(grant, now)) return 'active';
  if (grant.revokedAt !== null && Date.parse(grant.revokedAt) <= now.getTime()) return 'revoked';
  return Date.parse(grant.validFrom) > now.getTime() ? 'notYet' : 'expired';
}
