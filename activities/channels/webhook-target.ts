// A webhook host name resolved and checked (domain/webhook-targets.ts). The
// connection is made to the address checked, through the lookup below, so a
// name that resolves to a public address when checked and to 127.0.0.1 a moment
// later (DNS rebinding) cannot reach inside.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { addressRefusal, type AllowedPrivateTargets, literalAddress, urlRefusal } from '../../domain/webhook-targets';

export class WebhookTargetRefused extends Error {
  override name = 'WebhookTargetRefused';
}

function refusalOf(hostname: string, addresses: readonly LookupAddress[], allowed: AllowedPrivateTargets) {
  const refusal = addresses.map((a) => addressRefusal(a.address, allowed)).find((r) => r !== undefined);
  return refusal === undefined ? undefined : `${hostname} resolves to ${refusal}`;
}

/** A lookup for http.request that answers only addresses a webhook may go to, and fails otherwise. */
export function checkedLookup(allowed: AllowedPrivateTargets): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = refusalOf(hostname, addresses, allowed);
      if (refusal) return callback(new WebhookTargetRefused(refusal), '', 0);
      const [first] = addresses;
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * Why a contact's webhook URL is refused as it is saved, or undefined. A name that does not resolve now
 * is accepted: it is resolved and checked again at every delivery.
 */
export async function webhookUrlRefusal(raw: string, allowed: AllowedPrivateTargets): Promise<string | undefined> {
  const url = new URL(raw);
  const refusal = urlRefusal(url, allowed);
  if (refusal || literalAddress(url.hostname) !== undefined) return refusal;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(url.hostname, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  return refusalOf(url.hostname, addresses, allowed);
}
