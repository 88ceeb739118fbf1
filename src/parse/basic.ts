/** Decoding of a Basic credential (`base64(user:secret)`). Never throws; reveals only lengths. */

export type BasicDecoding =
  | {
      readonly ok: true;
      readonly userLength: number;
      readonly secretLength: number;
      readonly trailingNewline: boolean;
    }
  | { readonly ok: false; readonly problem: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function decodeBasic(token: string): BasicDecoding {
  const t = token.trim();
  if (!BASE64.test(t) || t.length % 4 !== 0) {
    return t.includes(':')
      ? { ok: false, problem: 'the user:secret pair was sent without base64 encoding' }
      : { ok: false, problem: 'not valid base64' };
  }
  const decoded = Buffer.from(t, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { ok: false, problem: 'decodes to text without the user:secret colon' };
  const secret = decoded.slice(colon + 1);
  return {
    ok: true,
    userLength: colon,
    secretLength: secret.length,
    trailingNewline: /[\r\n]$/.test(decoded),
  };
}

/**
 * Both halves of a Basic credential, exactly as encoded (whitespace, quotes and line breaks
 * kept), or undefined when the token is not base64 of `user:secret`. The caller holds secrets.
 */
export function decodeBasicPair(token: string): { user: string; password: string } | undefined {
  const t = token.trim();
  if (!BASE64.test(t) || t.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(t, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of a Basic credential: after `Basic ` in the value, or the value under scheme Basic. */
export function basicToken(raw: string, scheme: string | undefined): string | undefined {
  const t = raw.trim();
  const inline = /^basic\s+(.*)$/is.exec(t);
  if (inline) return inline[1];
  return scheme?.toLowerCase() === 'basic' ? t : undefined;
}
