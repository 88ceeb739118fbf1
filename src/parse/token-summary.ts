/**
 * What a bearer token says about itself, for display: a JWT's header (`alg`, `kid`, `typ`) and the
 * claims that explain OAuth refusals (`iss`, `aud`, `azp`/`appid`, `scope`/`scp`/`roles`, `ver`,
 * `tid`, `exp`; `nonce` and `at_hash` only as present). Claims are not secrets (the token is):
 * every value is a copy of a decoded claim, never a run of the token's characters. Pure, never
 * throws; strings and lists are capped.
 */
import { decodeJwt } from './jwt.js';

export interface TokenSummary {
  /** `jwt`: a signed JWT (JWS, 3 parts); `jwe`: an encrypted one (5 parts, claims unreadable). */
  readonly form: 'jwt' | 'jwe';
  readonly header: Readonly<Record<string, string>>;
  readonly claims: Readonly<Record<string, string | number | readonly string[]>>;
}

const HEADER_FIELDS = ['alg', 'kid', 'typ', 'enc', 'cty'] as const;
const CLAIM_FIELDS = ['iss', 'aud', 'azp', 'appid', 'scope', 'scp', 'roles', 'ver', 'tid', 'exp'];
const PRESENCE_ONLY = ['nonce', 'at_hash'];
const MAX_TEXT = 200;
const MAX_LIST = 20;

const text = (v: string): string => (v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v);

/** The summary of a JWT or JWE; undefined for anything else (an opaque token, an API key). */
export function summarizeToken(value: string): TokenSummary | undefined {
  const decoded = decodeJwt(value);
  if (!decoded.ok) return undefined;
  const header: Record<string, string> = {};
  for (const name of HEADER_FIELDS) {
    const v = decoded.header[name];
    if (typeof v === 'string') header[name] = text(v);
  }
  const claims: Record<string, string | number | readonly string[]> = {};
  for (const name of CLAIM_FIELDS) {
    const v = decoded.claims[name];
    if (typeof v === 'string') claims[name] = text(v);
    else if (typeof v === 'number' && Number.isFinite(v)) claims[name] = v;
    else if (Array.isArray(v))
      claims[name] = v
        .filter((x): x is string => typeof x === 'string')
        .slice(0, MAX_LIST)
        .map(text);
  }
  for (const name of PRESENCE_ONLY)
    if (decoded.claims[name] !== undefined) claims[name] = 'present';
  return { form: decoded.encrypted ? 'jwe' : 'jwt', header, claims };
}

/** One line per part, for human output: `JWT RS256 · kid … · typ at+jwt` and the claims. */
export function tokenLines(t: TokenSummary): { token: string; claims: string } {
  const h = t.header;
  const head = [
    t.form === 'jwe'
      ? `JWE (encrypted${h['enc'] ? `, ${h['enc']}` : ''})`
      : `JWT ${h['alg'] ?? '(no alg)'}`,
    ...(h['kid'] ? [`kid ${h['kid']}`] : []),
    ...(h['typ'] ? [`typ ${h['typ']}`] : []),
  ].join(' · ');
  const claims = Object.entries(t.claims)
    .map(([k, v]) =>
      k === 'exp' && typeof v === 'number'
        ? `exp ${new Date(v * 1000).toISOString()}`
        : `${k} ${Array.isArray(v) ? v.join(' ') : String(v)}`,
    )
    .join(' · ');
  return {
    token: head,
    claims:
      t.form === 'jwe' ? 'encrypted: not readable without the key' : claims || '(none of interest)',
  };
}
