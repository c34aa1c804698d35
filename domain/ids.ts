// Ids derive from business keys, never from randomness: starting the same
// cycle or registering the same product twice lands on the same workflow id.
import { z } from 'zod';

export const CYCLE_ID = /^[A-Z]{2,3}-\d{4}$/;
export const PRODUCT_ID = /^[A-Z]{2,3}-\d{4}-\d{4}$/;

export const CycleId = z.string().regex(CYCLE_ID, 'must look like CB-2023 (province code, dash, year)');
export const ProductId = z.string().regex(PRODUCT_ID, 'must look like CB-2023-0007 (cycle id, dash, 4 digits)');

export function cycleId(province: string, year: number): string {
  return `${province}-${year}`;
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

/** CB-2023-0007 -> CB-2023 */
export function cycleOfProduct(product: string): string {
  return product.slice(0, product.lastIndexOf('-'));
}
