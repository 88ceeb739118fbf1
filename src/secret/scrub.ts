/**
 * The last line of defence: every output path runs text through `scrub`, which removes any run
 * of 9 or more consecutive characters of any credential seen in this process (servers echo keys
 * back; errors quote header values). Redaction by construction (Secret) is the first line.
 */

const MIN_RUN = 9;
let revealing = false;

/** --reveal: the user asked to see secrets unredacted, for this process. Never the default. */
export function setReveal(on: boolean): void {
  revealing = on;
}

export function isRevealing(): boolean {
  return revealing;
}

/*
 * What is looked for. A server can spell a key without 9 of its characters in a row: a zero-width
 * space, a soft hyphen or `ESC[0m` between them, NUL bytes (UTF-16LE), `\u0073` JSON escapes,
 * `&#115;` entities, `%73` percent-encoding, upper case, hex, base64 at any offset of a larger
 * blob. So runs are looked for in a normalised view of the text (see `viewsOf`): invisible
 * characters and escape sequences dropped, character escapes decoded, case and the base64url
 * alphabet folded; each character of the view keeps the span of the text it came from, and a run
 * found in the view cuts that span out. Encodings that are not one character for one (hex, base64
 * at the three byte offsets) are registered as more runs of each credential instead.
 */

/**
 * 9-character runs of every registered form, folded as the view is, and how many values hold
 * each: an open-addressing table of two 32-bit polynomial hashes per run (a false match is once in
 * ~10^13 positions at the largest table), so a text is scanned with a rolling hash and no string
 * made per position, in 12 bytes a slot (a Map of strings took ~70, and 5 times longer).
 */
const grams = {
  h1: new Int32Array(0),
  h2: new Int32Array(0),
  count: new Int32Array(0),
  /** Slots holding a run, counted or not (a run whose values were forgotten keeps its slot until the table is rebuilt). */
  used: 0,
  /** Runs with a count. */
  size: 0,
};
const B1 = 0x01000193;
const B2 = 0x5bd1e995;
/** B^9 mod 2^32: what the character leaving a 9-character window weighs. */
const B1_9 = pow32(B1, MIN_RUN);
const B2_9 = pow32(B2, MIN_RUN);

function pow32(b: number, e: number): number {
  let r = 1;
  for (let k = 0; k < e; k++) r = Math.imul(r, b);
  return r;
}

const slotOf = (h1: number, h2: number, mask: number): number => (h1 ^ (h2 >>> 11)) & mask;

function gramHas(h1: number, h2: number): boolean {
  if (grams.size === 0) return false;
  const mask = grams.h1.length - 1;
  for (let k = slotOf(h1, h2, mask); ; k = (k + 1) & mask) {
    const n = grams.count[k] as number;
    if (n < 0) return false; // empty
    if (grams.h1[k] === h1 && grams.h2[k] === h2) return n > 0;
  }
}

function gramAdd(h1: number, h2: number, delta: number): void {
  if ((grams.used + 1) * 4 > grams.h1.length * 3) rebuild();
  const mask = grams.h1.length - 1;
  let k = slotOf(h1, h2, mask);
  for (; (grams.count[k] as number) >= 0; k = (k + 1) & mask) {
    if (grams.h1[k] === h1 && grams.h2[k] === h2) {
      const before = grams.count[k] as number;
      const after = Math.max(0, before + delta);
      grams.count[k] = after;
      grams.size += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      return;
    }
  }
  if (delta <= 0) return;
  grams.h1[k] = h1;
  grams.h2[k] = h2;
  grams.count[k] = delta;
  grams.used++;
  grams.size++;
}

/** A table of at least twice the runs it holds (rebuilt at 3/4 full), forgotten runs dropped. */
function rebuild(): void {
  const { h1, h2, count } = grams;
  let capacity = 1024;
  while (capacity < (grams.size + 1) * 2) capacity *= 2;
  grams.h1 = new Int32Array(capacity);
  grams.h2 = new Int32Array(capacity);
  grams.count = new Int32Array(capacity).fill(-1);
  grams.used = 0;
  grams.size = 0;
  for (let k = 0; k < count.length; k++)
    if ((count[k] as number) > 0) gramAdd(h1[k] as number, h2[k] as number, count[k] as number);
}
/** Values of 6 to 8 characters, folded: cut out whole. */
const shortSecrets = new Map<string, number>();
/** Runs across the quotes of a quoted value (`"sk-proj-…`): matched in the text as it is. */
const edgeGrams = new Map<string, number>();

/**
 * How much a value matters when memory must be bounded. `value`: any value that may be a secret
 * (forgotten first); `secret`: a credential (a Secret); `pinned`: a credential in use (the one a
 * running capture diagnoses), forgotten only when thousands of others are pinned after it.
 */
export type SecretKind = 'value' | 'secret' | 'pinned';

interface Entry {
  rank: 0 | 1 | 2;
  /** Registered again since (a value an app sends call after call). */
  repeat: boolean;
  /** Runs it added (its share of memory). */
  cost: number;
}

const entries = new Map<string, Entry>();
/**
 * Who is forgotten first when memory is bounded: plain values seen once, then plain values seen
 * again, then Secrets seen once, then again; in each, the least recently seen (a Map keeps
 * insertion order and a value seen again moves to the end). Pinned values are their own queue.
 */
const queues: Map<string, Entry>[] = [new Map(), new Map(), new Map(), new Map(), new Map()];
const PINNED = 4;
/**
 * Runs kept for values that may be forgotten, and for pinned ones: a 40-character key adds about
 * 230, so ~1,000 of each; the table then has 2^20 slots (12 MB).
 */
const EVICTABLE_RUNS = 250_000;
const PINNED_RUNS = 250_000;
let evictableCost = 0;
let pinnedCost = 0;

/** What an unset variable turns into: not a secret, and scrubbing it would mangle our own words. */
export const NOT_SECRET =
  /^\s*((bearer|basic|token|bot)\s+)?(undefined|null|none|nil|nan|true|false|\[object object\]|bearer|basic|token)?\s*$/i;

/**
 * Remember a credential (and its common encodings) so no output can carry it. A parameter list
 * (Digest, AWS SigV4, OAuth 1) is not one secret: only its secret parameters are remembered, or
 * its `uri`, `realm` and `SignedHeaders` would be cut out of every line, finding ids included.
 *
 * Memory is bounded (a long-running capture or app sees values without end), by forgetting the
 * least useful first (see `queues`): a flood of token-like values cannot push out a credential
 * in use, nor a Secret, before every plain value has gone.
 */
export function registerSecretValue(value: string, kind: SecretKind = 'value'): void {
  const rank = kind === 'pinned' ? 2 : kind === 'secret' ? 1 : 0;
  const known = entries.get(value);
  if (known) {
    dequeue(value, known);
    known.repeat = true;
    if (rank > known.rank) known.rank = rank;
    enqueue(value, known);
    bound(value);
    return;
  }
  const params = secretParams(value);
  // A list with no secret parameter at all (`realm=,realm=`) is no Digest or SigV4 value: whole.
  if (params && params.length > 0) {
    for (const param of params) registerSecretValue(param, kind);
    return;
  }
  if (NOT_SECRET.test(value)) return;
  const entry: Entry = { rank, repeat: false, cost: addForms(value, 1) };
  entries.set(value, entry);
  enqueue(value, entry);
  bound(value);
}

/** A credential in use (the one of a call a capture diagnoses): never forgotten for others. */
export function pinSecretValue(value: string): void {
  registerSecretValue(value, 'pinned');
}

const queueOf = (e: Entry): number => (e.rank === 2 ? PINNED : e.rank * 2 + (e.repeat ? 1 : 0));

function enqueue(value: string, e: Entry): void {
  (queues[queueOf(e)] as Map<string, Entry>).set(value, e);
  if (e.rank === 2) pinnedCost += e.cost;
  else evictableCost += e.cost;
}

function dequeue(value: string, e: Entry): void {
  (queues[queueOf(e)] as Map<string, Entry>).delete(value);
  if (e.rank === 2) pinnedCost -= e.cost;
  else evictableCost -= e.cost;
}

/** Forget the least useful values until memory is within bounds; never `keep` (just seen). */
function bound(keep: string): void {
  while (evictableCost > EVICTABLE_RUNS) {
    const victim = leastUseful(0, PINNED - 1, keep);
    if (victim === undefined) break;
    forget(victim);
  }
  while (pinnedCost > PINNED_RUNS) {
    const victim = leastUseful(PINNED, PINNED, keep);
    if (victim === undefined) break;
    forget(victim);
  }
}

function leastUseful(first: number, last: number, keep: string): string | undefined {
  for (let q = first; q <= last; q++)
    for (const value of (queues[q] as Map<string, Entry>).keys()) if (value !== keep) return value;
  return undefined;
}

function forget(value: string): void {
  const e = entries.get(value);
  if (!e) return;
  dequeue(value, e);
  entries.delete(value);
  addForms(value, -1);
}

/** Parameters whose values are secrets; any other parameter of a list is a plain word. */
const SECRET_PARAMS = new Set([
  'signature',
  'response',
  'oauth_signature',
  'oauth_token',
  'token',
  'access_token',
  'api_key',
  'apikey',
  'key',
  'secret',
  'password',
  'sig',
]);
// A quoted value may have lost its closing quote: a cleaned copy of the key drops edge quotes.
const PARAM = /^([A-Za-z_][\w.-]*)\s*=\s*("(?:[^"\\]|\\.)*"?|[^\s",]*)$/;

/**
 * The secret values of an auth-param list (`name=value, name="value"`, RFC 7235), after an
 * optional scheme word; undefined when the value is not such a list (a token68, a plain key).
 */
export function secretParams(value: string): string[] | undefined {
  const list = value.trim().replace(/^[A-Za-z][\w.+-]*\s+(?=[A-Za-z_][\w.-]*\s*=)/, '');
  const pieces = list.split(/\s*,\s*/).filter((p) => p !== '');
  if (pieces.length < 2) return undefined;
  const out: string[] = [];
  for (const piece of pieces) {
    const m = PARAM.exec(piece);
    if (!m) return undefined;
    const name = (m[1] as string).toLowerCase();
    const raw = (m[2] as string).replace(/^"|"$/g, '');
    // SigV4's Credential is `AKIA…/date/region/service/aws4_request`: the key id is the secret
    if (name === 'credential') out.push(raw.split('/')[0] ?? raw);
    else if (SECRET_PARAMS.has(name)) out.push(raw);
  }
  return out;
}

/** The view's folding: ASCII letters to lower case, base64url's `-` and `_` to `+` and `/`. */
const fold = (s: string): string =>
  s.replace(/[A-Z_-]/g, (c) => (c === '-' ? '+' : c === '_' ? '/' : c.toLowerCase()));

const foldCode = (c: number): number =>
  c >= 0x41 && c <= 0x5a ? c + 32 : c === 0x2d ? 0x2b : c === 0x5f ? 0x2f : c;

/**
 * Add (delta 1) or remove (-1) the runs of a value's forms; returns how many. The forms: the
 * value without edge spaces and quotes, its UTF-8 bytes in hex (case is folded), in base64 as a
 * whole and inside a larger blob at byte offsets 1 and 2 (offset 0 is a prefix of the whole;
 * base64url is folded into base64), the base64 of the value with its edges (a Basic pair of
 * ` key\n`), and, of a quoted value, the runs across its quotes. Percent-encoding, escapes,
 * entities, UTF-16 and invisible characters need no form: the view decodes or drops them.
 */
function addForms(value: string, delta: 1 | -1): number {
  let cost = 0;
  const count = (map: Map<string, number>, key: string): void => {
    const n = (map.get(key) ?? 0) + delta;
    if (n > 0) map.set(key, n);
    else map.delete(key);
    cost++;
  };
  const runs = (form: string): void => {
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < form.length; i++) {
      const c = foldCode(form.charCodeAt(i));
      h1 = (Math.imul(h1, B1) + c) | 0;
      h2 = (Math.imul(h2, B2) + c) | 0;
      if (i >= MIN_RUN) {
        const o = foldCode(form.charCodeAt(i - MIN_RUN));
        h1 = (h1 - Math.imul(o, B1_9)) | 0;
        h2 = (h2 - Math.imul(o, B2_9)) | 0;
      }
      if (i >= MIN_RUN - 1) {
        gramAdd(h1, h2, delta);
        cost++;
      }
    }
  };
  const trimmed = value.trim();
  const lead = trimmed.length - trimmed.replace(/^[\s"'`]+/, '').length;
  const core = trimmed.slice(lead).replace(/[\s"'`]+$/, '');
  // The key as the view reads it too: a key holding a zero-width space (pasted with one) is
  // echoed with it, and the view drops it; so do its escapes, marks and fullwidth letters.
  const seen = viewText(viewsOf(core)[0] as View, core);
  for (const form of new Set([fold(trimmed), fold(core), seen]))
    if (form.length >= 6 && form.length < MIN_RUN) count(shortSecrets, form);
  if (core.length >= MIN_RUN) runs(core);
  // The value as given, its edge blanks included (`     ghp_`): a run of it is a run of the key.
  if (value !== trimmed && value.length >= MIN_RUN) runs(value);
  if (seen !== fold(core) && seen.length >= MIN_RUN) runs(seen);
  if (core !== trimmed)
    for (let i = 0; i + MIN_RUN <= trimmed.length; i++)
      if (i < lead || i + MIN_RUN > lead + core.length)
        count(edgeGrams, trimmed.slice(i, i + MIN_RUN));
  // By bytes, not characters: 5 characters of which some are astral or C1 are 8 bytes or more,
  // and their base64 is long enough to spell a run.
  // The value as given, in base64 (a Basic pair of ` key\n`; a value that is all quotes).
  if (value !== core && Buffer.byteLength(value, 'utf8') >= 6)
    runs(Buffer.from(value, 'utf8').toString('base64'));
  const bytes = Buffer.from(core, 'utf8');
  if (bytes.length < 6) return cost;
  runs(bytes.toString('hex'));
  runs(bytes.toString('base64'));
  for (const offset of [1, 2]) {
    const b64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // the characters that hold bits of the key's bytes only
    runs(b64.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6)));
  }
  return cost;
}

/*
 * The normalised view. Plain ASCII text (most lines) is only folded. Other text is read in two
 * steps: escapes are decoded (`\uXXXX` and `\u{…}` behind any number of backslashes, `\xXX`,
 * JSON's `\"` `\/` `\\` `\n` `\t` `\r` `\b` `\f`, HTML entities, `%XX` with UTF-8 sequences), then
 * what a reader does not see is dropped: C0 controls but tab and LF (NUL of UTF-16LE, CR), DEL,
 * C1 controls, NBSP and other Unicode spaces, soft hyphen, zero-width and bidi characters,
 * variation selectors, tag characters, combining marks, a hidden character's UTF-8 read as Latin-1,
 * ANSI escape sequences (CSI such as `ESC[0m`, OSC to BEL or ST, two-character ones) and our own
 * marks of hidden characters (`⟨ZERO WIDTH SPACE⟩`); fullwidth ASCII is read as ASCII.
 */

interface View {
  /** The view's characters, folded; null: the text itself, to be folded as it is read. */
  readonly codes: Uint16Array | null;
  readonly length: number;
  /** For each character of the view, the span of the original text it came from (null: itself). */
  readonly from: Int32Array | null;
  readonly to: Int32Array | null;
}

/** Characters that need more than folding: anything but tab, LF and printable ASCII bar `%&\`. */
const NOT_PLAIN = /[^\t\n\x20-\x24\x27-\x5b\x5d-\x7e]/;

/** The view of a text; two when it holds an escape string (see `Strings`). */
function viewsOf(text: string): View[] {
  if (!NOT_PLAIN.test(text)) return [{ codes: null, length: text.length, from: null, to: null }];
  const n = text.length;
  const code = new Uint16Array(n);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  let m = 0;
  const emit = (cp: number, start: number, end: number): void => {
    if (cp > 0xffff) {
      const c = cp - 0x10000;
      code[m] = 0xd800 + (c >> 10);
      from[m] = start;
      to[m++] = end;
      code[m] = 0xdc00 + (c & 0x3ff);
    } else code[m] = cp;
    from[m] = start;
    to[m++] = end;
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i = backslash(text, i, emit);
    else if (c === 0x26) i = entity(text, i, emit);
    else if (c === 0x25) i = percent(text, i, emit);
    else emit(c, i, ++i);
  }
  const strings: Strings = { drop: true, seen: false, noEndFrom: m };
  const view = dropHidden(code, from, to, m, strings);
  if (!strings.seen) return [view];
  return [view, dropHidden(code, from, to, m, { drop: false, seen: false, noEndFrom: m })];
}

type Emit = (cp: number, start: number, end: number) => void;

function hexAt(text: string, at: number, digits: number): number {
  if (at + digits > text.length) return -1;
  let v = 0;
  for (let k = at; k < at + digits; k++) {
    const d = hexDigit(text.charCodeAt(k));
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** JSON's (and JavaScript's) one-character escapes. */
const ESCAPED: Readonly<Record<string, number>> = {
  '"': 0x22,
  "'": 0x27,
  '/': 0x2f,
  n: 0x0a,
  t: 0x09,
  r: 0x0d,
  b: 0x08,
  f: 0x0c,
};

function backslash(text: string, i: number, emit: Emit): number {
  let j = i;
  while (text.charCodeAt(j) === 0x5c) j++;
  const c = text[j];
  if (c === 'u') {
    const h = hexAt(text, j + 1, 4);
    if (h >= 0) {
      emit(h, i, j + 5);
      return j + 5;
    }
    const braced = /\{([0-9a-fA-F]{1,6})\}/y;
    braced.lastIndex = j + 1;
    const m = braced.exec(text);
    const cp = m ? parseInt(m[1] as string, 16) : -1;
    if (m && cp <= 0x10ffff) {
      emit(cp, i, braced.lastIndex);
      return braced.lastIndex;
    }
  } else if (c === 'x') {
    const h = hexAt(text, j + 1, 2);
    if (h >= 0) {
      emit(h, i, j + 3);
      return j + 3;
    }
  }
  // `\\` is one backslash: the whole run at once (one at a time would read it again and again)
  let p = i;
  for (; j - p >= 2; p += 2) emit(0x5c, p, p + 2);
  if (p === j) return j;
  const escaped = c === undefined ? undefined : ESCAPED[c];
  if (escaped !== undefined) {
    emit(escaped, p, p + 2);
    return p + 2;
  }
  emit(0x5c, p, p + 1);
  return p + 1;
}

/** An entity, escaped again any number of times (`&amp;#115;`). */
const ENTITY = /&(?:amp;){0,3}(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]{2,14})(?=;));?/y;
const NAMED: Readonly<Record<string, number>> = {
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  quot: 0x22,
  apos: 0x27,
  nbsp: 0xa0,
  shy: 0xad,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  ZeroWidthSpace: 0x200b,
};

function entity(text: string, i: number, emit: Emit): number {
  ENTITY.lastIndex = i;
  const m = ENTITY.exec(text);
  const cp = !m
    ? undefined
    : m[1] !== undefined
      ? parseInt(m[1], 10)
      : m[2] !== undefined
        ? parseInt(m[2], 16)
        : NAMED[m[3] as string];
  if (m && cp !== undefined && cp <= 0x10ffff) {
    emit(cp, i, ENTITY.lastIndex);
    return ENTITY.lastIndex;
  }
  emit(0x26, i, i + 1);
  return i + 1;
}

function percent(text: string, i: number, emit: Emit): number {
  const b = hexAt(text, i + 1, 2);
  if (b >= 0 && b < 0x80) {
    // encoded again (`%2573`): the byte after the `%25`s
    let at = i;
    while (text.startsWith('%25', at) && hexAt(text, at + 3, 2) >= 0) at += 2;
    const byte = at > i ? hexAt(text, at + 1, 2) : b;
    if (byte < 0x80) {
      emit(byte, i, at + 3);
      return at + 3;
    }
    emit(b, i, i + 3);
    return i + 3;
  }
  // a UTF-8 sequence, each byte as %XX
  const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
  let cp = length === 0 ? -1 : b & (0x3f >> (length - 1));
  for (let k = 1; k < length && cp >= 0; k++) {
    const next = text.charCodeAt(i + 3 * k) === 0x25 ? hexAt(text, i + 3 * k + 1, 2) : -1;
    cp = next >= 0x80 && next <= 0xbf ? cp * 64 + (next & 0x3f) : -1;
  }
  if (cp >= 0 && cp <= 0x10ffff) {
    emit(cp, i, i + 3 * length);
    return i + 3 * length;
  }
  emit(0x25, i, i + 1);
  return i + 1;
}

/** Characters a reader does not see (tab and LF excepted; ESC is read as a sequence). */
function hidden(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a;
  if (c < 0x7f) return false;
  if (c <= 0xa0) return true; // DEL, C1 controls, NBSP
  if (c < 0x2000)
    return (
      c === 0xad ||
      c === 0x34f ||
      c === 0x61c ||
      c === 0x115f ||
      c === 0x1160 ||
      c === 0x17b4 ||
      c === 0x17b5 ||
      (c >= 0x180b && c <= 0x180f)
    );
  if (c <= 0x200f) return true; // Unicode spaces, ZWSP, ZWNJ, ZWJ, LRM, RLM
  if (c >= 0x2028 && c <= 0x202f) return true; // separators, bidi embeddings, NNBSP
  if (c >= 0x205f && c <= 0x206f) return true; // word joiner, invisible operators, bidi isolates
  return (
    c === 0x3000 ||
    c === 0x3164 ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0xfeff ||
    c === 0xffa0 ||
    (c >= 0xfff9 && c <= 0xfffb)
  );
}

/** Our mark of a hidden character (`⟨ZERO WIDTH SPACE⟩`, `⟨CTRL U+001B⟩`): where it ends, or -1. */
function markEnd(code: Uint16Array, k: number, m: number): number {
  for (let j = k + 1; j < m && j <= k + 41; j++) {
    const c = code[j] as number;
    if (c === 0x27e9) return j > k + 1 ? j + 1 : -1;
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x2b;
    if (!ok && c !== 0x2d) return -1;
  }
  return -1;
}

/** Where an escape sequence whose ESC (or C1 CSI) ends at `at` ends; `at` when nothing follows. */
/**
 * How escape strings (OSC, DCS, SOS, PM, APC) and long CSI parameters are read. Their text is
 * hidden by a terminal but not from a log, and may carry the key itself (an OSC 8 link, an OSC 52
 * clipboard write, digits): so a text holding one is read twice, without their text (`drop`) and
 * with it.
 */
interface Strings {
  readonly drop: boolean;
  /** Whether one was seen. */
  seen: boolean;
  /** Where the text has no terminator left (BEL or ST): each is looked for once. */
  noEndFrom: number;
}

function sequenceEnd(
  code: Uint16Array,
  at: number,
  m: number,
  csi: boolean,
  strings: Strings,
): number {
  let j = at;
  const c = code[j];
  if (!csi && c === 0x5b) {
    csi = true;
    j++;
  }
  if (csi) {
    const start = j;
    const limit = Math.min(m, j + 64);
    while (j < limit && (code[j] as number) >= 0x30 && (code[j] as number) <= 0x3f) j++;
    while (j < limit && (code[j] as number) >= 0x20 && (code[j] as number) <= 0x2f) j++;
    if (j >= m || (code[j] as number) < 0x40 || (code[j] as number) > 0x7e) return at;
    if (j - start < MIN_RUN) return j + 1;
    // parameters long enough to hold 9 digits of a key (`ESC[38;2;…m`, or a numeric key): read
    // with and without them, as an escape string's text
    strings.seen = true;
    return strings.drop ? j + 1 : at;
  }
  if (c === undefined) return at;
  if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) {
    // OSC, DCS, SOS, PM, APC: a string to BEL or ST
    strings.seen = true;
    if (!strings.drop) return j + 1; // its text is read; BEL, ESC \ and ST are dropped anyway
    if (j >= strings.noEndFrom) return at;
    for (let t = j + 1; t < m; t++) {
      if (code[t] === 0x07 || code[t] === 0x9c) return t + 1;
      if (code[t] === 0x1b && code[t + 1] === 0x5c) return t + 2;
    }
    strings.noEndFrom = j;
    return at;
  }
  while (j < m && (code[j] as number) >= 0x20 && (code[j] as number) <= 0x2f) j++;
  return j < m && (code[j] as number) >= 0x30 && (code[j] as number) <= 0x7e ? j + 1 : at;
}

/** The length of a hidden character's UTF-8 bytes read one a character, at k; else 0. */
function hiddenUtf8(code: Uint16Array, k: number, m: number): number {
  const cont = (j: number): number => {
    const c = j < m ? (code[j] as number) : 0;
    return c >= 0x80 && c <= 0xbf ? c & 0x3f : -1;
  };
  const lead = code[k] as number;
  const c1 = cont(k + 1);
  if (c1 < 0) return 0;
  if (lead <= 0xdf) return hidden(((lead & 0x1f) << 6) | c1) ? 2 : 0;
  const c2 = cont(k + 2);
  if (c2 < 0) return 0;
  return hidden(((lead & 0x0f) << 12) | (c1 << 6) | c2) ? 3 : 0;
}

const ESC_MARKS = new Set(['CTRL U+001B', 'U+001B', 'ESC']);

/**
 * The names our marks use (`charName` in chars.ts, and C0 abbreviations): only these are dropped,
 * or a key sent as `⟨AKIAIOSFODNN7EXAMPLE⟩` would vanish from the view and stay in the text.
 */
const MARK_NAMES = new Set(
  (
    'TAB LF CR SPACE QUOTE APOSTROPHE BACKTICK NBSP BOM ELLIPSIS BULLET LRM RLM LRE RLE PDF LRO ' +
    'RLO LRI RLI FSI PDI NUL BEL BS VT FF ESC DEL SHY ZWSP ZWNJ ZWJ WJ NNBSP'
  )
    .split(' ')
    .concat([
      'SOFT HYPHEN',
      'ZERO WIDTH SPACE',
      'ZERO WIDTH NON-JOINER',
      'ZERO WIDTH JOINER',
      'WORD JOINER',
      'LEFT SINGLE QUOTE',
      'RIGHT SINGLE QUOTE',
      'LEFT DOUBLE QUOTE',
      'RIGHT DOUBLE QUOTE',
      'EN DASH',
      'EM DASH',
      'IDEOGRAPHIC SPACE',
    ]),
);

const isMarkName = (name: string): boolean =>
  MARK_NAMES.has(name) || /^(?:CTRL )?U\+[0-9A-F]{4,6}$/.test(name);

function dropHidden(
  code: Uint16Array,
  from: Int32Array,
  to: Int32Array,
  m: number,
  strings: Strings,
): View {
  const out = new Uint16Array(m);
  const vFrom = new Int32Array(m);
  const vTo = new Int32Array(m);
  let v = 0;
  for (let k = 0; k < m; k++) {
    const c = code[k] as number;
    if (c === 0x1b || c === 0x9b) {
      k = sequenceEnd(code, k + 1, m, c === 0x9b, strings) - 1;
      continue;
    }
    if (c === 0x27e8) {
      const end = markEnd(code, k, m);
      const name = end > 0 ? String.fromCharCode(...code.subarray(k + 1, end - 1)) : '';
      if (end > 0 && isMarkName(name)) {
        k = (ESC_MARKS.has(name) ? sequenceEnd(code, end, m, false, strings) : end) - 1;
        continue;
      }
    }
    if (c === 0xdb40 && k + 1 < m && (code[k + 1] as number) >> 7 === 0xdc00 >> 7) {
      k++; // a tag character (U+E0000 to U+E007F)
      continue;
    }
    if (c >= 0xc2 && c <= 0xef) {
      const length = hiddenUtf8(code, k, m);
      if (length > 0) {
        k += length - 1; // a hidden character's UTF-8 read as Latin-1 (`â\u0080\u008b`)
        continue;
      }
    }
    if (hidden(c) || (c >= 0x300 && c <= 0x36f)) continue; // combining marks too (`k\u0301e`)
    out[v] = c >= 0xff01 && c <= 0xff5e ? foldCode(c - 0xfee0) : foldCode(c); // fullwidth `ＡＢ`
    vFrom[v] = from[k] as number;
    vTo[v++] = to[k] as number;
  }
  return { codes: out, length: v, from: vFrom, to: vTo };
}

/** The view as a string (for the short secrets). */
function viewText(view: View, text: string): string {
  if (!view.codes) return text.toLowerCase().replace(/-/g, '+').replace(/_/g, '/');
  let out = '';
  for (let k = 0; k < view.length; k += 4096)
    out += String.fromCharCode(...view.codes.subarray(k, Math.min(view.length, k + 4096)));
  return out;
}

const nothingRegistered = (): boolean =>
  grams.size === 0 && shortSecrets.size === 0 && edgeGrams.size === 0;

/**
 * Every run of a credential in `text`, as spans of the text, to `found` (which returns true to
 * stop); `edge` for a run across a quoted value's quotes, found in the text as it is.
 */
function eachRun(
  text: string,
  found: (start: number, end: number, edge: boolean) => boolean | void,
): void {
  if (edgeGrams.size > 0)
    for (let i = 0; i + MIN_RUN <= text.length; i++)
      if (edgeGrams.has(text.slice(i, i + MIN_RUN)) && found(i, i + MIN_RUN, true) === true) return;
  if (grams.size === 0 && shortSecrets.size === 0) return;
  const views = viewsOf(text);
  // A decoded view drops what a reader does not see; the text as it is is searched too, so a run
  // made partly of such characters (a key that holds them) is found as the registered value.
  if (views[0]?.codes) views.push({ codes: null, length: text.length, from: null, to: null });
  for (const view of views) if (runsInView(text, view, found)) return;
}

/** eachRun in one view of the text; true when `found` asked to stop. */
function runsInView(
  text: string,
  view: View,
  found: (start: number, end: number, edge: boolean) => boolean | void,
): boolean {
  const span = (a: number, b: number): boolean | void =>
    view.from && view.to
      ? found(view.from[a] as number, view.to[b - 1] as number, false)
      : found(a, b, false);
  if (grams.size > 0) {
    const { codes, length } = view;
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < length; i++) {
      const c = codes ? (codes[i] as number) : foldCode(text.charCodeAt(i));
      h1 = (Math.imul(h1, B1) + c) | 0;
      h2 = (Math.imul(h2, B2) + c) | 0;
      if (i >= MIN_RUN) {
        const o = codes ? (codes[i - MIN_RUN] as number) : foldCode(text.charCodeAt(i - MIN_RUN));
        h1 = (h1 - Math.imul(o, B1_9)) | 0;
        h2 = (h2 - Math.imul(o, B2_9)) | 0;
      }
      if (i >= MIN_RUN - 1 && gramHas(h1, h2) && span(i + 1 - MIN_RUN, i + 1) === true) return true;
    }
  }
  if (shortSecrets.size === 0) return false;
  const v = viewText(view, text);
  for (const s of shortSecrets.keys())
    for (let at = v.indexOf(s); at >= 0; at = v.indexOf(s, at + 1))
      if (span(at, at + s.length) === true) return true;
  return false;
}

/** Replace every run of a registered credential with `[redacted]`. */
export function scrub(text: string): string {
  if (revealing || nothingRegistered()) return text;
  // A marker beside what is left can spell 9 characters of a credential again (one that holds a
  // `[`): scrub the result again until nothing changes, a few passes at most.
  let out = text;
  for (let pass = 0; pass < 4; pass++) {
    const next = scrubOnce(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

function scrubOnce(text: string): string {
  let covered: Uint8Array | undefined;
  eachRun(text, (start, end) => {
    covered ??= new Uint8Array(text.length);
    covered.fill(1, start, end);
  });
  return covered ? collapse(text, covered) : text;
}

function collapse(text: string, covered: Uint8Array): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && covered[j] !== 1) j++;
    result += text.slice(i, j);
    if (j === text.length) break;
    while (j < text.length && covered[j] === 1) j++;
    result += '[redacted]';
    i = j;
  }
  return result;
}

/**
 * `value` as JSON text, scrubbed, and still JSON. Scrubbing the serialized text alone is not
 * enough: a credential holding `"` or `\` is written escaped (`\"`, `\\`), so a run cut out of
 * the text can take half an escape with it (invalid JSON), and a run that crosses the escape stays
 * whole in the parsed value. So every string (names included) is scrubbed as it is, then the text
 * once more; should that still break an escape, `"` and `\` inside strings are written as
 * `\u0022` and `\u005c`, which no run of a credential spells.
 */
export function scrubJson(value: unknown, space?: number): string {
  const text = JSON.stringify(value, null, space);
  if (text === undefined) return '';
  if (revealing || nothingRegistered()) return text;
  const plain: unknown = JSON.parse(text); // toJSON applied: plain data
  const clean = JSON.stringify(scrubValue(plain), null, space);
  if (!holdsSecret(clean)) return clean;
  // What is left crosses the JSON around the strings: a quote, a colon, an escape. Cutting it out
  // of the text would break the JSON, so the parts of the run inside strings are cut instead, or,
  // for a run across the quotes of a quoted credential (`"sk-proj-…` of `"sk-proj-…"`), one
  // character inside a string is written as `\uXXXX`: the same value, and no run left in the text.
  const broken = breakRuns(clean);
  if (broken !== undefined) return broken;
  const out = scrub(clean);
  if (out === clean || parses(out)) return out;
  return scrub(clean.replace(/\\(["\\])/g, (_, c: string) => (c === '"' ? '\\u0022' : '\\u005c')));
}

/** The first run of a credential in `text` (9 characters of one, or a short one whole). */
function firstRun(text: string): [number, number, boolean] | undefined {
  let run: [number, number, boolean] | undefined;
  eachRun(text, (start, end, edge) => {
    run = [start, end, edge];
    return true;
  });
  return run;
}

/**
 * Of each character of JSON text: 0 outside strings (their quotes included), else the length of
 * the string's character that starts there (1, or 2 and 6 for escapes), -1 inside an escape.
 */
function stringChars(json: string): Int8Array {
  const chars = new Int8Array(json.length);
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (!inString) inString = c === '"';
    else if (c === '"') inString = false;
    else {
      const length = c === '\\' ? (json[i + 1] === 'u' ? 6 : 2) : 1;
      chars[i] = length;
      for (let k = 1; k < length; k++) chars[i + k] = -1;
      i += length - 1;
    }
  }
  return chars;
}

/** JSON text with every run of a credential broken (see scrubJson), or undefined. */
function breakRuns(json: string): string | undefined {
  let text = json;
  for (let pass = 0; pass < 256; pass++) {
    const run = firstRun(text);
    if (!run) return text;
    const chars = stringChars(text);
    let [start, end] = run;
    if (run[2]) {
      let at = -1;
      for (let i = start; i < end && at < 0; i++) if (chars[i] === 1) at = i;
      if (at < 0) return undefined;
      const escape = `\\u${text.charCodeAt(at).toString(16).padStart(4, '0')}`;
      text = text.slice(0, at) + escape + text.slice(at + 1);
      continue;
    }
    while (start > 0 && chars[start] === -1) start--;
    while (end < text.length && chars[end] === -1) end++;
    let cut = text.slice(0, start);
    let inside = false;
    for (let i = start; i < end; i++) {
      if (chars[i] === 0) cut += text[i];
      else if (!inside) cut += '[redacted]';
      inside = chars[i] !== 0;
    }
    if (!/\[redacted\]/.test(cut.slice(start))) return undefined;
    text = cut + text.slice(end);
  }
  return undefined;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrub(k), scrubValue(v)]));
  return value;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Does `text` carry a registered credential (9 characters of one, or a short one whole)? For
 * decisions (a redirect URL that would take the key elsewhere), so --reveal does not change it.
 */
export function holdsSecret(text: string): boolean {
  return firstRun(text) !== undefined;
}

/** For tests: forget every registered credential. */
export function resetScrubber(): void {
  grams.h1 = new Int32Array(0);
  grams.h2 = new Int32Array(0);
  grams.count = new Int32Array(0);
  grams.used = 0;
  grams.size = 0;
  shortSecrets.clear();
  edgeGrams.clear();
  entries.clear();
  for (const q of queues) q.clear();
  evictableCost = 0;
  pinnedCost = 0;
}

const TOKENISH = /[A-Za-z0-9_\-+/=.:~]{16,}/g;

/**
 * For words the user typed where a name belongs (a variable name, a provider id, a finding id):
 * a pasted key there was never registered as a secret, so anything that looks like one is cut to
 * its first 4 characters. Names in UPPER_SNAKE, lower-kebab and dotted ids pass unchanged.
 */
export function maskSecretLike(text: string): string {
  return (
    text
      .replace(/(\/\/[^/\s:@]*:)[^/\s@]+@/g, '$1…@') // the password of scheme://user:password@host
      // An option's name is a name (`--client-secret-env`): its leading dashes are not part of it.
      .replace(TOKENISH, (word) =>
        looksLikeName(word.replace(/^--?(?=[a-z])/, '')) ? word : `${word.slice(0, 4)}…`,
      )
  );
}

/** A part of a name: a word without digits, or short (`v1`, `api03`); not 32 hex digits. */
const wordish = (part: string) => part.length <= 12 || !/\d/.test(part);

export function looksLikeName(word: string): boolean {
  // UPPER_SNAKE, lower-kebab and dotted ids, made of words (a hex or base32 key is one long part)
  if (/^[A-Z][A-Z0-9_]*$/.test(word) || /^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/.test(word))
    return word.split(/[._-]/).every(wordish);
  if (/^(?:[A-Z][a-z]{2,})+$/.test(word)) return true; // PascalCase words
  if (/^[\d.:]+$/.test(word)) return true; // versions, addresses, ports
  // URLs and paths (`https://…`, `/…`, `./…`, `~/…`) whose segments are all short or names: a
  // slash alone proves nothing, base64 keys hold them (wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY).
  // A template's host after its placeholder (`https://<APP_ID>.algolia.net/1/keys/`) too.
  const rest = /^([a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/|\.(?=[a-z][a-z0-9-]*\.[a-z]))/i.exec(word);
  return (
    rest !== null &&
    word
      .slice(rest[0].length)
      .split('/')
      .every((segment) => segment.length <= 15 || looksLikeName(segment))
  );
}
