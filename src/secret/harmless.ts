/**
 * What is known NOT to be a credential. Every header, query parameter, path segment, body field
 * and URL part is treated as a possible credential unless its name is on an allow-list of
 * harmless names or its value is plainly not a secret (too short, a number, a date, a version,
 * words). APIs invent credential names every day (`X-Appwrite-Key`, `private_token`, `sig`), so a
 * list of secret names is always behind; a list of harmless ones fails safe: a new harmless name
 * is only redacted, a new secret name is still protected.
 */

/** Headers that never carry a credential, as defined by HTTP or by the API that reads them. */
const HARMLESS_HEADERS = new Set([
  // HTTP itself (RFC 9110, 9111, 9112)
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'connection',
  'content-encoding',
  'content-language',
  'content-length',
  'content-md5',
  'content-type',
  'date',
  'dnt',
  'expect',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'keep-alive',
  'max-forwards',
  'pragma',
  'priority',
  'range',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'upgrade-insecure-requests',
  'user-agent',
  'x-requested-with',
  // WebSocket's handshake (RFC 6455): a random nonce, a version, extension names.
  // Sec-WebSocket-Protocol is not here: APIs put tokens in it (Kubernetes, OpenAI Realtime).
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-extensions',
  // API versions and feature flags
  'anthropic-version',
  'anthropic-beta',
  'openai-beta',
  'notion-version',
  'stripe-version',
  'x-github-api-version',
  'x-ms-version',
  'x-goog-api-client',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-target',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  // Tracing: random, but by convention never secret
  'traceparent',
  'tracestate',
  'x-request-id',
  'x-correlation-id',
  'request-id',
  'x-amzn-trace-id',
  'x-cloud-trace-context',
  'b3',
]);

/** Families of harmless headers: SDK telemetry, fetch metadata, client hints, Zipkin's B3. */
const HARMLESS_HEADER_PREFIX = /^(x-stainless-|sec-fetch-|sec-ch-|x-b3-|access-control-request-)/;

/** Query parameters and body fields that never carry a credential. */
const HARMLESS_PARAMS = new Set([
  'api-version',
  'api_version',
  'version',
  'v',
  'limit',
  'page',
  'per_page',
  'page_size',
  'pagesize',
  'offset',
  'count',
  'size',
  'sort',
  'order',
  'order_by',
  'direction',
  'q',
  'query',
  'search',
  'filter',
  'fields',
  'include',
  'expand',
  'format',
  'alt',
  'lang',
  'locale',
  'language',
  'hl',
  'model',
  'region',
  'timezone',
  'tz',
  'since',
  'until',
  'from',
  'to',
  'before',
  'after',
  'starting_after',
  'ending_before',
  'pretty',
  'prettyprint',
  'response_type',
  'grant_type',
  'scope',
  'stream',
  'max_tokens',
  'temperature',
  'role',
]);

/** A name that says it holds a secret: its value is one whatever it looks like. */
const SECRET_NAME =
  /pass|pwd|secret|token|key|sig|auth|session|cookie|cred|private|bearer|jwt|otp|nonce|code|ticket|salt|pin$/i;

/** What an unset variable turns into, and words that stand for nothing. */
const NOTHING =
  /^(undefined|null|none|nil|nan|true|false|yes|no|on|off|\[object object\]|bearer|basic|token)$/i;

/** Shorter than this, a value cannot be told apart from a word: the scrubber ignores it too. */
const MIN_SECRET = 6;

export function isHarmlessHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return HARMLESS_HEADERS.has(n) || HARMLESS_HEADER_PREFIX.test(n);
}

export function isHarmlessParamName(name: string): boolean {
  return HARMLESS_PARAMS.has(name.toLowerCase());
}

export function hasSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const NUMBER = /^[-+]?\d{1,20}(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const VERSION = /^v?\d+(\.\d+){0,3}([-+][a-z0-9.]{1,16})?$/i;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX = /^(0x)?[0-9a-f]{16,}$/i;
/** A dictionary word's shapes: lower, UPPER, Capitalised, camelCase of words of 2+ letters. */
const WORD = /^([a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*)$/;
const PIECES = /[-_.:/@+~]+/;

/**
 * Does this one word (no spaces) look like a key, token or password? A UUID or a long hex run
 * does (keys often are one), a number, date, version or run of dictionary-shaped words does not.
 * A piece of 9+ characters that mixes letters and digits, or letter cases at random, does.
 */
export function looksSecret(given: string): boolean {
  // Keys are printable ASCII: other characters (a hidden one inside a key, bytes of a hostile
  // path) neither make nor unmake one.
  const word = given.replace(/[^\x21-\x7e]+/g, '');
  if (word.length < 8) return false;
  if (UUID.test(word) || HEX.test(word)) return true;
  if (NUMBER.test(word) || DATE.test(word) || VERSION.test(word)) return false;
  return word
    .split(PIECES)
    .some((piece) => piece.length > 8 && !WORD.test(piece) && !/^\d+$/.test(piece));
}

/** The words of a value: split where no key has a character (space, comma, semicolon, `&`, `=`). */
export function wordsOf(value: string): string[] {
  return value.split(/[\s,;&="'()<>[\]{}|\\]+/).filter((w) => w !== '');
}

/**
 * May this named value be a credential? No when the name is known harmless, the value too short
 * or a placeholder; yes when the name says secret; else when a word of it looks like a key.
 */
export function mayBeCredential(
  name: string,
  value: string,
  harmlessName: (name: string) => boolean,
): boolean {
  if (harmlessName(name)) return false;
  const v = value.trim();
  if (v.length < MIN_SECRET || NOTHING.test(v)) return false;
  if (hasSecretName(name)) return true;
  return wordsOf(v).some(looksSecret);
}

export const headerMayBeCredential = (name: string, value: string): boolean =>
  mayBeCredential(name, value, isHarmlessHeaderName);

export const paramMayBeCredential = (name: string, value: string): boolean =>
  mayBeCredential(name, value, isHarmlessParamName);

/** A path segment has no name: only its shape speaks (`/bot123:AAH…/`, `/keys/<uuid>`). */
export const segmentMayBeCredential = (segment: string): boolean =>
  segment.length >= MIN_SECRET && wordsOf(segment).some(looksSecret);
