import type { RequestEvidence } from '../../evidence/request.js';
import { decodeJwt, type DecodedJwt } from '../../parse/jwt.js';

/** A refusal (401/403) of a request whose credential is a signed JWT: the token checks' ground. */
export function refusedJwt(e: RequestEvidence): DecodedJwt | undefined {
  const f = e.final.facts;
  if (!e.credential || !f || e.final.accepted || (f.status !== 401 && f.status !== 403))
    return undefined;
  const jwt = decodeJwt(e.credential.meant);
  return jwt.ok && !jwt.encrypted ? jwt : undefined;
}

export const claimString = (jwt: DecodedJwt, name: string): string | undefined => {
  const v = jwt.claims[name];
  return typeof v === 'string' ? v : undefined;
};

/** `aud` as a list (a string or an array of strings). */
export function audiences(jwt: DecodedJwt): string[] {
  const aud = jwt.claims['aud'];
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

export const headerString = (jwt: DecodedJwt, name: string): string | undefined => {
  const v = jwt.header[name];
  return typeof v === 'string' ? v : undefined;
};

/** A short quote of what the server said, for evidence. */
export const quote = (text: string, at: number): string => {
  const start = Math.max(0, at - 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, at + 140).trim()}${at + 140 < text.length ? '…' : ''}`;
};
