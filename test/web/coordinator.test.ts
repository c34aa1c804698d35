// The province's coordinator in the browser. She starts a rehearsal cycle with the form on the cycles page, lands
// on its dashboard, imports the cycle's products from a spreadsheet and reads what became of each row, and finds
// the products in the list. Asking to extend a calendar date that has already passed, she is told why she may not.
// On a cycle whose councils have certified products, the dashboard sets the certifications beside the plan's
// targets, in words and in charts.
import type { Page } from 'playwright-core';
import { useApi } from '../support/api';
import { checkPage, expectRefusal, openFromMenu, signIn, useBrowser } from '../support/browser';
import { inDays } from '../support/fixtures';
import {
  certifyAtDistrict,
  COORDINATOR,
  HAT_DE,
  inVietnam,
  MIEN_DONG,
  openCycle,
  register,
  startCycle,
} from '../support/web-journeys';

const REHEARSAL_YEAR = 2061;
const CERTIFIED_YEAR = 2062;
const CLOSED_YEAR = 2066;
const TRANSITION_YEAR = 2069;
const DASHBOARD_READY = '[data-testid=dashboard][data-ready=true]';

/** Two products and, between them, a row whose e-mail is not one, in the columns client/registrations.ts reads. */
const PRODUCTS_CSV = [
  'product_name,product_group,subject_id,subject_name,subject_type,subject_email,unit,kind',
  'Hạt dẻ rang muối,food,htx-nong-nghiep-hat-de-trung-khanh,HTX Nông nghiệp Hạt dẻ Trùng Khánh,cooperative,hatde@example.vn,047,new',
  'Thạch đen Thạch An,food,hkd-thach-an,Hộ kinh doanh Thạch An,household,not-an-email,053,new',
  '"Miến dong Phia Đén, loại đặc biệt",food,cty-phia-den,"Công ty TNHH ""Phia Đén""",enterprise,,052,',
].join('\n');

/** The dashboard of a cycle, opened from the list of cycles, once its figures and charts are drawn. */
async function openDashboard(page: Page, cycleId: string): Promise<void> {
  await openFromMenu(page, 'Chu kỳ');
  const cycles = page.getByRole('table', { name: 'Danh sách chu kỳ OCOP, mới nhất trước' });
  await cycles.getByRole('link', { name: cycleId }).click();
  await page.getByRole('heading', { level: 1, name: `Bảng điều hành chu kỳ ${cycleId}` }).waitFor();
  await page.locator(DASHBOARD_READY).waitFor();
}

describe("the coordinator's cycle in the browser", () => {
  // A database of its own: the cycles listed, and the newest one she lands on, are this file's.
  const api = useApi({ isolated: true });
  const browser = useBrowser();

  it('starts a rehearsal cycle, lands on its dashboard and imports its products from a CSV file', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, COORDINATOR);
    await openFromMenu(page, 'Chu kỳ');
    await page.getByRole('heading', { level: 1, name: 'Chu kỳ OCOP' }).waitFor();
    const form = page.getByRole('region', { name: 'Mở chu kỳ mới' });
    // The rule set follows the date registration opens: today, 1489/QĐ-TTg. A rehearsal may train on either; this
    // one trains on 148, whose districts the imported rows name.
    const ruleSet = form.getByLabel('Bộ tiêu chí');
    expect(await ruleSet.locator('option:checked').innerText()).toBe(
      'Theo ngày mở đăng ký: Quyết định 1489/QĐ-TTg (2025)',
    );
    await form.getByRole('radio', { name: 'Lịch diễn tập (tập huấn), tính bằng phút' }).check();
    await ruleSet.selectOption('OCOP_148_2023');
    await form.getByLabel('Năm', { exact: true }).fill(String(REHEARSAL_YEAR));
    await form.getByLabel('Thời gian đăng ký (phút)').fill('60');
    await form.getByLabel('Sản phẩm mới đạt 3 sao trở lên').fill('2');
    await checkPage(page, 'cycles');
    await form.getByRole('button', { name: 'Mở chu kỳ' }).click();

    const cycleId = `CB-${REHEARSAL_YEAR}`;
    await page.waitForURL(new RegExp(`/cycles/${cycleId}$`));
    await page.getByRole('heading', { level: 1, name: `Bảng điều hành chu kỳ ${cycleId}` }).waitFor();
    await page.locator(DASHBOARD_READY).waitFor();
    const calendar = page.getByRole('region', { name: 'Lịch của chu kỳ' });
    await calendar.getByText('Giai đoạn hiện tại: Đăng ký', { exact: false }).waitFor();
    const targets = page.getByRole('region', { name: 'Chỉ tiêu kế hoạch và kết quả' });
    await targets.getByText('Sản phẩm mới đạt 3 sao trở lên: 0 / chỉ tiêu 2').waitFor();
    await checkPage(page, 'dashboard-rehearsal');

    await openFromMenu(page, 'Sản phẩm');
    await page.getByRole('heading', { level: 1, name: 'Sản phẩm' }).waitFor();
    const importing = page.getByRole('region', { name: 'Nhập sản phẩm từ tệp CSV' });
    await importing.getByLabel('Chu kỳ nhận sản phẩm').selectOption(cycleId);
    await importing.getByLabel('Tệp CSV sản phẩm').setInputFiles({
      name: 'san-pham.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(PRODUCTS_CSV, 'utf8'),
    });
    await importing.getByRole('button', { name: 'Nhập sản phẩm' }).click();

    await importing.getByRole('heading', { name: 'Kết quả nhập' }).waitFor();
    await importing.getByRole('status').getByText('Đã đăng ký 2 sản phẩm, từ chối 1 dòng.').waitFor();
    const results = importing.getByRole('table', { name: 'Kết quả từng dòng của tệp' });
    const rows = results.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    // Numbered as the spreadsheet numbers them: the header is row 1. Products take the cycle's serials in order.
    expect(await rows.nth(0).innerText()).toMatch(new RegExp(`^2\\s+Đã đăng ký\\s+Mã sản phẩm ${cycleId}-0001$`));
    expect(await rows.nth(1).innerText()).toMatch(/^3\s+Bị từ chối\s+subject_email: Phải là địa chỉ thư điện tử/);
    expect(await rows.nth(2).innerText()).toMatch(new RegExp(`^4\\s+Đã đăng ký\\s+Mã sản phẩm ${cycleId}-0002$`));

    // The list follows the read model, which records each product a moment after the import answers.
    const list = page.getByRole('table', { name: 'Sản phẩm theo bộ lọc' });
    await list.getByRole('link', { name: 'Hạt dẻ rang muối' }).waitFor();
    await list.getByRole('link', { name: 'Miến dong Phia Đén, loại đặc biệt' }).waitFor();
    expect(await list.getByRole('link', { name: 'Thạch đen Thạch An' }).count()).toBe(0);
    await checkPage(page, 'products');

    await list.getByRole('link', { name: 'Hạt dẻ rang muối' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hạt dẻ rang muối' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Diễn biến hồ sơ' }).waitFor();
    // Registered on the subject's behalf: the coordinator may hand in its dossier.
    await page.getByRole('form', { name: 'Nộp hồ sơ' }).waitFor();
    await checkPage(page, 'product-coordinator');
  });

  it('keeps, for a real calendar, the rule set no longer in force only with the reason for it', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, COORDINATOR);
    await openFromMenu(page, 'Chu kỳ');
    const form = page.getByRole('region', { name: 'Mở chu kỳ mới' });
    await form.getByLabel('Năm', { exact: true }).fill(String(TRANSITION_YEAR));
    await form.getByLabel('Bộ tiêu chí').selectOption('OCOP_148_2023');
    const reason = form.getByLabel('Lý do áp dụng bộ tiêu chí này (quy định chuyển tiếp)');
    await reason.waitFor();
    expectRefusal(page, '/v1/cycles', 400);
    await form.getByRole('button', { name: 'Mở chu kỳ' }).click();
    // Registration opens on 1 March: 1489/QĐ-TTg is in force then, and 148 needs a transitional arrangement.
    const why =
      `Khi mở đăng ký (01/03/${TRANSITION_YEAR}), bộ tiêu chí có hiệu lực là Quyết định 1489/QĐ-TTg (2025), ` +
      'không phải Quyết định 148/QĐ-TTg (2023)';
    await form.getByText(why, { exact: false }).first().waitFor();
    expect(await form.innerText()).not.toMatch(/is in force|OCOP_148_2023/);
    await checkPage(page, 'cycles-rule-set-refused');
  });

  describe('once councils have certified products', () => {
    let cycleId = '';
    beforeAll(async () => {
      cycleId = await startCycle(
        api,
        openCycle(CERTIFIED_YEAR, {
          newProductsThreeStarsOrMore: 2,
          productsFourStarsOrMore: 1,
          cooperativeShare: 0.5,
          smeShare: 0.3,
        }),
      );
      const mangKho = {
        name: 'Măng khô Trùng Khánh',
        subject: { id: 'hkd-mang-kho-trung-khanh', name: 'Hộ kinh doanh Măng khô', type: 'household' as const },
        unit: '047',
      };
      const [hatDe, mang] = [await register(api, cycleId, HAT_DE), await register(api, cycleId, mangKho)];
      await register(api, cycleId, MIEN_DONG);
      // Both scored between 50 and 69 by Trùng Khánh's council: certified there at 3 stars.
      await Promise.all([certifyAtDistrict(api, hatDe, '047', 62), certifyAtDistrict(api, mang, '047', 55)]);
    });

    it('shows the certifications against the targets, in words and in charts', async () => {
      const page = await browser.newPage();
      await signIn(page, api.url, COORDINATOR);
      await openDashboard(page, cycleId);

      const figures = page.locator('dl.summary');
      // Registered, subjects, certified in the cycle, the province's certificates in force, the products ranked
      // before still ranked (none were), then registrations by kind.
      expect(await figures.getByRole('definition').allInnerTexts()).toEqual(['3', '3', '2', '2', '0', '3', '0', '0']);
      const targets = page.getByRole('region', { name: 'Chỉ tiêu kế hoạch và kết quả' });
      await targets.getByText('Đạt 2 trên 4 chỉ tiêu.').waitFor();
      // Three subjects: a cooperative, a household and an enterprise.
      expect(await targets.getByRole('listitem').allInnerTexts()).toEqual([
        'Đạt Sản phẩm mới đạt 3 sao trở lên: 2 / chỉ tiêu 2',
        'Chưa đạt Sản phẩm đạt 4 sao trở lên: 0 / chỉ tiêu 1',
        'Chưa đạt Tỷ lệ hợp tác xã trong các chủ thể: 33,3% / chỉ tiêu 50%',
        'Đạt Tỷ lệ doanh nghiệp nhỏ và vừa trong các chủ thể: 33,3% / chỉ tiêu 30%',
      ]);
      // The targets the plan leaves at 0 are named, in words of the catalogue.
      const unset = await targets.getByText('Kế hoạch không đặt chỉ tiêu:', { exact: false }).innerText();
      expect(unset).toContain('Sản phẩm đạt 5 sao');
      expect(unset).not.toMatch(/\btarget\./);
      const chart = targets.getByTestId('chart-targets');
      expect(await chart.getByRole('img').getAttribute('aria-label')).toContain('2 / 2');
      await checkPage(page, 'dashboard');
    });
  });

  it('says why a calendar date that has passed cannot be extended', async () => {
    const registrationCloses = inDays(-1);
    const input = openCycle(CLOSED_YEAR);
    const cycleId = await startCycle(api, {
      ...input,
      calendar: { ...input.calendar, registrationOpens: inDays(-2), registrationCloses },
    });
    const page = await browser.newPage();
    await signIn(page, api.url, COORDINATOR);
    await openDashboard(page, cycleId);

    const calendar = page.getByRole('region', { name: 'Lịch của chu kỳ' });
    await calendar.getByText('Gia hạn một mốc của lịch').click();
    await calendar.getByLabel('Mốc cần gia hạn').selectOption({ label: 'Hạn đăng ký' });
    await calendar.getByLabel('Gia hạn đến (giờ Việt Nam)').fill(inVietnam(new Date(inDays(3))).input);
    await calendar.getByLabel('Lý do gia hạn').fill('Nhiều hợp tác xã chưa kịp đăng ký sản phẩm');
    expectRefusal(page, `/v1/cycles/${cycleId}/calendar-extensions`, 422);
    await calendar.getByRole('button', { name: 'Gia hạn', exact: true }).click();

    const alert = calendar.getByRole('alert');
    await alert.getByText('Đã quá hạn', { exact: true }).waitFor();
    const reason = await alert.innerText();
    expect(reason).toContain('Hạn đăng ký');
    expect(reason).toContain(inVietnam(new Date(registrationCloses)).shown);
    expect(reason).not.toMatch(/already passed|\d{4}-\d{2}-\d{2}T/);
    await checkPage(page, 'dashboard-refused');
  });
});
