import { decodeJwt, looksLikeJwt } from '../parse/jwt.js';
import { isHidden } from '../secret/chars.js';
import type { Secret } from '../secret/secret.js';
import { matchKeyShapes } from '../providers/detect.js';
import type { Provider } from '../providers/types.js';
import type { KeyEvidence } from '../checks/key/evidence.js';

const HEADER_PREFIX = /^(authorization|proxy-authorization|x-api-key|api-key)\s*[:=]\s*/i;
/** A scheme before one token (`Bearer undefined`), not a phrase (`key goes here`). */
const SCHEME_PREFIX = /^(bearer|token|bot|apikey|api-key|key|jwt)\s+(?=\S*\s*$)/i;
const EDGE_QUOTES = /^["'`“”‘’«»]+|["'`“”‘’«»]+$/g;

/**
 * What the user meant to send: hidden characters dropped, header name, scheme and edge quotes
 * removed. Provider detection and shape checks look at this, the hygiene checks at the raw value.
 */
export function meantValue(raw: string): string {
  // Whitespace separates a scheme from the key (`Bearer undefined`): keep it until the header
  // name and scheme are gone, then drop every hidden character.
  const dropHidden = (text: string, keepSpace: boolean) =>
    [...text]
      .filter((ch) => !isHidden(ch.codePointAt(0) ?? 0) || (keepSpace && /\s/.test(ch)))
      .join('');
  let v = dropHidden(raw, true).trimStart().replace(EDGE_QUOTES, '').trimStart();
  for (let i = 0; i < 2; i++) {
    v = v
      .replace(HEADER_PREFIX, '')
      .replace(SCHEME_PREFIX, '')
      .replace(EDGE_QUOTES, '')
      .trimStart();
  }
  return dropHidden(v, false).replace(EDGE_QUOTES, '');
}

export interface KeyContext {
  readonly expected?: { readonly provider: Provider; readonly by: 'flag' | 'host' } | null;
  /** The server's clock (ms) when known. */
  readonly serverNow?: number;
  readonly path?: string;
  readonly scheme?: string;
}

export function buildKeyEvidence(secret: Secret, context: KeyContext = {}): KeyEvidence {
  const core = meantValue(secret.reveal());
  return {
    secret,
    core,
    matches: matchKeyShapes(core),
    expected: context.expected ?? null,
    jwt: looksLikeJwt(core) ? decodeJwt(core) : null,
    now: context.serverNow ?? Date.now(),
    clock: context.serverNow === undefined ? 'local' : 'server',
    ...(context.path !== undefined ? { path: context.path } : {}),
    ...(context.scheme !== undefined ? { scheme: context.scheme } : {}),
  };
}
