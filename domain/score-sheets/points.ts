// Points are handled as integer micro-points (10⁻⁶ points), so sums and means are
// exact: the float sum 18.13 + 20 + 31.865 is 69.99499…, the micro sum 69 995 000.
export const MICRO = 1_000_000;

export function toMicro(points: number): number {
  return Math.round(points * MICRO);
}

/** One correctly rounded division: the float nearest the exact micro-point quotient. */
export function microToPoints(micro: number, count = 1): number {
  return micro / (count * MICRO);
}
