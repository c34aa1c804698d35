// Post-inspection as the rules give it, in the browser: the inspector of the province finds a certified product
// unsafe and proposes revocation on a ground of the catalogue (inspectors no longer downgrade or revoke on their
// own authority), and the coordinator records the issuing authority's decision, which revokes the certificate;
// another product is referred to re-evaluation, its certificate standing meanwhile.
import { useApi } from '../support/api';
import { checkPage, openFromMenu, signIn, useBrowser } from '../support/browser';
import {
  certifyAtDistrict,
  COORDINATOR,
  HAT_DE,
  MIEN_DONG,
  openCycle,
  register,
  startCycle,
} from '../support/web-journeys';
import type { Page } from 'playwright-core';

const YEAR = 2068;
const INSPECTOR = 'trieu.thi.hong';
const FOOD_SAFETY = 'Vi phạm quy định về an toàn thực phẩm';
const FINDINGS = 'Mẫu hạt dẻ lấy tại cơ sở nhiễm nấm mốc vượt ngưỡng cho phép';

async function openProduct(page: Page, name: string): Promise<void> {
  await openFromMenu(page, 'Sản phẩm');
  await page.getByRole('table', { name: 'Sản phẩm theo bộ lọc' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('post-inspection as the rules give it: a proposal the authority decides, a referral', () => {
  const api = useApi({ isolated: true });
  const browser = useBrowser();

  beforeAll(async () => {
    const cycleId = await startCycle(api, openCycle(YEAR));
    const [hatDe, mienDong] = [await register(api, cycleId, HAT_DE), await register(api, cycleId, MIEN_DONG)];
    await Promise.all([
      certifyAtDistrict(api, hatDe, HAT_DE.unit, 62),
      certifyAtDistrict(api, mienDong, MIEN_DONG.unit, 58),
    ]);
  });

  it('the inspector proposes it on a ground, and the decision recorded by the coordinator revokes', async () => {
    const inspector = await browser.newPage();
    await signIn(inspector, api.url, INSPECTOR);
    await openProduct(inspector, HAT_DE.name);
    const form = inspector.getByRole('form', { name: 'Ghi kết quả hậu kiểm' });
    const outcomes = form.getByRole('group', { name: 'Kết quả hậu kiểm' });
    expect(
      await outcomes
        .getByRole('radio')
        .evaluateAll((radios) => radios.map((r) => r.parentElement?.textContent?.trim())),
    ).toEqual(['Đạt', 'Yêu cầu khắc phục', 'Chuyển đánh giá lại', 'Đề nghị thu hồi']);
    await outcomes.getByRole('radio', { name: 'Đề nghị thu hồi' }).check();
    await form.getByLabel('Căn cứ đề nghị thu hồi').selectOption({ label: FOOD_SAFETY });
    await form.getByLabel('Những gì đoàn hậu kiểm phát hiện').fill(FINDINGS);
    await checkPage(inspector, 'inspection-proposal');
    await form.getByRole('button', { name: 'Ghi kết quả hậu kiểm' }).click();
    await inspector.getByRole('status').getByText('Đã ghi nhận: Ghi kết quả hậu kiểm.').waitFor();
    const stage = inspector.locator('.page-header dd');
    await stage.getByText('Đề nghị thu hồi', { exact: true }).waitFor();
    await inspector
      .getByText(`đề nghị thu hồi giấy chứng nhận (${FOOD_SAFETY}): ${FINDINGS}`, { exact: false })
      .waitFor();
    const inspections = inspector.getByRole('region', { name: 'Hậu kiểm' });
    await inspections.getByRole('cell', { name: `${FOOD_SAFETY} · ${FINDINGS}` }).waitFor();

    const coordinator = await browser.newPage();
    await signIn(coordinator, api.url, COORDINATOR);
    await openProduct(coordinator, HAT_DE.name);
    const decision = coordinator.getByRole('form', { name: 'Ghi quyết định về đề nghị thu hồi' });
    // The decision starts from the proposal's ground, and from revoking.
    expect(await decision.getByLabel('Căn cứ', { exact: true }).inputValue()).toBe('food-safety');
    expect(await decision.getByRole('radio', { name: 'Thu hồi giấy chứng nhận' }).isChecked()).toBe(true);
    await decision.getByLabel('Số quyết định').fill('301/QĐ-UBND');
    await decision.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân huyện Trùng Khánh');
    await checkPage(coordinator, 'revocation-decision');
    await decision.getByRole('button', { name: 'Ghi quyết định' }).click();
    await coordinator.getByRole('status').getByText('Đã ghi nhận: Ghi quyết định về đề nghị thu hồi.').waitFor();
    await coordinator.locator('.page-header dd').getByText('Bị thu hồi', { exact: true }).waitFor();
    await coordinator.getByRole('region', { name: 'Giấy chứng nhận' }).getByText('Đã bị thu hồi').waitFor();
    await checkPage(coordinator, 'product-revoked');
  });

  it('the inspector refers a product to re-evaluation, and its certificate stands meanwhile', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, INSPECTOR);
    await openProduct(page, MIEN_DONG.name);
    const form = page.getByRole('form', { name: 'Ghi kết quả hậu kiểm' });
    await form.getByRole('radio', { name: 'Chuyển đánh giá lại' }).check();
    await form.getByLabel('Lý do chuyển đánh giá lại').fill('Đổi nguồn nguyên liệu và quy trình sản xuất');
    await form.getByRole('button', { name: 'Ghi kết quả hậu kiểm' }).click();
    await page.getByRole('status').getByText('Đã ghi nhận: Ghi kết quả hậu kiểm.').waitFor();
    await page
      .getByText('Đã chuyển đánh giá lại theo kết quả hậu kiểm ngày', { exact: false })
      .filter({ hasText: 'Đổi nguồn nguyên liệu và quy trình sản xuất' })
      .waitFor();
    await page.locator('.page-header dd').getByText('Hậu kiểm', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Giấy chứng nhận' }).getByText('Còn hiệu lực').waitFor();
    await checkPage(page, 'product-referred');
  });
});
