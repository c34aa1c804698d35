// The dev provider's pages: sign-in, the device code's entry and confirmation,
// signing out, success and errors. Vietnamese first with English below,
// labelled for screen readers, no scripts and nothing loaded from elsewhere.

const STYLE = `body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.5rem;margin-bottom:.25rem}.en{display:block;color:#555;font-size:.85em;font-weight:normal}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.25rem}
button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem;background:#0a6b35;color:#fff;border:0;border-radius:4px;cursor:pointer}
button .en{color:inherit}button.secondary{background:none;color:#333;text-decoration:underline}.error{color:#b00020;font-weight:600}code{font-size:1.5rem;letter-spacing:.1em}`;

/**
 * The pages' policy: their own inline style and nothing else. A form may post
 * here and, as its redirects end there, to where the sign-in or sign-out
 * returns: browsers hold those redirects to form-action too.
 */
export function pageCsp(returnsTo?: string): string {
  let origin = '';
  try {
    origin = returnsTo ? ` ${new URL(returnsTo).origin}` : '';
  } catch {
    // Not a URL: the provider refuses such a request before any page is shown.
  }
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${origin}; frame-ancestors 'none'`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function page(title: string, englishTitle: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(englishTitle)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}<span class="en" lang="en">${escapeHtml(englishTitle)}</span></h1>
${body}
</main></body></html>`;
}

function bilingual(vietnamese: string, english: string): string {
  return `${escapeHtml(vietnamese)}<span class="en" lang="en">${escapeHtml(english)}</span>`;
}

export interface LoginPage {
  action: string;
  clientName: string;
  login?: string;
  failed?: boolean;
}

export function loginPage({ action, clientName, login, failed }: LoginPage): string {
  const error = failed
    ? `<p class="error" role="alert">${bilingual('Sai tên đăng nhập hoặc mật khẩu.', 'Wrong login or password.')}</p>`
    : '';
  return page(
    'Đăng nhập OCOP',
    'Sign in to OCOP',
    `<p>${bilingual(`Ứng dụng: ${clientName}`, `Application: ${clientName}`)}</p>
${error}
<form method="post" action="${escapeHtml(action)}">
<label for="login">${bilingual('Tên đăng nhập', 'Login')}</label>
<input id="login" type="text" name="login" required maxlength="100" autocomplete="username" value="${escapeHtml(login ?? '')}">
<label for="password">${bilingual('Mật khẩu', 'Password')}</label>
<input id="password" type="password" name="password" required maxlength="200" autocomplete="current-password">
<button type="submit">${bilingual('Đăng nhập', 'Sign in')}</button>
</form>`,
  );
}

/** `form` is oidc-provider's own form (id op.deviceInputForm) holding the xsrf token. */
export function deviceCodeInputPage(form: string, failed: boolean, detail?: string): string {
  const why = detail ? `<p lang="en">${escapeHtml(detail)}</p>` : '';
  const message = failed
    ? `<p class="error" role="alert">${bilingual('Mã không đúng hoặc đã hết hạn. Hãy thử lại.', 'The code is wrong or has expired. Try again.')}</p>${why}`
    : `<p>${bilingual('Nhập mã hiển thị trên thiết bị của bạn.', 'Enter the code shown on your device.')}</p>`;
  const labelled = form.replace('name="user_code"', 'name="user_code" id="user_code"');
  return page(
    'Đăng nhập thiết bị',
    'Device sign-in',
    `${message}
<label for="user_code">${bilingual('Mã thiết bị', 'Device code')}</label>
${labelled}
<button type="submit" form="op.deviceInputForm">${bilingual('Tiếp tục', 'Continue')}</button>`,
  );
}

/** `form` is oidc-provider's confirmation form (id op.deviceConfirmForm). */
export function deviceCodeConfirmPage(form: string, clientName: string, userCode: string): string {
  return page(
    'Xác nhận thiết bị',
    'Confirm the device',
    `<p>${bilingual(`Ứng dụng ${clientName} xin đăng nhập. Mã trên thiết bị phải là:`, `${clientName} asks to sign in. The code on the device must be:`)}</p>
<p><code>${escapeHtml(userCode)}</code></p>
${form}
<button type="submit" form="op.deviceConfirmForm">${bilingual('Đồng ý', 'Approve')}</button>
<button type="submit" class="secondary" form="op.deviceConfirmForm" name="abort" value="yes">${bilingual('Huỷ', 'Abort')}</button>`,
  );
}

export function deviceSuccessPage(clientName: string): string {
  return page(
    'Đăng nhập thành công',
    'Signed in',
    `<p>${bilingual(`Bạn đã đăng nhập vào ${clientName}. Có thể đóng trang này.`, `You are signed in to ${clientName}. You may close this page.`)}</p>`,
  );
}

/** `form` is oidc-provider's sign-out form (id op.logoutForm) holding the xsrf token. */
export function logoutPage(form: string, clientName: string | undefined): string {
  const from = clientName ? bilingual(`Bạn đang rời ${clientName}.`, `You are leaving ${clientName}.`) : '';
  return page(
    'Đăng xuất',
    'Sign out',
    `<p>${from} ${bilingual('Đăng xuất khỏi OCOP trên trình duyệt này?', 'Sign out of OCOP in this browser?')}</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">${bilingual('Đăng xuất', 'Sign out')}</button>
<button type="submit" class="secondary" form="op.logoutForm">${bilingual('Vẫn đăng nhập', 'Stay signed in')}</button>`,
  );
}

export function signedOutPage(): string {
  return page(
    'Đã đăng xuất',
    'Signed out',
    `<p>${bilingual('Bạn đã đăng xuất khỏi OCOP. Có thể đóng trang này.', 'You are signed out of OCOP. You may close this page.')}</p>`,
  );
}

/** Only the OAuth error code and its description: both are meant for the user. */
export function errorPage(error: string, description: string | undefined): string {
  return page(
    'Có lỗi xảy ra',
    'Something went wrong',
    `<p class="error" role="alert">${escapeHtml(error)}</p>${description ? `<p>${escapeHtml(description)}</p>` : ''}`,
  );
}
