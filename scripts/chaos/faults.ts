// When the chaos run strikes, and how long each fault took to recover from.
// Pure: the moments come from a seed, so a run that found something can be
// repeated with the same faults at the same offsets.

export type FaultKind = 'worker-kill' | 'temporal-restart' | 'postgres-restart';

export interface PlannedFault {
  kind: FaultKind;
  /** Milliseconds after the drive starts. */
  atMs: number;
}

export interface AppliedFault extends PlannedFault {
  /** When it was struck, epoch ms. */
  struckAt: number;
  /** When the next transition after it was recorded, epoch ms; null if none was. */
  recoveredAt: number | null;
}

export interface FaultCounts {
  kills: number;
  temporalRestarts: number;
  postgresRestarts: number;
}

/** mulberry32: small, fast and good enough to spread faults; Math.random cannot be seeded. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Kills at random moments over the window; the restarts spread evenly across
 * it, away from its ends, so that each one lands while products are moving.
 */
export function planFaults(counts: FaultCounts, windowMs: number, seed: number): PlannedFault[] {
  const random = seeded(seed);
  const start = Math.min(5_000, windowMs / 10);
  const kills = Array.from({ length: counts.kills }, () => ({
    kind: 'worker-kill' as const,
    atMs: Math.round(start + random() * (windowMs - start)),
  }));
  const spread = (kind: FaultKind, n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => ({ kind, atMs: Math.round(((i + offset) / (n + 1)) * windowMs) }));
  return [
    ...kills,
    ...spread('postgres-restart', counts.postgresRestarts, 1),
    // Half a step off the PostgreSQL restarts, so that no two restarts coincide.
    ...spread('temporal-restart', counts.temporalRestarts, 0.5),
  ].sort((a, b) => a.atMs - b.atMs);
}

export interface RecoverySummary {
  kind: FaultKind;
  count: number;
  /** Seconds from the fault to the next transition: the median and the longest; null if one never recovered. */
  medianSeconds: number | null;
  maxSeconds: number | null;
  unrecovered: number;
}

export function summariseRecoveries(faults: readonly AppliedFault[]): RecoverySummary[] {
  const kinds: FaultKind[] = ['worker-kill', 'temporal-restart', 'postgres-restart'];
  return kinds.flatMap((kind) => {
    const of = faults.filter((f) => f.kind === kind);
    if (of.length === 0) return [];
    const seconds = of
      .filter((f) => f.recoveredAt !== null)
      .map((f) => (f.recoveredAt! - f.struckAt) / 1000)
      .sort((a, b) => a - b);
    return [
      {
        kind,
        count: of.length,
        medianSeconds: seconds.length ? seconds[Math.floor((seconds.length - 1) / 2)]! : null,
        maxSeconds: seconds.at(-1) ?? null,
        unrecovered: of.length - seconds.length,
      },
    ];
  });
}
