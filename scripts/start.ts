// `npm start`: the main job on the embedded default. It starts the dev server,
// PostgreSQL's database and a worker, takes one Cao Bằng product from
// registration to its certificate through the client library, prints where to
// watch it in Temporal UI, and keeps the worker running for its post-inspection
// until Ctrl-C. `npm start -- --exit` stops once the product is certified.
import { OcopClient } from '../client/ocop-client';
import { formatProductState } from '../client/cli/format';
import { productId } from '../domain/ids';
import { startDevEnv } from './dev-env';

const MINUTE = 60_000;

async function main(): Promise<void> {
  const exitWhenDone = process.argv.includes('--exit');
  const env = await startDevEnv();
  const client = await OcopClient.connect(env.config);
  try {
    const { count } = await env.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('cycle_id', '=', 'CB-2023')
      .executeTakeFirstOrThrow();
    const id = productId('CB-2023', Number(count) + 1);
    const now = Date.now();
    const coordinator = { id: 'vp-ocop-caobang', role: 'coordinator' } as const;
    await client.startProductApplication({
      productId: id,
      cycleId: 'CB-2023',
      province: 'CB',
      year: 2023,
      ruleSetId: 'OCOP_148_2023',
      product: { name: 'Hạt dẻ Trùng Khánh', group: 'food' },
      subject: { id: 'htx-hat-de-trung-khanh', name: 'HTX Hạt dẻ Trùng Khánh', type: 'cooperative' },
      registeredBy: coordinator,
      deadlines: { dossier: new Date(now + 10 * MINUTE).toISOString(), evaluation: {} },
      // A compressed calendar: the certificate lasts 6 minutes, inspected every 2.
      durations: {
        certificateValidity: 'PT6M',
        postInspectionInterval: 'PT2M',
        expiryNoticeLead: 'PT1M',
        reminderOffsets: ['PT30S'],
      },
    });
    console.log(`registered ${id}`);
    await client.act(id, 'submitDossier', {
      actor: { id: 'htx-hat-de-trung-khanh', role: 'producer' },
      documents: ['Phiếu đăng ký sản phẩm OCOP', 'Báo cáo tự đánh giá', 'Giấy chứng nhận ATTP'],
    });
    await client.act(id, 'reviewDossier', {
      actor: { id: 'phong-nn-trung-khanh', role: 'officer', level: 'district' },
      decision: { outcome: 'accept' },
    });
    const state = await client.act(id, 'recordCouncilResult', {
      actor: { id: 'thu-ky-hd-huyen', role: 'council_secretary', level: 'district' },
      level: 'district',
      meetingDate: new Date().toISOString(),
      sheets: ['tv-1', 'tv-2', 'tv-3', 'tv-4', 'tv-5'].map((memberId, i) => ({
        memberId,
        parts: { A: 26 + i, B: 15, C: 21 },
      })),
    });
    console.log(`\n${formatProductState(state)}\n`);
    if (env.uiUrl) console.log(`Temporal UI: ${env.uiUrl}?query=${encodeURIComponent('OcopCycle="CB-2023"')}`);
    if (exitWhenDone) return;
    console.log('The worker keeps running the post-inspection timers; press Ctrl-C to stop.');
    await new Promise<void>((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
  } finally {
    await client.close();
    await env.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`start: ${(error as Error).message}`);
  process.exit(1);
});
