// A producer in the browser: the cooperative of Trùng Khánh sees its own products and no other subject's, and on
// its product's page only the forms a producer may use. When its dossier's deadline passes while the form is
// open, sending it is refused, and the page says why beside the form.
import { useApi } from '../support/api';
import { checkPage, expectRefusal, openFromMenu, signIn, useBrowser } from '../support/browser';
import {
  dueSoon,
  HAT_DE,
  inVietnam,
  MIEN_DONG,
  openCycle,
  overdue,
  register,
  startCycle,
} from '../support/web-journeys';

const YEAR = 2064;
const PRODUCER = 'htx.hatde';
const LIST = 'Sản phẩm theo bộ lọc';
/** Long enough to sign in and open the product's page, short enough to wait for. */
const DOSSIER_DUE_IN_MS = 10_000;

describe("a producer's own products in the browser", () => {
  const api = useApi({ isolated: true });
  const browser = useBrowser();
  let cycleId = '';

  beforeAll(async () => {
    cycleId = await startCycle(api, openCycle(YEAR));
    await register(api, cycleId, HAT_DE);
    await register(api, cycleId, MIEN_DONG);
  });

  it('lists only its own products, and offers the forms a producer may use and no other', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, PRODUCER);
    await openFromMenu(page, 'Sản phẩm');
    await page.getByRole('heading', { level: 1, name: 'Sản phẩm' }).waitFor();
    await page.locator('[data-testid=products-table][data-loading=false]').waitFor();
    const list = page.getByRole('table', { name: LIST });
    await list.getByRole('link', { name: HAT_DE.name }).waitFor();
    // Hòa An's company's product is in the same cycle, and not the cooperative's to see.
    expect(await list.getByRole('link').allInnerTexts()).toEqual([HAT_DE.name]);
    expect(await list.getByText(MIEN_DONG.subject.id).count()).toBe(0);
    // Importing is the coordinator's.
    expect(await page.getByRole('region', { name: 'Nhập sản phẩm từ tệp CSV' }).count()).toBe(0);
    await checkPage(page, 'products-producer');

    await list.getByRole('link', { name: HAT_DE.name }).click();
    await page.getByRole('heading', { level: 1, name: HAT_DE.name }).waitFor();
    const actions = page.getByRole('region', { name: 'Việc bạn có thể làm' });
    await actions.getByRole('form', { name: 'Nộp hồ sơ' }).waitFor();
    expect(await actions.getByRole('form').count()).toBe(2);
    await actions.getByRole('form', { name: 'Rút hồ sơ' }).waitFor();
    for (const theirs of ['Thẩm định hồ sơ', 'Ghi kết quả hội đồng', 'Gia hạn', 'Ghi kết quả hậu kiểm']) {
      expect(await page.getByRole('form', { name: theirs }).count()).toBe(0);
    }
    // The workflow in Temporal UI is for the province's staff.
    expect(await page.getByRole('link', { name: 'Mở quy trình trong Temporal UI' }).count()).toBe(0);
    await checkPage(page, 'product-producer');
  });

  it('shows why its dossier is refused once the deadline has passed', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, PRODUCER);
    const late = { ...HAT_DE, name: 'Hạt dẻ sấy khô' };
    const productId = `${cycleId}-0900`;
    const { dueAt } = await dueSoon(api, productId, late, DOSSIER_DUE_IN_MS);

    await openFromMenu(page, 'Sản phẩm');
    await page.getByRole('table', { name: LIST }).getByRole('link', { name: late.name }).click();
    const form = page.getByRole('form', { name: 'Nộp hồ sơ' });
    await form.getByLabel('Danh mục tài liệu trong hồ sơ').fill('Phiếu đăng ký sản phẩm\nBáo cáo tự đánh giá');
    // The page was read before the deadline; the application is overdue since, and takes no dossier now.
    await overdue(api, productId);
    expectRefusal(page, `/v1/products/${productId}/dossier`, 422);
    await form.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    const alert = form.getByRole('alert');
    await alert.getByText('Đã quá hạn', { exact: true }).waitFor();
    // Nothing was recorded: the timeline still ends with the registration.
    const timeline = page.getByRole('region', { name: 'Diễn biến hồ sơ' });
    expect(await timeline.getByRole('cell', { name: 'Nộp hồ sơ', exact: true }).count()).toBe(0);
    await checkPage(page, 'product-refused');
    // Which deadline, and when it was, as the office reads them: not the workflow's English and ISO instant.
    const reason = await alert.innerText();
    expect(reason).toContain('Hạn nộp hồ sơ');
    expect(reason).toContain(inVietnam(new Date(dueAt)).shown);
    expect(reason).not.toMatch(/has passed|\d{4}-\d{2}-\d{2}T/);
  });
});
