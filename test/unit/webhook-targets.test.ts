import { addressRefusal, AllowedPrivateTargets, urlRefusal } from '../../domain/webhook-targets';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['10.1.2.3', 'a private network address'],
    ['172.16.0.1', 'a private network address'],
    ['172.31.255.254', 'a private network address'],
    ['192.168.1.1', 'a private network address'],
    ['169.254.169.254', 'a link-local address (the cloud metadata service is one)'],
    ['fe80::1', 'a link-local address (the cloud metadata service is one)'],
    ['fc00::1', 'a unique local (private) IPv6 address'],
    ['fd12:3456::1', 'a unique local (private) IPv6 address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the unspecified address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
  ])('refuses %s as %s', (address, what) => {
    expect(addressRefusal(address, [])).toBe(
      `${address} is ${what}; webhooks go to public addresses unless OCOP_WEBHOOK_ALLOW_PRIVATE names it`,
    );
  });

  it.each(['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '203.113.131.1'])('lets %s through', (address) => {
    expect(addressRefusal(address, [])).toBeUndefined();
  });

  it('lets through what the allow list names, address or range, and nothing else', () => {
    const allowed = AllowedPrivateTargets.parse('127.0.0.1, 10.20.0.0/16,::1');
    expect(addressRefusal('127.0.0.1', allowed)).toBeUndefined();
    expect(addressRefusal('::ffff:127.0.0.1', allowed)).toBeUndefined();
    expect(addressRefusal('10.20.3.4', allowed)).toBeUndefined();
    expect(addressRefusal('::1', allowed)).toBeUndefined();
    expect(addressRefusal('127.0.0.2', allowed)).toMatch(/is a loopback address/);
    expect(addressRefusal('10.21.0.1', allowed)).toMatch(/is a private network address/);
  });

  it('refuses an allow list entry that is no address or range', () => {
    expect(AllowedPrivateTargets.safeParse('127.0.0.1,localhost').error?.issues[0]?.message).toBe(
      'must be IP addresses or CIDR ranges separated by commas, e.g. 127.0.0.1,10.0.0.0/8',
    );
  });
});

describe('urlRefusal', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', /^127\.0\.0\.1 is a loopback address/],
    ['http://[::1]/hook', /^::1 is a loopback address/],
    ['https://localhost/hook', /^127\.0\.0\.1 is a loopback address/],
    ['http://169.254.169.254/latest/meta-data', /^169\.254\.169\.254 is a link-local address/],
    ['ftp://ocop.caobang.gov.vn/hook', /^must be an http:\/\/ or https:\/\/ URL$/],
  ])('refuses %s', (url, message) => {
    expect(urlRefusal(new URL(url), [])).toMatch(message);
  });

  it('leaves a host name to be resolved', () => {
    expect(urlRefusal(new URL('https://ocop.caobang.gov.vn/hooks'), [])).toBeUndefined();
  });
});
