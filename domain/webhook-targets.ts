// Where a webhook may go. A contact's URL that named the loopback, a private
// network or the cloud's metadata service (169.254.169.254) would let whoever
// edits the address book make the worker call into our own network (SSRF). So a
// target is http(s) to a public unicast address, unless the operator names the
// private address or range in OCOP_WEBHOOK_ALLOW_PRIVATE (a local receiver in
// development and tests, say). The address a host name resolves to is checked
// where it is resolved: activities/channels/webhook-target.ts.
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

export const ALLOW_PRIVATE_VARIABLE = 'OCOP_WEBHOOK_ALLOW_PRIVATE';

const isRange = (entry: string) => ipaddr.isValid(entry) || ipaddr.isValidCIDR(entry);

/** `127.0.0.1,10.0.0.0/8,::1`: the private addresses and ranges a webhook may go to; empty, none. */
export const AllowedPrivateTargets = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.every(isRange), {
    message: 'must be IP addresses or CIDR ranges separated by commas, e.g. 127.0.0.1,10.0.0.0/8',
  });
export type AllowedPrivateTargets = readonly string[];

const RANGE_NAMES: Readonly<Record<string, string>> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  linkLocal: 'a link-local address (the cloud metadata service is one)',
  uniqueLocal: 'a unique local (private) IPv6 address',
  unspecified: 'the unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
};

function allows(allowed: AllowedPrivateTargets, ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return allowed.some((entry) => {
    const [range, bits] = ipaddr.isValidCIDR(entry)
      ? ipaddr.parseCIDR(entry)
      : ([ipaddr.process(entry), ipaddr.process(entry).kind() === 'ipv4' ? 32 : 128] as const);
    const candidate = range.kind() === 'ipv6' && ip.kind() === 'ipv4' ? (ip as ipaddr.IPv4).toIPv4MappedAddress() : ip;
    return candidate.kind() === range.kind() && candidate.match(range, bits);
  });
}

/** Why a webhook may not go to `address` (an IP), or undefined when it may. */
export function addressRefusal(address: string, allowed: AllowedPrivateTargets): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is the IPv4 address it maps.
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast' || allows(allowed, ip)) return undefined;
  const what = RANGE_NAMES[range] ?? `a reserved address (${range})`;
  return `${address} is ${what}; webhooks go to public addresses unless ${ALLOW_PRIVATE_VARIABLE} names it`;
}

/** The host of a URL as an IP, for a literal one (`[::1]` unbracketed), or undefined for a name. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? bare : undefined;
}

/**
 * What can be said of a webhook URL without resolving it: its scheme, a literal address, and `localhost`,
 * which names the loopback whatever the resolver says.
 */
export function urlRefusal(url: URL, allowed: AllowedPrivateTargets): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return addressRefusal('127.0.0.1', allowed);
  const literal = literalAddress(host);
  return literal === undefined ? undefined : addressRefusal(literal, allowed);
}
