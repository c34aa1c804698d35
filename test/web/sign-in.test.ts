// Signing in to the web app as people do: the app's own sign-in page, the OpenID
// provider's login form in the browser, and back in the app with the menu that the
// person's grants open. Every page on the way is screenshot and checked by axe-core.
import { useApi } from '../support/api';
import { checkPage, openProviderLogin, showSignIn, signIn, submitProviderLogin, useBrowser } from '../support/browser';

const MENU = 'Điều hướng chính';
const START_CYCLE = 'Mở chu kỳ mới';

describe('signing in to the web app', () => {
  // A database of its own: the coordinator lands on the newest cycle, and other files' cycles are not this test's.
  const api = useApi({ isolated: true });
  const browser = useBrowser();

  it('takes the coordinator through the provider to her name and the whole menu', async () => {
    const page = await browser.newPage();
    await showSignIn(page, api.url);
    await page.getByRole('heading', { level: 1, name: 'Hệ thống điều hành chu kỳ OCOP' }).waitFor();
    await checkPage(page, 'sign-in');

    await openProviderLogin(page);
    expect(new URL(page.url()).origin).toBe(new URL(api.issuer).origin);
    await checkPage(page, 'provider-login');

    await submitProviderLogin(page, 'nong.thi.ha');
    expect(new URL(page.url()).origin).toBe(new URL(api.url).origin);
    const menu = page.getByRole('navigation', { name: MENU });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual([
      'Chu kỳ',
      'Sản phẩm',
      'Việc của tôi',
      'Thông báo',
      'Quản trị',
    ]);
    // Province staff land on the newest cycle's dashboard; with no cycle yet, on the cycles and the form to start one.
    await page.waitForURL(/\/cycles$/);
    await page.getByRole('heading', { level: 1, name: 'Chu kỳ OCOP' }).waitFor();
    await page.getByRole('heading', { level: 2, name: START_CYCLE }).waitFor();
    await checkPage(page, 'landing');
  });

  it('shows a producer neither administration nor the form that starts a cycle', async () => {
    const page = await browser.newPage();
    await signIn(page, api.url, 'htx.hatde');
    const menu = page.getByRole('navigation', { name: MENU });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual(['Sản phẩm', 'Việc của tôi']);
    // Someone else lands on what waits for them.
    await page.waitForURL(/\/tasks$/);
    await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();

    // Typed in the address bar: the page is there, but not the coordinator's form. Grants are known before
    // the page renders, so the form would show with the page's heading.
    await page.goto(`${api.url}/cycles`);
    await page.getByRole('heading', { level: 1, name: 'Chu kỳ OCOP' }).waitFor();
    expect(await page.getByRole('heading', { name: START_CYCLE }).count()).toBe(0);
    expect(await page.getByRole('main').locator('form').count()).toBe(0);
  });
});
