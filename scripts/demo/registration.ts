// The coordinator's registrations spreadsheet, and the wait for the read model
// that the import reads the cycle from.
import { stringify } from 'csv-stringify/sync';
import type { ApiClient } from '../../client/api-client';
import { type DemoProduct, DISTRICT_CODE } from './products';

/** The registration form's columns, as a province's spreadsheet heads them (client/registrations.ts). */
const CSV_COLUMNS = ['product_name', 'product_group', 'subject_id', 'subject_name', 'subject_type', 'district'];

export function registrationsCsv(products: readonly DemoProduct[]): string {
  const rows = products.map((p) => [
    p.name,
    p.group,
    p.subject.id,
    p.subject.name,
    p.subject.type,
    DISTRICT_CODE[p.district],
  ]);
  return stringify([CSV_COLUMNS, ...rows], { record_delimiter: 'unix' });
}

const READ_MODEL_WAIT_MS = 15_000;
const READ_MODEL_POLL_MS = 100;

/**
 * Waits until GET /v1/cycles lists the cycle: the workflow writes its row a
 * moment after it starts, and the import finds the cycle's province and rule
 * set there. Bounded, so a row that never comes is an error, not a hang.
 */
export async function untilListed(api: ApiClient, cycleId: string): Promise<void> {
  const deadline = Date.now() + READ_MODEL_WAIT_MS;
  while (!(await api.listCycles()).some((cycle) => cycle.cycleId === cycleId)) {
    if (Date.now() > deadline)
      throw new Error(`GET /v1/cycles did not list ${cycleId} within ${READ_MODEL_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, READ_MODEL_POLL_MS));
  }
}
