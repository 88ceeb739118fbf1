import { decodeJwt, looksLikeJwt } from '../parse/jwt.js';
import { isHidden } from '../secret/chars.js';
import type { Secret } from '../secret/secret.js';
import { matchKeyShapes, publicPrefixOf, shapeFamily } from '../providers/detect.js';
import { basicToken, decodeBasicPair } from '../parse/basic.js';
import type { Provider } from '../providers/types.js';
import type { BasicHalf, BasicPair, KeyEvidence } from './key.js';

const HEADER_PREFIX = /^(authorization|proxy-authorization|x-api-key|api-key)\s*[:=]\s*/i;
/** A scheme word and the space after it; removed only before one token (not `key goes here`). */
const SCHEME_PREFIX = /^(bearer|token|bot|apikey|api-key|key|jwt)\s+/i;
const EDGE_QUOTES = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»']);

/**
 * Quotes removed from both ends. A loop, not `/^["…]+|["…]+$/g`: that regex retries the trailing
 * run from every position and takes minutes on a long value full of quotes.
 */
function trimEdgeQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_QUOTES.has(text[start] ?? '')) start++;
  while (end > start && EDGE_QUOTES.has(text[end - 1] ?? '')) end--;
  return text.slice(start, end);
}

/** `Bearer undefined` → `undefined`; a phrase (`key goes here`) is left as it is. */
function dropScheme(text: string): string {
  const m = SCHEME_PREFIX.exec(text);
  if (!m) return text;
  const rest = text.slice(m[0].length);
  return /\s/.test(rest.trimEnd()) ? text : rest;
}

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
  let v = trimEdgeQuotes(dropHidden(raw, true).trimStart()).trimStart();
  for (let i = 0; i < 2; i++) {
    v = trimEdgeQuotes(dropScheme(v.replace(HEADER_PREFIX, ''))).trimStart();
  }
  return trimEdgeQuotes(dropHidden(v, false));
}

/** A Secret that redacts with its provider's public prefix. */
export function withPrefix(secret: Secret): Secret {
  const prefix = publicPrefixOf(secret.reveal().trim());
  return prefix ? secret.withPublicPrefix(prefix) : secret;
}

export interface KeyContext {
  readonly expected?: { readonly provider: Provider; readonly by: 'flag' | 'host' } | null;
  /** The server's clock (ms) when known. */
  readonly serverNow?: number;
  readonly path?: string;
  readonly scheme?: string;
}

export function buildKeyEvidence(secret: Secret, context: KeyContext = {}): KeyEvidence {
  const basic = basicPairOf(secret, context);
  const keyHalf = basic?.halves.find((h) => h.half === basic.key)?.evidence;
  const core = keyHalf ? keyHalf.core : meantValue(secret.reveal());
  return {
    ...evidenceOfCore(secret, core, context),
    ...(context.path !== undefined ? { path: context.path } : {}),
    ...(context.scheme !== undefined ? { scheme: context.scheme } : {}),
    ...(basic ? { basic } : {}),
  };
}

/** What the key checks read of one value: its shape matches, JWT, clock and key family. */
function evidenceOfCore(secret: Secret, core: string, context: KeyContext): KeyEvidence {
  return {
    secret,
    core,
    matches: matchKeyShapes(core),
    expected: context.expected ?? null,
    jwt: looksLikeJwt(core) ? decodeJwt(core) : null,
    now: context.serverNow ?? Date.now(),
    clock: context.serverNow === undefined ? 'local' : 'server',
    ...familyOf(core),
  };
}

function familyOf(core: string): { family?: NonNullable<KeyEvidence['family']> } {
  const family = shapeFamily(core);
  return family ? { family } : {};
}

/**
 * Which half of a Basic pair is the key: the one that fits a provider's specific key shape (not
 * an identifier's), else the password, unless it is empty (`curl -u "$KEY:"`).
 */
export function keyHalfOf(user: string, password: string): BasicHalf {
  const u = meantValue(user);
  const p = meantValue(password);
  if (p === '') return 'user';
  if (u === '') return 'password';
  // an identifier (Twilio's Account SID as the user) names the account, not the key
  const specific = (v: string) =>
    matchKeyShapes(v).some((m) => !m.shape.generic && !m.shape.kinds.includes('identifier'));
  return specific(u) && !specific(p) ? 'user' : 'password';
}

/** The two halves of a Basic credential as evidence of their own; undefined when not one. */
function basicPairOf(secret: Secret, context: KeyContext): BasicPair | undefined {
  const token = basicToken(secret.reveal(), context.scheme);
  if (token === undefined) return undefined;
  const pair = decodeBasicPair(token);
  if (!pair) return undefined;
  // A line break ending the whole pair is key.basic-malformed's (`echo` without -n), said once.
  const password = pair.password.replace(/[\r\n]+$/, '');
  const half = (name: BasicHalf, value: string) => ({
    half: name,
    evidence: evidenceOfCore(secret.derive(value, `Basic ${name}`), meantValue(value), context),
  });
  return {
    key: keyHalfOf(pair.user, password),
    halves: [half('user', pair.user), half('password', password)],
  };
}

/**
 * The key inside a Basic header as found in a request (`-u ":$KEY"`, `api:KEY`): what probes
 * send elsewhere instead of the base64, and the user to rebuild the pair with (undefined: the
 * key is the user). Undefined when the value is not a Basic pair.
 */
export function basicMeant(token: string): { meant: string; basicUser?: string } | undefined {
  const pair = decodeBasicPair(token);
  if (!pair) return undefined;
  const password = pair.password.replace(/[\r\n]+$/, '');
  const key = keyHalfOf(pair.user, password);
  if (key === 'user') return { meant: meantValue(pair.user) };
  return { meant: meantValue(password), basicUser: meantValue(pair.user) };
}
