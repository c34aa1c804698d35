// The office's other pages as their people open them from the menu: the coordinator's tasks, the province's
// outbox and the administration of grants; and a district officer's tasks, which hold the dossier waiting for
// his review and nothing of another district.
import { useApi } from '../support/api';
import { checkPage, openFromMenu, signIn, useBrowser } from '../support/browser';
import {
  apiAs,
  COORDINATOR,
  dueSoon,
  escalated,
  HAT_DE,
  MIEN_DONG,
  openCycle,
  register,
  startCycle,
  submitDossier,
} from '../support/web-journeys';

const YEAR = 2065;
const OFFICER = 'be.van.duc';

describe("the office's tasks, notifications and administration in the browser", () => {
  const api = useApi({ isolated: true });
  const browser = useBrowser();
  const late = { ...MIEN_DONG, name: 'Miến dong quá hạn' };

  beforeAll(async () => {
    const cycleId = await startCycle(api, openCycle(YEAR));
    await submitDossier(api, await register(api, cycleId, HAT_DE));
    await register(api, cycleId, MIEN_DONG);
    // A dossier already past its deadline: escalated to the coordination office's address, and to the coordinator,
    // who alone may extend it.
    await apiAs(api, COORDINATOR).importContacts(
      'province,role,level,name,email\nCB,coordinator,,Văn phòng Điều phối OCOP Cao Bằng,ocop@caobang.example.vn',
    );
    const overdue = `${cycleId}-0900`;
    await dueSoon(api, overdue, late, 1000);
    await escalated(api, overdue);
  });

  it("gives the coordinator her tasks, the province's outbox and its grants", async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, COORDINATOR);

    await openFromMenu(page, 'Việc của tôi');
    await page.getByRole('heading', { level: 1, name: 'Việc của tôi' }).waitFor();
    // What waits for the coordinator alone: the extension only she may give; reviews are the districts' work.
    const overdue = page.getByRole('table', { name: 'Bảng các việc đã quá hạn' });
    const extension = overdue.getByRole('row').filter({ hasText: late.name });
    await extension.getByRole('cell', { name: 'Gia hạn', exact: true }).waitFor();
    await extension.getByRole('cell', { name: 'Quá hạn (hôm nay)', exact: false }).waitFor();
    await page.getByText('1 việc đang chờ bạn, việc gần hạn nhất ở trên cùng').waitFor();
    await checkPage(page, 'tasks');

    await openFromMenu(page, 'Thông báo');
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const outbox = page.getByRole('table', { name: 'Các thông báo trong hộp thư đi' });
    await outbox.getByRole('row').filter({ hasText: 'Báo quá hạn lên cấp trên' }).first().waitFor();
    await checkPage(page, 'notifications');

    await openFromMenu(page, 'Quản trị');
    await page.getByRole('heading', { level: 1, name: 'Quản trị người dùng và quyền' }).waitFor();
    const grants = page.getByRole('table', { name: 'Quyền đã cấp trong tỉnh' });
    await grants.getByRole('row').filter({ hasText: 'luc.thi.mai' }).getByText('Thư ký hội đồng').waitFor();
    await checkPage(page, 'admin');
  });

  it("gives Trùng Khánh's dossier officer the dossier waiting for his review, and no other district's work", async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, OFFICER);
    await page.waitForURL(/\/tasks$/);
    const later = page.getByRole('table', { name: 'Bảng các việc đến hạn sau 7 ngày' });
    const review = later.getByRole('row').filter({ hasText: HAT_DE.name });
    await review.getByRole('cell', { name: 'Thẩm định hồ sơ', exact: true }).waitFor();
    await review.getByRole('cell', { name: 'Huyện Trùng Khánh', exact: true }).waitFor();
    // Two rows: the header's and the review's; Hòa An's products are another officer's.
    expect(await later.getByRole('row').count()).toBe(2);
    expect(await page.getByText(MIEN_DONG.name).count()).toBe(0);
    await checkPage(page, 'tasks-officer');
  });
});
