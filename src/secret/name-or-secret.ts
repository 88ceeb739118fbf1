/**
 * Names and values: where the user types a name (a variable, a provider id, a finding id, a
 * command, an option, a header name, a host), a pasted key must never be echoed back, nor sent to
 * DNS as a host name. A word is echoed only when it is plainly a name; anything else is described
 * (its length) instead. `maskSecretLike` (scrub.ts) lets a dashed lower-case word through as a
 * name, a lower-case UUID included: the rules here are stricter.
 */
import { looksLikeName, maskSecretLike } from './scrub.js';

/** Public prefixes of credentials (the provider catalog's and scanners'), followed by the secret. */
const KEY_PREFIX =
  /^(?:sk-(?:proj|svcacct|service|admin|ant-[a-z]+\d+|or-v\d+)?-?|sk[._]|sk_(?:live|test)_|pk_(?:live|test)_|rk_(?:live|test)_|pk\.|gh[pousr]_|github_pat_|gl(?:pat|cbt|dt|ft|oas|ptt|rt)-|xox[abeoprs][.-]|xapp-|hf_|api_org_|npm_|pypi-|dop_v1_|doo_v1_|dor_v1_|shp(?:at|ca|pa|ss)_|sntry[su]_|lin_api_|lsv2_(?:pt|sk)_|pcsk_|gsk_|xai-|pplx-|r8_|re_|fw_|fpk_|nfp_|ntn_|secret_|sbp_|sb_(?:secret|publishable)_|dckr_(?:pat|oat)_|cf[aku]t?_|tgp_v1_|SG\.|AKIA|ASIA|ABIA|ACCA|AIza|ATATT|ATBB|ATCTT|NR(?:AK|II|JS)-|HRKU-|ya29\.|eyJ|key-|pubkey-)/;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HEX_RUN = /[0-9a-f]{16,}/gi;
const JWT = /^eyJ[\w-]{4,}\.[\w-]*\.?/;

/** Shannon entropy of `s`, in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Letter/digit alternations: `abc123def` has 2, a hex or base62 key many. */
function alternations(s: string): number {
  let n = 0;
  for (let i = 1; i < s.length; i++) {
    const a = /\d/.test(s[i - 1] as string);
    const b = /\d/.test(s[i] as string);
    if (a !== b) n++;
  }
  return n;
}

/**
 * Upper and lower case switching back and forth as in random text (`xKqPmZrTbWu`): about every
 * other letter in a random string, far less in camelCase words (`GetUserByIdentifier`: 0.37).
 */
function randomCase(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  if (letters.length < 12 || !/[a-z]/.test(letters) || !/[A-Z]/.test(letters)) return false;
  let switches = 0;
  const up = (c: string) => c === c.toUpperCase();
  for (let i = 1; i < letters.length; i++)
    if (up(letters[i - 1] as string) !== up(letters[i] as string)) switches++;
  return switches / letters.length > 0.42;
}

/**
 * A part of a word (between `.`, `_`, `-`, `:`, `/`, `+`, `=`) that reads as random: letters and
 * digits mixed back and forth, a long run of digits, random upper and lower case, or simply long
 * with digits. Names are made of words: `api03`, `v2024`, `sha256`, `Sha256`, `RapidAPI`.
 */
function randomPart(part: string): boolean {
  if (part.length < 8) return false;
  if (/^\d{10,}$/.test(part)) return true;
  if (/\d/.test(part) && /[a-z]/i.test(part) && alternations(part) >= 3) return true;
  if (part.length >= 12 && randomCase(part)) return true;
  if (part.length >= 20 && /\d/.test(part)) return true;
  // 16+ letters of mixed case that are not camelCase words of 3+ letters (`AccessTokenSecret`)
  if (part.length >= 16 && /[a-z]/.test(part) && /[A-Z]/.test(part)) return !camelWords(part);
  return part.length >= 28;
}

/** A word of camelCase: an acronym (2+ capitals), a lower-case word or a Capitalised one of 3+. */
const CAMEL_WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;

/**
 * `AccessTokenSecret`, `HTTPServer2`: words of 3+ letters (acronyms of 2+), then at most 4 digits.
 * Split word by word in one pass: a single pattern with a repeated group of overlapping words
 * (`(?:[a-z]{3,}|…)+`) backtracks exponentially on a long run of letters that fails at its end.
 */
export function camelWords(part: string): boolean {
  const m = /^([A-Za-z]+)\d{0,4}$/.exec(part);
  if (!m?.[1]) return false;
  for (const [word] of m[1].matchAll(CAMEL_WORD))
    if (/^[A-Z]+$/.test(word) ? word.length < 2 : word.length < 3) return false;
  return true;
}

/**
 * Does `word` look like a credential value? Strong signs only, so that ordinary text (paths,
 * URLs, ids, option names) is left alone: a known key prefix, a UUID, a JWT, 16+ hex digits with
 * letters and digits, a long high-entropy run, or a long random part.
 */
export function looksLikeSecretValue(word: string): boolean {
  const w = word.trim().replace(/^-+/, '');
  if (w.length < 9) return false;
  if (KEY_PREFIX.test(w) && w.length >= 16 && /\d|[A-Z].*[a-z]|[a-z].*[A-Z]/.test(w)) return true;
  if (UUID.test(w) || JWT.test(w)) return true;
  for (const run of w.match(HEX_RUN) ?? []) if (/\d/.test(run) && /[a-f]/i.test(run)) return true;
  const parts = w.split(/[._\-:/+=~@]+/);
  if (parts.some((p) => p.length >= 12 && randomPart(p))) return true;
  // a path or URL of names (`/usr/local/bin`, `https://api.example.com/v1`) is not a key
  if (/[/:]/.test(w) && looksLikeName(w)) return false;
  // one long run without separators, digits or random case in it, and many distinct characters
  const long = (p: string) =>
    p.length >= 16 && (/\d/.test(p) || randomCase(p)) && entropy(p) >= 3.8;
  if (parts.some(long)) return true;
  // base64url and the like: separators inside, random case or many distinct characters overall
  const joined = parts.join('');
  if (joined.length >= 16 && randomCase(joined) && /\d/.test(joined)) return true;
  if (joined.length >= 24 && /[a-z]/.test(joined) && /[A-Z]/.test(joined) && entropy(w) >= 4.3)
    return true;
  // base64url whose letters happen to switch case rarely (`qjNYnoTjph-przh8_8ptp_Q3Apr37ny1`):
  // 24+ characters with digits, both cases and 16+ distinct characters; names are not that varied
  if (joined.length >= 24 && /\d/.test(joined) && /[a-z]/.test(joined) && /[A-Z]/.test(joined))
    if (new Set(joined).size >= 16) return true;
  // base64: all of its alphabet, padded or with + and /, upper and lower case and digits
  return (
    w.length >= 16 &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(w) &&
    /[+/=]/.test(w) &&
    /\d/.test(w) &&
    /[a-z]/.test(w) &&
    /[A-Z]/.test(w)
  );
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Is `word` plainly a name, safe to echo back: an identifier of letters, digits, `_ . -` (at most
 * 64 characters) in which no part reads as random. `OPENAI_KEY`, `openai`, `key.newline`, `opnai`,
 * `401`, `X-RapidAPI-Key` are; a UUID, a hex or base64 key, `sk-proj-…`, `ghp_…` are not.
 */
export function isPlainName(word: string): boolean {
  if (word.length === 0 || word.length > 64 || !NAME.test(word)) return false;
  if (looksLikeSecretValue(word)) return false;
  return !word.split(/[._-]+/).some(randomPart);
}

/**
 * `word` quoted when it is plainly a name, else a description that does not show it:
 * `"opnai"`, or `a value of 36 characters (not shown: it looks like a key)`.
 */
export function shownName(word: string): string {
  if (isPlainName(word)) return `"${word}"`;
  return `a value of ${word.length} character${word.length === 1 ? '' : 's'} (not shown: it may be a key)`;
}

/**
 * For messages that quote what the user typed: every word that may be a secret is cut to its first
 * 4 characters (`a1b2…`), after `maskSecretLike`'s rules (URL passwords, long non-names).
 */
export function maskPasted(text: string): string {
  return maskSecretLike(text).replace(/[^\s"'`(),;<>[\]{}]{9,}/g, (word) => {
    if (!looksLikeSecretValue(word)) return word;
    const lead = /^-*/.exec(word)?.[0] ?? '';
    return `${word.slice(0, lead.length + 4)}…`;
  });
}

/**
 * A URL the user typed, for a message that says it is not valid: the scheme, then (when the
 * value holds an `@`) everything up to its last `@` hidden (a password holding `/`, `#`, `?` or a
 * space is what usually breaks a URL), the host and path shown only when they are plainly names.
 */
export function shownUrl(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  const tail = at >= 0 ? rest.slice(at + 1) : rest;
  const cut = tail.length > 60 ? `${tail.slice(0, 60)}…` : tail;
  const plain = /^[\w.-]*(:\d*)?([/?#][\w.~%/=&-]*)?…?$/.test(cut) && !looksLikeSecretValue(tail);
  const host = plain ? cut : `… (${tail.length} characters)`;
  return `${scheme}${at >= 0 ? '…@' : ''}${host}`;
}
