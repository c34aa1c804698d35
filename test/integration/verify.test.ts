// `ocop verify --cycle` and GET /v1/cycles/{id}/verification on products driven
// through their whole compressed lifecycle, then on the same tables after the
// test damages them as a lost write, a replayed write and a lost notice would.
import { sql } from 'kysely';
import { drive } from '../../bench/driver';
import { cycleOf, engineLifecycle } from '../../bench/lifecycles';
import type { CycleVerification } from '../../domain/consistency';
import { productId, productWorkflowId } from '../../domain/ids';
import { getAs } from '../support/api';
import { type CliSession, cliSession } from '../support/cli-session';

const PRODUCTS = 3;
const CYCLE = cycleOf('CB');
const product = (i: number) => productId(CYCLE, i);

describe('ocop verify', () => {
  let session: CliSession;
  const verify = (login = 'nong.thi.ha', ...more: string[]) => session.as(login, ['verify', '--cycle', CYCLE, ...more]);

  beforeAll(async () => {
    session = await cliSession(['nong.thi.ha', 'be.van.duc']);
    const { failures } = await drive(engineLifecycle(session.api.client, 'CB', 'full'), PRODUCTS, PRODUCTS);
    expect(failures).toEqual([]);
    // Each ends once its compressed certificate expires, its expiry notice sent.
    await Promise.all(
      Array.from({ length: PRODUCTS }, (_, i) =>
        session.api.client.client.workflow.getHandle(productWorkflowId(product(i))).result(),
      ),
    );
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('finds a cycle whose tables hold what its workflows did consistent, and exits 0', async () => {
    const run = await verify();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`${CYCLE}: ${PRODUCTS} products checked, no difference`);
    const { status, body } = await getAs<CycleVerification>(
      session.api,
      'nong.thi.ha',
      `/v1/cycles/${CYCLE}/verification`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ cycleId: CYCLE, products: PRODUCTS, consistent: true, differences: [] });
  });

  it("refuses whoever is not the province's coordinator, naming the grant", async () => {
    const run = await verify('be.van.duc');
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/verifyCycle/);
  });

  it('lists each damage with its repair and exits 1', async () => {
    const { db } = session.api;
    await db.updateTable('products').set({ stage: 'REGISTERED' }).where('id', '=', product(0)).execute();
    await db.deleteFrom('product_events').where('product_id', '=', product(1)).where('seq', '=', 2).execute();
    // The same transition written again under a sequence number of its own, as a replayed write without the key would.
    await sql`insert into product_events (workflow_id, product_id, seq, action, stage_from, stage_to, level,
        actor_id, actor_role, principal_id, grant_id, payload, occurred_at)
      select workflow_id, product_id, 99, action, stage_from, stage_to, level, actor_id, actor_role, principal_id,
        grant_id, payload, occurred_at
      from product_events where product_id = ${product(2)} and seq = 3`.execute(db);
    const notice = await db
      .deleteFrom('notifications')
      .where('idempotency_key', 'like', `${productWorkflowId(product(2))}/certificate-expiry/%`)
      .returning('idempotency_key')
      .executeTakeFirstOrThrow();
    const certificate = await db
      .deleteFrom('certificates')
      .where('product_id', '=', product(1))
      .returning(['number', 'serial'])
      .executeTakeFirstOrThrow();

    const run = await verify('nong.thi.ha', '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/differences in CB-2099/);
    const { differences } = JSON.parse(run.stdout) as CycleVerification;
    const listed = differences.map((d) => [d.productId, d.kind, d.found]);
    expect(listed).toEqual(
      expect.arrayContaining([
        [product(0), 'stage', 'products row says REGISTERED, workflow says EXPIRED'],
        [product(1), 'transition-missing', expect.stringMatching(/^transition 2 \(submitDossier/)],
        [product(2), 'transition-duplicated', 'transition 3 (reviewDossier) recorded twice: again as seq 99'],
        [product(2), 'notice-missing', `notification ${notice.idempotency_key} decided but never sent: no outbox row`],
        [product(1), 'certificate-missing', expect.stringContaining(certificate.number)],
        [null, 'serial-gap', expect.stringContaining(`${certificate.serial} missing`)],
      ]),
    );
    expect(differences).toHaveLength(6);
    for (const d of differences) expect(d.repair.length).toBeGreaterThan(10);

    const text = await verify();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('products row says REGISTERED, workflow says EXPIRED');
    expect(text.stdout).toContain("set stage = 'EXPIRED'");
  });
});
