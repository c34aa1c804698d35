// Checks the API's bearer tokens: JWT access tokens signed by the OpenID
// provider's published keys, for this API's audience, not expired. Works with any
// standard provider, the dev one included; nothing here trusts the token's own
// choice of algorithm or key location.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface VerifiedPrincipal {
  issuer: string;
  subject: string;
  name: string | null;
  clientId: string | null;
  kind: 'person' | 'service';
  scopes: string[];
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Default: the provider's discovery document's jwks_uri. */
  jwksUri?: string;
  /** Default ['ES256', 'RS256', 'PS256', 'EdDSA']; never 'none' nor a shared-secret (HS*) one. */
  algorithms?: string[];
  /** Default 30, at most 300. */
  clockToleranceSeconds?: number;
}

/** A token refused; `reason` is short and safe to show the caller. */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(`access token rejected: ${reason}`);
    this.name = 'TokenRejected';
  }
}

export const DEFAULT_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];
const MAX_CLOCK_TOLERANCE_SECONDS = 300;
/** Longer than any real JWT access token; a bigger one is refused before parsing. */
const MAX_TOKEN_LENGTH = 16_384;
const MAX_SUBJECT_LENGTH = 255;
const MAX_NAME_LENGTH = 255;
const DISCOVERY_TIMEOUT_MS = 5_000;

function checkAlgorithms(algorithms: string[]): string[] {
  if (algorithms.length === 0) throw new Error('algorithms must list at least one signing algorithm');
  for (const alg of algorithms) {
    if (alg === 'none' || /^HS/i.test(alg)) {
      throw new Error(`algorithms must not include ${alg}: tokens are verified with the issuer's public keys only`);
    }
  }
  return algorithms;
}

function checkClockTolerance(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new Error(`clockToleranceSeconds must be from 0 to ${MAX_CLOCK_TOLERANCE_SECONDS}, got ${seconds}`);
  }
  return seconds;
}

async function discoverJwksUri(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`discovery at ${url} answered ${response.status}`);
  const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (metadata.issuer !== issuer) throw new Error(`discovery at ${url} names another issuer`);
  if (typeof metadata.jwks_uri !== 'string') throw new Error(`discovery at ${url} has no jwks_uri`);
  return new URL(metadata.jwks_uri);
}

/** Why jose refused a token, in words a caller may see. */
export function rejectionReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return 'wrong audience';
      case 'iss':
        return 'wrong issuer';
      case 'nbf':
      case 'iat':
        return 'not yet valid';
      default:
        return 'malformed';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'unknown key';
  }
  if (error instanceof errors.JOSENotSupported) return 'algorithm not allowed';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'keys unavailable';
  if (error instanceof errors.JOSEError) return 'malformed';
  return 'keys unavailable';
}

function principalOf(issuer: string, payload: JWTPayload): VerifiedPrincipal {
  const { sub, name, client_id: clientId, scope } = payload as JWTPayload & Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) {
    throw new TokenRejected('malformed');
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_NAME_LENGTH)) {
    throw new TokenRejected('malformed');
  }
  const client = typeof clientId === 'string' ? clientId : null;
  const displayName = typeof name === 'string' && name.length > 0 ? name : null;
  return {
    issuer,
    subject: sub,
    name: displayName,
    clientId: client,
    // A client-credentials token is the client itself: its subject is its client id, with no person's name.
    kind: displayName === null && client !== null && sub === client ? 'service' : 'person',
    scopes: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
  };
}

export function createTokenVerifier(options: TokenVerifierOptions): (token: string) => Promise<VerifiedPrincipal> {
  const { issuer, audience } = options;
  const algorithms = checkAlgorithms(options.algorithms ?? DEFAULT_ALGORITHMS);
  const clockTolerance = checkClockTolerance(options.clockToleranceSeconds ?? 30);

  // One key set per verifier: jose caches the keys and refetches them, at most every
  // 30 s, when a token names a key it has not seen, so the provider's rotations are followed.
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keys = () => {
    keySet ??= (options.jwksUri ? Promise.resolve(new URL(options.jwksUri)) : discoverJwksUri(issuer)).then((uri) =>
      createRemoteJWKSet(uri),
    );
    // A failed discovery is tried again on the next token rather than remembered.
    keySet.catch(() => (keySet = undefined));
    return keySet;
  };

  return async (token) => {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new TokenRejected('malformed');
    }
    let payload: JWTPayload;
    try {
      const jwks = await keys();
      ({ payload } = await jwtVerify(token, jwks, {
        issuer,
        audience,
        algorithms,
        clockTolerance,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      throw new TokenRejected(rejectionReason(error));
    }
    return principalOf(issuer, payload);
  };
}
