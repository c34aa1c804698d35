// The web app and the CLI run on this machine: their pages are served from a
// loopback origin on whichever port, which the provider lets in like a
// registered one (RFC 8252 7.3).
import type Provider from 'oidc-provider';

/** An origin the token endpoint answers CORS for. */
export const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** A loopback http URL without its port, as a native client registers it; undefined for any other. */
export function loopbackWithoutPort(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  url.port = '';
  return url.href;
}

/**
 * oidc-provider matches a native client's loopback redirect URI on any port
 * but its post-logout redirect URI exactly; the web app, served on whichever
 * port, returns to its own origin after signing out.
 */
export function allowLoopbackSignOutPorts(provider: Provider): void {
  const exact = provider.Client.prototype.postLogoutRedirectUriAllowed;
  provider.Client.prototype.postLogoutRedirectUriAllowed = function (uri: string): boolean {
    if (exact.call(this, uri)) return true;
    const registered = loopbackWithoutPort(uri);
    return (
      this.applicationType === 'native' &&
      registered !== undefined &&
      this.postLogoutRedirectUris?.includes(registered) === true
    );
  };
}
