// A product's page over real HTTP names what its caller may do now, each with
// the endpoint to send it to, and links the province's staff to the workflow in
// Temporal UI: as the product moves on, what each person is offered moves with
// it, and the endpoint offered takes the action.
import { DEMO_SUBJECT_IDS } from '../../api/identity/demo-accounts';
import { productWorkflowId } from '../../domain/ids';
import { getAs, useApi } from '../support/api';
import { eventually } from '../support/env';
import { DOSSIER, hatDe } from '../support/fixtures';

const TEMPORAL_UI = 'http://localhost:8233';
const api = useApi({ taskQueue: 'api-product-actions', apiEnv: { OCOP_TEMPORAL_UI_URL: TEMPORAL_UI } });
const PRODUCT = 'CB-2074-0001';
const HAT_DE = DEMO_SUBJECT_IDS.hatDeTrungKhanh;

interface Page {
  actions: { action: string; path: string }[];
  workflowUrl: string | null;
}

async function page(login: string): Promise<Page> {
  const { status, body } = await getAs<Page>(api, login, `/v1/products/${PRODUCT}`);
  if (status !== 200) throw new Error(`GET /v1/products/${PRODUCT} answered ${status}`);
  return body;
}

const offered = async (login: string) => (await page(login)).actions.map((a) => a.action);

const stageIs = (stage: string) =>
  eventually(
    () => api.db.selectFrom('products').select('stage').where('id', '=', PRODUCT).executeTakeFirst(),
    (row) => row?.stage === stage,
    20_000,
  );

describe("the actions a product's page offers", () => {
  beforeAll(async () => {
    await api.client.startProductApplication(
      hatDe(PRODUCT, {
        subject: { id: HAT_DE, name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh', type: 'cooperative' },
        unit: '047',
      }),
    );
    await stageIs('REGISTERED');
  });

  it('offers each person what its grants allow in the product’s stage, with the endpoint to use', async () => {
    const coordinator = await page('nong.thi.ha');
    expect(coordinator.actions).toEqual([
      { action: 'submitDossier', path: `/v1/products/${PRODUCT}/dossier` },
      { action: 'withdraw', path: `/v1/products/${PRODUCT}/withdrawal` },
      { action: 'extendDeadline', path: `/v1/products/${PRODUCT}/deadline-extensions` },
    ]);
    expect(await offered('htx.hatde')).toEqual(['submitDossier', 'withdraw']);
    expect(await offered('be.van.duc')).toEqual([]);
    expect(await offered('trieu.thi.hong')).toEqual([]);
  });

  it("links the province's staff, and only them, to the product's workflow in Temporal UI", async () => {
    expect((await page('nong.thi.ha')).workflowUrl).toBe(
      `${TEMPORAL_UI}/namespaces/default/workflows/${encodeURIComponent(productWorkflowId(PRODUCT))}`,
    );
    for (const login of ['htx.hatde', 'be.van.duc', 'trieu.thi.hong']) {
      expect({ login, url: (await page(login)).workflowUrl }).toEqual({ login, url: null });
    }
  });

  it('takes the action at the endpoint offered, and offers what the next stage waits for', async () => {
    const submit = (await page('htx.hatde')).actions.find((a) => a.action === 'submitDossier');
    const response = await fetch(`${api.url}${submit?.path ?? '/v1/none'}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.tokenFor('htx.hatde')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ documents: DOSSIER }),
    });
    expect(response.status).toBe(200);
    await stageIs('DOSSIER_REVIEW');
    expect(await offered('be.van.duc')).toEqual(['reviewDossier']);
    expect(await offered('hoang.van.nam').catch((error: Error) => error.message)).toMatch(/answered 403/);
    expect(await offered('htx.hatde')).toEqual(['withdraw']);
  });
});
