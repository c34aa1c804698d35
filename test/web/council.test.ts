// Trùng Khánh's council secretary in the browser: the product her district's council has met on waits in her
// tasks; she opens it, types each member's score sheet into the form on its page and records the council's result,
// and the product's timeline then tells her action with her name, her role and the time in Vietnam.
import { useApi } from '../support/api';
import { checkPage, signIn, useBrowser } from '../support/browser';
import { HAT_DE, inVietnam, openCycle, register, startCycle, toDistrictCouncil } from '../support/web-journeys';

const YEAR = 2063;
const SECRETARY = { login: 'luc.thi.mai', name: 'Lục Thị Mai' };
const TIMELINE = 'Diễn biến hồ sơ: mỗi việc đã làm, ai làm, với vai trò và quyền nào, vào lúc nào';

describe("a district council's result, recorded by its secretary in the browser", () => {
  const api = useApi({ isolated: true });
  const browser = useBrowser();
  let productId = '';

  beforeAll(async () => {
    const cycleId = await startCycle(api, openCycle(YEAR));
    productId = await register(api, cycleId, HAT_DE);
    await toDistrictCouncil(api, productId, HAT_DE.unit);
  });

  it('records the sheets of two members and shows her action on the timeline', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, SECRETARY.login);
    // She lands on what waits for her: this product's council result.
    await page.waitForURL(/\/tasks$/);
    const tasks = page.getByRole('table', { name: 'Bảng các việc đến hạn sau 7 ngày' });
    const task = tasks.getByRole('row').filter({ hasText: HAT_DE.name });
    await task.getByText('Ghi kết quả hội đồng').waitFor();
    await checkPage(page, 'tasks-secretary');

    await task.getByRole('link', { name: HAT_DE.name }).click();
    await page.getByRole('heading', { level: 1, name: HAT_DE.name }).waitFor();
    const form = page.getByRole('form', { name: 'Ghi kết quả hội đồng' });
    await form.getByText('Hội đồng: Cấp huyện').waitFor();
    const met = inVietnam(new Date(Date.now() - 2 * 60 * 60 * 1000));
    await form.getByLabel('Ngày giờ họp hội đồng').fill(met.input);
    await form.getByText(`Giờ Việt Nam: ${met.shown}`).waitFor();

    const sheets = [
      { member: 'Hoàng Thị Lan', A: '26', B: '16', C: '21' },
      { member: 'Nông Văn Tú', A: '24', B: '15', C: '22' },
    ];
    await form.getByRole('button', { name: 'Thêm phiếu chấm điểm' }).click();
    for (const [index, sheet] of sheets.entries()) {
      const group = form.getByRole('group', { name: `Phiếu chấm điểm ${index + 1}` });
      await group.getByLabel('Thành viên hội đồng (họ tên hoặc mã)').fill(sheet.member);
      await group.getByLabel('Phần A (tối đa 40 điểm)').fill(sheet.A);
      await group.getByLabel('Phần B (tối đa 25 điểm)').fill(sheet.B);
      await group.getByLabel('Phần C (tối đa 35 điểm)').fill(sheet.C);
    }
    await form.getByText('Tổng điểm phiếu: 63').waitFor();
    await form.getByText('Tổng điểm phiếu: 61').waitFor();
    // The mean of the two sheets, 62: between 50 and 69, three stars at the district.
    await form.getByText('Theo các phiếu đã nhập: tổng điểm 62, 3 sao.').waitFor();
    await checkPage(page, 'product-secretary');

    const before = inVietnam(new Date()).shown;
    await form.getByRole('button', { name: 'Ghi kết quả hội đồng' }).click();
    await page.getByRole('status').getByText('Đã ghi nhận: Ghi kết quả hội đồng.').waitFor();
    const after = inVietnam(new Date()).shown;

    const recorded = page
      .getByRole('table', { name: TIMELINE })
      .getByRole('row')
      .filter({ hasText: 'Ghi kết quả hội đồng' });
    await recorded.waitFor();
    const [at, action, who, role, grant] = await recorded.getByRole('cell').allInnerTexts();
    expect({ action, who, role, grant }).toEqual({
      action: 'Ghi kết quả hội đồng',
      who: SECRETARY.name,
      role: 'Thư ký hội đồng',
      grant: 'Thư ký hội đồng · CB · 047 · Cấp huyện',
    });
    expect(at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect([before, after]).toContain(at);

    // The council's sheets stay on the product's page, member by member; certified at 3 stars.
    const scores = page.getByRole('region', { name: 'Điểm của hội đồng' });
    await scores.getByRole('cell', { name: 'Hoàng Thị Lan' }).waitFor();
    await scores.getByRole('cell', { name: 'Nông Văn Tú' }).waitFor();
    await page.getByRole('region', { name: 'Giấy chứng nhận' }).getByText('3 sao').first().waitFor();
    expect(await page.getByRole('form', { name: 'Ghi kết quả hội đồng' }).count()).toBe(0);
    await checkPage(page, 'product-certified');
  });
});
