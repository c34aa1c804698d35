// Access tokens an attacker could make from a real one: the same claims with no
// signature, with a signature bent, or signed by a key of its own. The API must
// refuse each as firmly as it accepts the original.
import {
  base64url,
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from 'jose';

/** A private ES256 signing key as a provider's JWKS holds it, with its thumbprint as kid. */
export async function signingKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

const encode = (part: object) => base64url.encode(JSON.stringify(part));

/** The token's claims under `alg: none` and an empty signature. */
export function unsigned(token: string): string {
  return `${encode({ alg: 'none', typ: 'at+jwt' })}.${encode(decodeJwt(token))}.`;
}

/** The token with one character of its signature changed. */
export function withBentSignature(token: string): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const middle = Math.floor(signature.length / 2);
  const bent = signature.slice(0, middle) + (signature[middle] === 'A' ? 'B' : 'A') + signature.slice(middle + 1);
  return `${header}.${payload}.${bent}`;
}

/** The token's claims signed by a fresh key the provider never published, named by that key's own kid. */
export async function signedByUnknownKey(token: string): Promise<string> {
  const rogue = await signingKey();
  const { typ } = decodeProtectedHeader(token);
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader({ alg: 'ES256', typ, kid: rogue.kid })
    .sign(await importJWK(rogue, 'ES256'));
}
