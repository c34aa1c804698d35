// The province's coordinator records the recognition decisions (quyết định công nhận) that issue the certificates
// the councils rated: one on the product's own page, and one for several products on the cycle's page, which then
// lists the cycle's decisions with the CSV for the national OCOP system. A certificate runs 36 months from its
// decision's date, not from the day the council's scores were typed in.
import { useApi } from '../support/api';
import { checkPage, openFromMenu, signIn, useBrowser } from '../support/browser';
import {
  COORDINATOR,
  HAT_DE,
  inVietnam,
  MIEN_DONG,
  openCycle,
  rateAtDistrict,
  register,
  startCycle,
} from '../support/web-journeys';

const YEAR = 2067;
const DASHBOARD_READY = '[data-testid=dashboard][data-ready=true]';

/** dd/MM/yyyy of a `shown` dd/MM/yyyy HH:mm, `years` later. */
function dayYearsLater(shown: string, years: number): string {
  const [day, month, year] = shown.slice(0, 10).split('/');
  return `${day}/${month}/${Number(year) + years}`;
}

describe('recognition decisions, recorded by the coordinator in the browser', () => {
  const api = useApi({ isolated: true });
  const browser = useBrowser();
  let cycleId = '';
  let hatDe = '';
  let mienDong = '';

  beforeAll(async () => {
    cycleId = await startCycle(api, openCycle(YEAR));
    [hatDe, mienDong] = [await register(api, cycleId, HAT_DE), await register(api, cycleId, MIEN_DONG)];
    // Each district's council rates its product 3 stars; both wait for their district's decision.
    await Promise.all([rateAtDistrict(api, hatDe, HAT_DE.unit, 62), rateAtDistrict(api, mienDong, MIEN_DONG.unit, 58)]);
  });

  it("records a product's decision on its page: certified, valid 36 months from the decision's date", async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, COORDINATOR);
    await openFromMenu(page, 'Sản phẩm');
    await page.getByRole('table', { name: 'Sản phẩm theo bộ lọc' }).getByRole('link', { name: HAT_DE.name }).click();
    await page.getByRole('heading', { level: 1, name: HAT_DE.name }).waitFor();
    const stage = page.locator('.page-header dd');
    await stage.getByText('Chờ quyết định công nhận', { exact: true }).waitFor();

    const form = page.getByRole('form', { name: 'Ghi quyết định công nhận' });
    await form.getByText('Kết quả chờ công nhận: Cấp huyện, 3 sao.').waitFor();
    // Only the ministry's 5-star certificates carry a number it gave; a district's 3 stars are numbered here.
    expect(await form.getByLabel('Số giấy chứng nhận do Bộ cấp').count()).toBe(0);
    // A decision without its number is refused beside the field, before anything is sent.
    await form.getByRole('button', { name: 'Ghi quyết định công nhận' }).click();
    await form.getByText('Hãy nhập số quyết định, ví dụ 1234/QĐ-UBND').waitFor();

    await form.getByLabel('Số quyết định').fill('215/QĐ-UBND');
    await form.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân huyện Trùng Khánh');
    const decided = inVietnam(new Date());
    await form.getByLabel('Ngày ký quyết định').fill(decided.input);
    await form.getByText(`Giờ Việt Nam: ${decided.shown}`).waitFor();
    await checkPage(page, 'product-recognition');
    await form.getByRole('button', { name: 'Ghi quyết định công nhận' }).click();
    await page.getByRole('status').getByText('Đã ghi nhận: Ghi quyết định công nhận.').waitFor();

    // Certified by the decision, and straight into post-inspection; its term runs from the decision's date.
    await stage.getByText('Hậu kiểm', { exact: true }).waitFor();
    const certificate = page.getByRole('region', { name: 'Giấy chứng nhận' });
    await certificate.getByText('215/QĐ-UBND').waitFor();
    const facts = Object.fromEntries(
      await certificate
        .locator('dl > div')
        .evaluateAll((rows) =>
          rows.map((row) => [row.querySelector('dt')?.textContent ?? '', row.querySelector('dd')?.textContent ?? '']),
        ),
    );
    expect(facts).toMatchObject({
      'Quyết định công nhận': '215/QĐ-UBND',
      'Cơ quan quyết định': 'Ủy ban nhân dân huyện Trùng Khánh',
      'Ngày quyết định': decided.shown.slice(0, 10),
      'Có hiệu lực đến': dayYearsLater(decided.shown, 3),
      'Tình trạng': 'Còn hiệu lực',
    });
    expect(await page.getByRole('form', { name: 'Ghi quyết định công nhận' }).count()).toBe(0);
    await checkPage(page, 'product-recognised');
  });

  it("records one decision for the cycle's products awaiting one, and lists it with its CSV", async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, COORDINATOR);
    await openFromMenu(page, 'Chu kỳ');
    await page
      .getByRole('table', { name: 'Danh sách chu kỳ OCOP, mới nhất trước' })
      .getByRole('link', { name: cycleId })
      .click();
    await page.locator(DASHBOARD_READY).waitFor();
    const section = page.getByRole('region', { name: 'Quyết định công nhận' });
    const form = section.getByRole('form', { name: 'Ghi một quyết định công nhận cho nhiều sản phẩm' });
    await form.getByLabel('Số quyết định').fill('88/QĐ-UBND');
    await form.getByLabel('Cơ quan ban hành').fill('Ủy ban nhân dân huyện Hòa An');
    expect(await form.getByLabel('Cấp hội đồng đã xếp hạng').inputValue()).toBe('district');
    // Nothing ticked: the decision must name a product.
    await form.getByRole('button', { name: 'Ghi quyết định công nhận' }).click();
    await form.getByText('Hãy chọn ít nhất một sản phẩm').waitFor();
    await form.getByRole('checkbox', { name: new RegExp(`${MIEN_DONG.name} \\(${mienDong}\\)`) }).check();
    await checkPage(page, 'dashboard-decision');
    await form.getByRole('button', { name: 'Ghi quyết định công nhận' }).click();

    await section.getByRole('status').getByText('Đã công nhận 1 sản phẩm, từ chối 0 sản phẩm.').waitFor();
    const outcome = section.getByRole('listitem').filter({ hasText: mienDong });
    expect(await outcome.innerText()).toMatch(/: 3 sao, giấy chứng nhận số \S+, có hiệu lực đến \d{2}\/\d{2}\/\d{4}$/);

    const decisions = section.getByRole('table', { name: 'Các quyết định công nhận của chu kỳ, mới nhất trước' });
    const row = decisions.getByRole('row').filter({ hasText: '88/QĐ-UBND' });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual([
      '88/QĐ-UBND',
      inVietnam(new Date()).shown.slice(0, 10),
      'Ủy ban nhân dân huyện Hòa An',
      'Cấp huyện',
      '1',
      'Tải CSV quyết định 88/QĐ-UBND',
    ]);
    // The export is public, as the announcement is: the link works without a token.
    const href = await row.getByRole('link', { name: 'Tải CSV quyết định 88/QĐ-UBND' }).getAttribute('href');
    const csv = await (await fetch(new URL(href ?? '', api.url))).text();
    expect(csv).toContain(mienDong);
    expect(csv).toContain(MIEN_DONG.name);
    await checkPage(page, 'dashboard-decisions');
  });
});
