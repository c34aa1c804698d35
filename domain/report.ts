// A cycle's progress against its plan: the figures come from the read model,
// the comparison with the targets is a rule of its own. Three figures speak of
// certificates, and each has a name so that none is read for another:
// - certified in this cycle: what the cycle's applications were issued, whatever became of it since;
// - active at a date: the province's certificates in force on that day (never revoked, expired or superseded);
// - kept: of the products ranked before the cycle, those still ranked at the report date.
import { productNameKey, type CycleTargets } from './cycle';
import type { ApplicationKind } from './schemas';

export const CERTIFICATE_STATUSES = ['active', 'revoked', 'expired', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** How many lapsed or revoked products the report names; the counts cover them all. */
export const KEPT_LIST_LIMIT = 500;

/** Counts by application kind: a new product (mới), a re-evaluation (đánh giá lại) or an upgrade (nâng hạng). */
export type KindCounts = Record<ApplicationKind, number>;

/** The applications of the cycle that were issued a certificate, each counted once at its latest certificate. */
export interface CertifiedInCycle {
  total: number;
  byKind: KindCounts;
  byStars: Record<string, number>;
  /** What became of those certificates since, by their status now: only `active` ones are in force. */
  byStatus: Record<CertificateStatus, number>;
}

/** The province's certificates in force at `at`: status active, issued on or before it and valid after it. */
export interface ActiveAt {
  at: string;
  total: number;
  byKind: KindCounts;
  byStars: Record<string, number>;
}

/** A product ranked before the cycle that is no longer ranked at the report date. */
export interface LostProduct {
  productId: string;
  productName: string;
  /** Its latest certificate, the one that ended. */
  certificateNumber: string;
  stars: number;
  validUntil: string;
  /** When it ended, when the read model knows: the revocation, the expiry. */
  endedAt: string | null;
}

/**
 * "Duy trì 100% sản phẩm đã được xếp hạng": the products that held a
 * certificate in force at the cycle's start, issued before it, and how many
 * of them still hold one at the report date, their own or the one a
 * re-evaluation or an upgrade issued since.
 */
export interface KeptProducts {
  /** The cycle's start: its calendar's registrationOpens. */
  since: string;
  at: string;
  earlier: number;
  kept: number;
  /** kept / earlier; 1 when there were none, nothing having been lost. */
  share: number;
  /** Expired with no certificate after it: not re-evaluated in time, or the re-evaluation failed. */
  lapsed: { count: number; products: LostProduct[] };
  revoked: { count: number; products: LostProduct[] };
}

export interface CycleFigures {
  cycleId: string;
  registered: number;
  byStage: Record<string, number>;
  /** Certified in this cycle, by the stars of each product's latest certificate (certifiedInCycle.byStars). */
  byStars: Record<string, number>;
  /** `certified`: certified in this cycle; `active`: of those, in force at the report date. */
  byGroup: Record<string, { registered: number; certified: number; active: number }>;
  subjects: { total: number; byType: Record<string, number> };
  certifiedInCycle: CertifiedInCycle;
  activeAt: ActiveAt;
  keptProducts: KeptProducts;
  /** Certified in this cycle: new products at 3 stars or more, and products at 4 and at 5, of any kind. */
  newThreeStarsOrMore: number;
  fourStarsOrMore: number;
  fiveStars: number;
  /**
   * Re-evaluations (đánh giá lại) of products already ranked whose outcome is known: certified again, or closed
   * without a certificate (not ranked, rejected, withdrawn, lapsed). Those still under way are left out.
   */
  reEvaluationsDecided: number;
  /** Of those, the ones certified again, at 3 stars or more. */
  reEvaluationsKept: number;
}

export interface TargetLine {
  target: keyof CycleTargets;
  label: string;
  goal: number;
  actual: number;
  met: boolean;
}

export interface CycleReport extends CycleFigures {
  targets: TargetLine[];
  generatedAt: string;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

export const noKinds = (): KindCounts => ({ new: 0, 're-evaluation': 0, upgrade: 0 });
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** A product's latest certificate, as the read model holds it. */
export interface IssuedCertificate {
  kind: ApplicationKind;
  stars: number;
  status: CertificateStatus;
  decidedOn: string;
  validUntil: string;
}

/** Whether a certificate is in force at `at`: active now, and `at` within its 36 months. */
export function inForceAt(c: Pick<IssuedCertificate, 'status' | 'decidedOn' | 'validUntil'>, at: string): boolean {
  const t = Date.parse(at);
  return c.status === 'active' && Date.parse(c.decidedOn) <= t && t < Date.parse(c.validUntil);
}

/** The cycle's certified applications, one latest certificate each. */
export function certifiedInCycle(latest: readonly IssuedCertificate[]): CertifiedInCycle {
  const figures: CertifiedInCycle = {
    total: latest.length,
    byKind: noKinds(),
    byStars: {},
    byStatus: { active: 0, revoked: 0, expired: 0, superseded: 0 },
  };
  for (const c of latest) {
    figures.byKind[c.kind] += 1;
    bump(figures.byStars, String(c.stars));
    figures.byStatus[c.status] += 1;
  }
  return figures;
}

/** One certificate of the province with its product, for the kept-products target. */
export interface ProvinceCertificate extends IssuedCertificate {
  number: string;
  productId: string;
  productName: string;
  subjectId: string;
  /** When an ended certificate ended, if known (the product's closing event). */
  endedAt: string | null;
}

/**
 * A product is one subject's product of one name (productNameKey), as a
 * re-evaluation or an upgrade must name it: its applications over the years
 * are one line, whichever application holds the certificate.
 */
const productLine = (c: ProvinceCertificate) => `${c.subjectId}\u0000${productNameKey(c.productName)}`;

/** In force at the cycle's start: issued before it, valid after it, and not ended before it. */
function inForceAtStart(c: ProvinceCertificate, since: number): boolean {
  if (Date.parse(c.decidedOn) >= since || Date.parse(c.validUntil) <= since) return false;
  return c.status === 'active' || c.endedAt === null || Date.parse(c.endedAt) > since;
}

function lost(c: ProvinceCertificate): LostProduct {
  return {
    productId: c.productId,
    productName: c.productName,
    certificateNumber: c.number,
    stars: c.stars,
    validUntil: c.validUntil,
    endedAt: c.endedAt ?? (c.status === 'active' || c.status === 'expired' ? c.validUntil : null),
  };
}

/**
 * The kept-products target from the province's certificates valid at some
 * time since the cycle's start. A product ranked at the start is kept when
 * any certificate of its line is in force at `at`: its own, or a newer one
 * (a re-evaluation at expiry, an upgrade), whatever its stars. It is lost
 * otherwise: revoked when its latest certificate was revoked, lapsed when it
 * expired or ended without a newer one in force.
 */
export function keptProducts(certificates: readonly ProvinceCertificate[], since: string, at: string): KeptProducts {
  const lines = new Map<string, ProvinceCertificate[]>();
  for (const c of certificates) lines.set(productLine(c), [...(lines.get(productLine(c)) ?? []), c]);
  const start = Date.parse(since);
  const result: KeptProducts = {
    since,
    at,
    earlier: 0,
    kept: 0,
    share: 1,
    lapsed: { count: 0, products: [] },
    revoked: { count: 0, products: [] },
  };
  for (const line of [...lines.values()].filter((l) => l.some((c) => inForceAtStart(c, start)))) {
    result.earlier += 1;
    if (line.some((c) => inForceAt(c, at))) {
      result.kept += 1;
      continue;
    }
    const latest = line.reduce((a, b) => (Date.parse(b.decidedOn) > Date.parse(a.decidedOn) ? b : a));
    const bucket = latest.status === 'revoked' ? result.revoked : result.lapsed;
    bucket.count += 1;
    bucket.products.push(lost(latest));
  }
  for (const bucket of [result.lapsed, result.revoked]) {
    bucket.products.sort((a, b) => a.productId.localeCompare(b.productId));
    bucket.products.splice(KEPT_LIST_LIMIT);
  }
  result.share = result.earlier === 0 ? 1 : share(result.kept, result.earlier);
  return result;
}

export const KEPT_LABEL = 'share of products ranked before the cycle still holding a certificate in force';

export function compareWithTargets(figures: CycleFigures, targets: CycleTargets, generatedAt: string): CycleReport {
  const { byType, total } = figures.subjects;
  const line = (target: keyof CycleTargets, label: string, actual: number): TargetLine => ({
    target,
    label,
    goal: targets[target],
    actual,
    met: actual >= targets[target],
  });
  return {
    ...figures,
    generatedAt,
    targets: [
      line(
        'newProductsThreeStarsOrMore',
        'new products certified in this cycle at 3 stars or more',
        figures.newThreeStarsOrMore,
      ),
      line('productsFourStarsOrMore', 'products certified in this cycle at 4 stars or more', figures.fourStarsOrMore),
      line('productsFiveStars', 'products certified in this cycle at 5 stars', figures.fiveStars),
      line('cooperativeShare', 'share of cooperatives among subjects', share(byType.cooperative ?? 0, total)),
      line('smeShare', 'share of small and medium enterprises among subjects', share(byType.enterprise ?? 0, total)),
      line('rankedProductsKeptShare', KEPT_LABEL, figures.keptProducts.share),
    ],
  };
}
