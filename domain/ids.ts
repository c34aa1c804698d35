// Ids derive from business keys, never from randomness: starting the same
// cycle or registering the same product twice lands on the same workflow id.
// A province may hold more than one evaluation round (đợt) a year: the first
// keeps the id every cycle had before rounds existed (CB-2026), a later one
// adds its number (CB-2026-D2), and its products follow (CB-2026-D2-0001).
import { z } from 'zod';

/** The rounds a year may hold; the first is the year's cycle itself. */
export const MAX_ROUNDS = 9;
export const Round = z.number().int().min(1).max(MAX_ROUNDS, `must be at most ${MAX_ROUNDS} rounds (đợt) a year`);

export const CYCLE_ID = /^[A-Z]{2,3}-\d{4}(?:-D[2-9])?$/;
export const PRODUCT_ID = /^[A-Z]{2,3}-\d{4}(?:-D[2-9])?-\d{4}$/;

export const CycleId = z
  .string()
  .max(16)
  .regex(CYCLE_ID, 'must look like CB-2023 (province code, dash, year), or CB-2023-D2 for a second round (đợt)');
export const ProductId = z
  .string()
  .max(21)
  .regex(PRODUCT_ID, 'must look like CB-2023-0007 (cycle id, dash, 4 digits), or CB-2023-D2-0007 in a second round');

export function cycleId(province: string, year: number, round = 1): string {
  return round > 1 ? `${province}-${year}-D${round}` : `${province}-${year}`;
}

/** The id of a cycle's input: its province, year and round (1 when it names none). */
export function cycleIdOf(input: { province: string; year: number; round?: number }): string {
  return cycleId(input.province, input.year, input.round);
}

/** CB-2026 -> 1, CB-2026-D2 -> 2. */
export function roundOf(cycle: string): number {
  const match = /-D(\d)$/.exec(cycle);
  return match ? Number(match[1]) : 1;
}

export function productId(cycle: string, serial: number): string {
  return `${cycle}-${String(serial).padStart(4, '0')}`;
}

export function cycleWorkflowId(cycle: string): string {
  return `ocop-cycle-${cycle}`;
}

export function productWorkflowId(product: string): string {
  return `ocop-product-${product}`;
}

/** CB-2023-0007 -> CB-2023; CB-2026-D2-0001 -> CB-2026-D2 */
export function cycleOfProduct(product: string): string {
  return product.slice(0, product.lastIndexOf('-'));
}

/** CB-2023-0007 -> 7: the serial productId numbered it with */
export function serialOfProduct(product: string): number {
  return Number(product.slice(product.lastIndexOf('-') + 1));
}

/** CB-2026-D2 or CB-2026-D2-0001 -> CB */
export function provinceOfId(id: string): string {
  return id.slice(0, id.indexOf('-'));
}
