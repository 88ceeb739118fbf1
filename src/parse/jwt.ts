/** Offline JWT decoding: header and claims only, no signature check. Never throws. */

export interface DecodedJwt {
  readonly ok: true;
  readonly header: Readonly<Record<string, unknown>>;
  readonly claims: Readonly<Record<string, unknown>>;
  /** A JWE (RFC 7516, five segments): its claims are encrypted, so `claims` is empty. */
  readonly encrypted?: true;
  /** Seconds since the epoch, when the claim is a number. */
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
}

export interface BrokenJwt {
  readonly ok: false;
  /** Why it does not decode: segment count, base64url, JSON. */
  readonly problem: string;
}

const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*)?$/;

/** Compact JWE: header, encrypted key (empty for `dir`), IV, ciphertext, tag. */
const JWE_SHAPE = /^eyJ[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*){4}$/;

/** Does this look like it was meant to be a JWT (starts like one)? */
export function looksLikeJwt(value: string): boolean {
  return /^eyJ[A-Za-z0-9_-]{5,}/.test(value) && value.includes('.');
}

export function decodeJwt(value: string): DecodedJwt | BrokenJwt {
  if (value.length > 64 * 1024) return { ok: false, problem: 'longer than 64 KiB' };
  if (JWE_SHAPE.test(value)) {
    // A JWE's header is plain base64url JSON and names its content encryption (`enc`).
    const header = decodeSegment(value.slice(0, value.indexOf('.')));
    if (header && typeof header['enc'] === 'string')
      return { ok: true, header, claims: {}, encrypted: true };
  }
  if (!JWT_SHAPE.test(value)) {
    const parts = value.split('.').length;
    return parts === 3
      ? { ok: false, problem: 'a character outside base64url' }
      : { ok: false, problem: `${parts} dot-separated segment(s) where a JWT has 3` };
  }
  const [rawHeader, rawClaims, signature] = value.split('.');
  if (signature === undefined) return { ok: false, problem: 'the signature segment is missing' };
  const header = decodeSegment(rawHeader ?? '');
  if (!header) return { ok: false, problem: 'the header segment is not base64url JSON' };
  const claims = decodeSegment(rawClaims ?? '');
  if (!claims) return { ok: false, problem: 'the claims segment is not base64url JSON' };
  return {
    ok: true,
    header,
    claims,
    ...numericClaim(claims, 'exp'),
    ...numericClaim(claims, 'nbf'),
    ...numericClaim(claims, 'iat'),
  };
}

function numericClaim(claims: Record<string, unknown>, name: 'exp' | 'nbf' | 'iat') {
  const v = claims[name];
  return typeof v === 'number' && Number.isFinite(v) ? { [name]: v } : {};
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (segment.length % 4 === 1) return undefined; // impossible base64 length: cut short
  try {
    const json: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
