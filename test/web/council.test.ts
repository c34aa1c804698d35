// Trùng Khánh's council secretary in the browser: the product her district's council has met on waits in her
// tasks; she opens it, gives the council's size, types each member's score sheet into the form on its page (the
// chair's marked, which the quorum needs) and a mandatory criterion failed for 4 stars, and records the council's
// result. The product's timeline then tells her action with her name, her role and the time in Vietnam, and the
// product waits for the recognition decision (chờ quyết định công nhận) with the council's 3 stars.
import { useApi } from '../support/api';
import { checkPage, signIn, useBrowser } from '../support/browser';
import { HAT_DE, inVietnam, openCycle, register, startCycle, toDistrictCouncil } from '../support/web-journeys';

const YEAR = 2063;
const SECRETARY = { login: 'luc.thi.mai', name: 'Lục Thị Mai' };
const NO_CHAIR = 'Chưa có phiếu nào được đánh dấu là của chủ tịch hội đồng: cần phiếu của chủ tịch';
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

  it('records the sheets of a council of two, its chair marked, and shows her action on the timeline', async () => {
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

    // Two members appointed, the chair among them: three quarters of two is two sheets.
    await form.getByLabel('Số thành viên hội đồng (kể cả chủ tịch)').fill('2');
    await form.getByText('Cần ít nhất 2 phiếu, trong đó có phiếu của chủ tịch hội đồng').waitFor();
    expect(await form.getByLabel('Vòng chấm').inputValue()).toBe('1');
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
    // No sheet is the chair's yet: the form says so before anything is sent, in Vietnamese.
    await form.getByRole('button', { name: 'Ghi kết quả hội đồng' }).click();
    await form.getByText(NO_CHAIR).waitFor();
    await form.getByRole('group', { name: 'Phiếu chấm điểm 1' }).getByLabel('Chủ tịch hội đồng').check();
    await form.getByText(NO_CHAIR).waitFor({ state: 'detached' });

    // A criterion mandatory for 4 stars failed: it holds the rating at 3 stars, which the score gives anyway.
    await form.getByRole('button', { name: 'Thêm tiêu chí bắt buộc không đạt' }).click();
    await form.getByLabel('Mã tiêu chí 1').fill('A1.2');
    await form.getByLabel('Bắt buộc từ hạng (tiêu chí 1)').selectOption({ label: '4 sao' });
    // Neither decision gives bonus points: the rule set's cap is 0, so there is no field for them.
    expect(await form.getByLabel('Điểm cộng').count()).toBe(0);
    // The mean of the two sheets, 62: between 50 and 69, three stars at the district; 2 points apart, under 10.
    await form
      .getByText('Theo các phiếu đã nhập: điểm trung bình 62, 3 sao. Chênh lệch giữa các phiếu: 2 điểm.')
      .waitFor();
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

    // The council's sheets stay on the product's page, member by member, with the criterion failed and its star.
    const scores = page.getByRole('region', { name: 'Điểm của hội đồng' });
    await scores.getByRole('cell', { name: 'Hoàng Thị Lan' }).waitFor();
    await scores.getByRole('cell', { name: 'Nông Văn Tú' }).waitFor();
    await scores.getByText('A1.2 (bắt buộc từ 4 sao)').waitFor();
    // Rated, not yet certified: the district's decision issues the certificate.
    await page
      .getByText('Chờ quyết định công nhận: 3 sao, do hội đồng đánh giá (Cấp huyện) xếp hạng', { exact: false })
      .waitFor();
    await page.locator('.page-header dd').getByText('Chờ quyết định công nhận', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Giấy chứng nhận' })
      .getByText('Sản phẩm chưa được cấp giấy chứng nhận.')
      .waitFor();
    expect(await page.getByRole('form', { name: 'Ghi kết quả hội đồng' }).count()).toBe(0);
    await checkPage(page, 'product-awaiting-decision');
  });
});
