// A write PostgreSQL refuses for what it holds fails at once, non-retryable,
// instead of retrying forever behind the workflow that sent it (issue 13, item 2).
// The activities run against the run's real PostgreSQL, bypassing the schemas
// that refuse such input first, as a payload recorded before them would.
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { createActivities } from '../../activities';
import { DATABASE_REFUSED } from '../../activities/database-refusals';
import type { Transition } from '../../activities/persistence';
import type { Database } from '../../db/database';
import { createDb } from '../../db/connection';
import { databaseUrl, openDb } from '../support/env';

let db: Kysely<Database>;
beforeAll(() => {
  db = openDb();
});
afterAll(async () => {
  await db.destroy();
});

function transition(productId: string, overrides: Partial<Transition['product']>, payload = {}): Transition {
  return {
    workflowId: `ocop-product-${productId}`,
    seq: 1,
    action: 'withdraw',
    actor: { id: 'htx-a', role: 'producer' },
    stageFrom: 'REGISTERED',
    occurredAt: '2026-12-03T00:00:00.000Z',
    payload,
    product: {
      productId,
      cycleId: 'ZQ-2026',
      province: 'ZQ',
      year: 2026,
      name: 'Mật ong',
      productGroup: 'food',
      subjectId: 'htx-a',
      kind: 'new',
      ruleSetId: 'OCOP_148_2023',
      stage: 'WITHDRAWN',
      level: null,
      stars: null,
      score: null,
      nextDeadline: null,
      certificateNo: null,
      ...overrides,
    },
  };
}

async function refusalOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApplicationFailure)) throw new Error(`expected an ApplicationFailure, got ${String(error)}`);
  return error;
}

describe('an activity whose write PostgreSQL can never take', () => {
  it.each([
    ['a NUL byte in a text column (22021)', transition('ZQ-2026-0001', { name: 'abc\u0000def' })],
    ['a NUL escape in a jsonb payload (22P05)', transition('ZQ-2026-0002', {}, { reason: 'abc\u0000def' })],
  ])('fails non-retryable on %s, and writes nothing', async (_, t) => {
    const { recordTransition } = createActivities({ db });
    const failure = await refusalOf(recordTransition(t));
    expect(failure).toMatchObject({ type: DATABASE_REFUSED, nonRetryable: true });
    expect(failure.message).toMatch(/^recordTransition: PostgreSQL refused the write: .* \(SQLSTATE 22(021|P05)\)/);
    expect(failure.message).not.toContain('abc');
    const rows = await db.selectFrom('products').select('id').where('id', '=', t.product.productId).execute();
    expect(rows).toEqual([]);
  });

  it('leaves any other failure to be retried as before: here, a database not created yet (3D000)', async () => {
    const url = new URL(databaseUrl());
    url.pathname = '/ocop_not_created_yet';
    const missing = createDb(url.toString(), { max: 1 });
    const { recordTransition } = createActivities({ db: missing });
    const error = await recordTransition(transition('ZQ-2026-0003', {})).then(
      () => undefined,
      (e: unknown) => e,
    );
    await missing.destroy();
    expect(error).toMatchObject({ code: '3D000' });
    expect(error).not.toBeInstanceOf(ApplicationFailure);
  });
});
