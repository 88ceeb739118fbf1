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

const grams = new Set<string>();
const shortSecrets = new Set<string>();
/** Registered values, oldest first: a long-running app (withWhy401) must not grow without bound. */
const registered = new Set<string>();
const MAX_REGISTERED = 1024;

/** What an unset variable turns into: not a secret, and scrubbing it would mangle our own words. */
export const NOT_SECRET =
  /^\s*((bearer|basic|token|bot)\s+)?(undefined|null|none|nil|nan|true|false|\[object object\]|bearer|basic|token)?\s*$/i;

/**
 * Remember a credential (and its common encodings) so no output can carry it. A parameter list
 * (Digest, AWS SigV4, OAuth 1) is not one secret: only its secret parameters are remembered, or
 * its `uri`, `realm` and `SignedHeaders` would be cut out of every line, finding ids included.
 */
export function registerSecretValue(value: string): void {
  const params = secretParams(value);
  if (params) {
    for (const param of params) registerSecretValue(param);
    return;
  }
  if (NOT_SECRET.test(value) || registered.has(value)) return;
  registered.add(value);
  if (registered.size > MAX_REGISTERED) {
    // Forget the oldest, then rebuild: grams may be shared between values.
    const oldest = registered.values().next().value;
    if (oldest !== undefined) registered.delete(oldest);
    grams.clear();
    shortSecrets.clear();
    for (const v of registered) addForms(v);
    return;
  }
  addForms(value);
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

function addForms(value: string): void {
  const forms = new Set([value, value.trim()]);
  try {
    forms.add(encodeURIComponent(value));
  } catch {
    // lone surrogates cannot be URI-encoded; the raw form is registered already
  }
  forms.add(Buffer.from(value, 'utf8').toString('base64'));
  for (const form of forms) {
    if (form.length >= MIN_RUN) {
      for (let i = 0; i + MIN_RUN <= form.length; i++) grams.add(form.slice(i, i + MIN_RUN));
    } else if (form.length >= 6) {
      shortSecrets.add(form);
    }
  }
}

/** Replace every run of a registered credential with `[redacted]`. */
export function scrub(text: string): string {
  if (revealing) return text;
  if (grams.size === 0 && shortSecrets.size === 0) return text;
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
  let out = text;
  if (grams.size > 0 && out.length >= MIN_RUN) {
    const covered = new Uint8Array(out.length);
    let hit = false;
    for (let i = 0; i + MIN_RUN <= out.length; i++) {
      if (grams.has(out.slice(i, i + MIN_RUN))) {
        covered.fill(1, i, i + MIN_RUN);
        hit = true;
      }
    }
    if (hit) out = collapse(out, covered);
  }
  for (const s of shortSecrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

function collapse(text: string, covered: Uint8Array): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    if (covered[i] === 1) {
      while (i < text.length && covered[i] === 1) i++;
      result += '[redacted]';
    } else {
      result += text[i];
      i++;
    }
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
  if (revealing || (grams.size === 0 && shortSecrets.size === 0)) return text;
  const plain: unknown = JSON.parse(text); // toJSON applied: plain data
  const clean = JSON.stringify(scrubValue(plain), null, space);
  if (!holdsSecret(clean)) return clean;
  // What is left crosses the JSON around the strings: a quote, a colon, an escape. Cutting it out
  // of the text would break the JSON (`"sk-proj-…` of a credential stored as `"sk-proj-…"`
  // makes `"redacted":[redacted]…`), so one character inside a string is written as `\uXXXX`
  // instead: the same value, and no run left in the text.
  const broken = breakRuns(clean);
  if (broken !== undefined) return broken;
  const out = scrub(clean);
  if (out === clean || parses(out)) return out;
  return scrub(clean.replace(/\\(["\\])/g, (_, c: string) => (c === '"' ? '\\u0022' : '\\u005c')));
}

/** The first run of a credential in `text` (9 characters of one, or a short one whole). */
function firstRun(text: string): [number, number] | undefined {
  for (let i = 0; i + MIN_RUN <= text.length; i++)
    if (grams.has(text.slice(i, i + MIN_RUN))) return [i, i + MIN_RUN];
  for (const s of shortSecrets) {
    const at = text.indexOf(s);
    if (at >= 0) return [at, at + s.length];
  }
  return undefined;
}

/** Which characters of JSON text are plain characters of a string (not quotes, not escapes). */
function plainInStrings(json: string): Uint8Array {
  const plain = new Uint8Array(json.length);
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (!inString) inString = c === '"';
    else if (c === '"') inString = false;
    else if (c === '\\') i += json[i + 1] === 'u' ? 5 : 1;
    else plain[i] = 1;
  }
  return plain;
}

/** JSON text with every run of a credential broken by `\uXXXX` escapes, or undefined. */
function breakRuns(json: string): string | undefined {
  let text = json;
  for (let pass = 0; pass < 256; pass++) {
    const run = firstRun(text);
    if (!run) return text;
    const plain = plainInStrings(text);
    let at = -1;
    for (let i = run[0]; i < run[1] && at < 0; i++) if (plain[i] === 1) at = i;
    if (at < 0) return undefined;
    const escape = `\\u${text.charCodeAt(at).toString(16).padStart(4, '0')}`;
    text = text.slice(0, at) + escape + text.slice(at + 1);
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
  grams.clear();
  shortSecrets.clear();
  registered.clear();
}

const TOKENISH = /[A-Za-z0-9_\-+/=.:~]{16,}/g;

/**
 * For words the user typed where a name belongs (a variable name, a provider id, a finding id):
 * a pasted key there was never registered as a secret, so anything that looks like one is cut to
 * its first 4 characters. Names in UPPER_SNAKE, lower-kebab and dotted ids pass unchanged.
 */
export function maskSecretLike(text: string): string {
  return text
    .replace(/(\/\/[^/\s:@]*:)[^/\s@]+@/g, '$1…@') // the password of scheme://user:password@host
    .replace(TOKENISH, (word) => (looksLikeName(word) ? word : `${word.slice(0, 4)}…`));
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
