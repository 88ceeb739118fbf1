import type { WireResponse } from './wire.js';
import { bearerError, parseChallenges, type Challenge } from '../parse/www-authenticate.js';
import { GATEWAY_WORDING, layersFromHeaders, protectionPage, type LayerSignal } from './layers.js';
import { CREDENTIAL_HEADERS, looksLikeCredentialHeader } from './credential-place.js';

/** What an answer says, read by vocabulary families rather than one server's wording. */
export type Topic =
  | 'expired'
  | 'invalid'
  | 'missing'
  | 'quota'
  | 'rate'
  | 'scope'
  | 'region'
  | 'account'
  | 'restricted'
  | 'gateway'
  | 'waf'
  | 'route'
  | 'clock'
  | 'sso'
  | 'environment'
  | 'token-type';

const TOPICS: Readonly<Record<Topic, RegExp>> = {
  // A signature or request that "expired" is a timestamp outside the server's window: `clock`.
  expired: /(?<!(signature|request|timestamp|time) (has |is )?)expir|token_expired|expiredtoken/i,
  // `invalid_request` (RFC 6750, OpenAI's error type) says nothing about the key
  // "did not pass a valid token", "does not contain a valid Server token": a key that is not valid
  invalid:
    /invalid(?![ _-]?(request|permissions?|scopes?|argument|param(eter)?s?|values?|input|json|body|model|fields?|query|url|path|method|range))|\b(not|n't)\s+(\w+\s+){0,2}a\s+valid\b|incorrect|bad credential|not valid|unrecogni[sz]ed|unknown (api )?(key|token)|revoked|authentication (error|fail)|authenticationfailed|invalid_auth|user not found|could not validate|verification failed|malformed/i,
  // "Missing Permissions" is a scope that is missing, not a credential
  // Words that say no credential arrived, whoever says them: "You didn't provide an API key",
  // "No API key found", "not provided", "must provide", "credentials were not supplied"… (a
  // "valid" after the verb is another story: "did not pass a valid token" is `invalid`).
  missing:
    /missing(?![ _-](permissions?|scopes?|privileges?|roles?|rights|access)\b)|\bno (api[ _-]?)?(key|token|credential|auth|bearer|access[ _-]?token|session)|\bno\b[^.|]{0,40}\b(keys?|tokens?|credentials?) (were |was )?(supplied|provided|sent|found|given|passed|included|present)|not (been )?(provided|supplied|sent|passed|included|present|specified|given)|(did ?n[o']t|did not|have ?n[o']t|has ?n[o']t|never|forgot to|failed to) (provide|pass|send|supply|include|specify|set|attach)\b(?! (a |an )?valid)|(need|have|has) to (provide|pass|send|supply|include) (an? |your |the )?(api[ _-]?)?(key|token|credential|auth)|please (provide|pass|send|supply|include) (an? |your |the )?(api[ _-]?)?(key|token|credential|auth)|not authenticated|unauthenticated|not_authed|credentials?_missing|missing_(api_)?(key|token|credentials?|auth\w*)|(key|token|credentials?|auth)_(missing|required|not_provided)|must (provide|supply|include|pass|send)|(is|are) required|required header|no authorization|(authorization|authentication|login|sign-?in|api[ _-]?key|token|credentials?) required|requires? authentication|unregistered callers?|without established identity|anonymous (access|requests?|callers?) (is |are )?not (allowed|permitted)/i,
  quota:
    /quota|billing|credit|payment|insufficient_(quota|funds|balance)|exceeded your current|out of funds|spending limit|balance/i,
  rate: /rate.?limit|too many requests|slow down|throttl/i,
  // A bare "Forbidden" or "Access denied" names no scope: status.forbidden says that much.
  scope:
    /scope|permission|not permitted|not allowed to|insufficient|privilege|not authori[sz]ed to|rak_/i,
  region:
    /region|wrong (api )?endpoint|data ?cent(er|re)|wrong (host|site)|another (region|site)|regional/i,
  account:
    /(organi[sz]ation|workspace|project|tenant)[^.]{0,60}\bmatch|mismatch\w*[ _-]?(org|organi[sz]ation|project|workspace|account|tenant)|(organi[sz]ation|workspace|project|tenant|account)\b[^.]{0,60}\b(not|mismatch|belong|member|invalid|wrong|differ)|not a member|does not belong|no access to (this )?(org|workspace|project)/i,
  // A restriction of the key (to referrers, IPs, APIs); Notion's `restricted_resource` is a
  // resource the integration may not see, a scope question.
  restricted:
    /referr?er|\bip\b|ip address|allow-?list|white-?list|api_key_\w*blocked|not allowed from|restricted(?![ _-]resource)|restriction/i,
  gateway: GATEWAY_WORDING,
  waf: /error code:? 10\d\d|attention required|request (was )?blocked|bot (protection|detection)|captcha|security (check|policy)|web application firewall|\bwaf\b|incapsula|mod_security|sucuri|access denied.{0,40}(cloudflare|akamai)/i,
  // Words of a path or method that matched nothing (`Cannot GET /path` is how web frameworks put
  // it); a bare "Not Found" is not among them: providers that hide resources say that too.
  route:
    /missing authentication token|no route|(route|path|endpoint|url|page) not found|unknown (path|route|endpoint|url)|no such (route|endpoint|path|url)|cannot (get|post|put|patch|delete|head|options) \/|no handler|unrecognized request url|method not allowed/i,
  clock:
    /recvwindow|timestamp|clock|before (it was|being) issued|used before|issued in the future|not yet valid|time ?skew|request time|too skewed|(signature|request) (has )?expired|signature not yet current|is now earlier than|is still later than/i,
  sso: /\bsaml\b|\bsso\b|single sign-on/i,
  // A key of another mode or environment: `a live mode key was used`, `sandbox key in production`.
  // A token of another type than the method takes: Slack's `not_allowed_token_type`, Discord's
  // "a bot token is required", "invalid token type".
  'token-type':
    /not_allowed_token_type|(invalid|wrong|unsupported|incorrect|bad)[ _-]?token[ _-]?type|token[ _-]?type[ _-]?(is[ _-])?(not[ _-]|un)(allowed|supported|permitted|accepted|valid)|\b(user|bot|app|application|workspace|service|personal|oauth|installation|refresh|id|access|org(ani[sz]ation)?|team|project|admin)[ _-]tokens? (is |are )?(not (allowed|supported|accepted|permitted)|cannot be used|can ?not be used|where an? \w+ token)|requires? an? (\w+ )?(bot|user|app|workspace|oauth|admin|installation|service)[ _-]token|(bot|user|app|workspace|oauth|admin|installation|service)[ _-]token (is )?required|only (accepts?|allows?|supports?) (\w+ )?(bot|user|app|workspace|oauth|admin|installation|service)[ _-]tokens?/i,
  environment:
    /\b(test|live|sandbox|production|staging)[ _-]?(mode|environment|env)\b[^.]{0,80}\b(key|token|credential)|\b(test|live|sandbox|production|staging)[ _-](mode[ _-])?(api[ _-])?(key|token)s?\b[^.]{0,60}\b(was used|used|provided|sent|cannot|can't|not|only)\b/i,
};

export interface MaskedEcho {
  /** What the server printed before the mask (may be a quote or `http`). */
  readonly head: string;
  readonly tail: string;
  /**
   * The head's opening quote is closed right after the tail (`'rk_live_****abcd'`): the server
   * quoting the key inside its sentence, not a quote that arrived with the key.
   */
  readonly closedQuote: boolean;
}

export interface AnswerFacts {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly challenges: readonly Challenge[];
  readonly bearerError: string | undefined;
  readonly layers: readonly LayerSignal[];
  /** Seconds the server's clock is ahead of ours (negative: behind). */
  readonly skewSeconds: number | undefined;
  readonly serverDate: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly contentType: string;
  readonly isHtml: boolean;
  readonly isJson: boolean;
  /** Codes, types and messages found in the body (JSON fields or text), capped. */
  readonly errorText: string;
  readonly errorCodes: readonly string[];
  readonly says: ReadonlySet<Topic>;
  /**
   * The body says the call failed: JSON `ok:false`, `success:false`, `status:"error"`, `error:{…}`,
   * GraphQL `errors` without data (or with an auth code); a short page that is an auth error; a
   * sign-in form. Decides whether a 2xx was accepted.
   */
  readonly bodySaysFailure: boolean;
  /** The answer blames the credential itself: an invalid, incorrect, unknown or revoked key. */
  readonly blamesCredential: boolean;
  /** The answer's words are about credentials or signing in (key, token, auth…, log in). */
  readonly aboutCredential: boolean;
  /** Credential header names the answer's words mention (`Missing X-Auth-Token header`). */
  readonly namedHeaders: readonly string[];
  /** Host names of the links in the body (documentation, consoles), lower case, capped. */
  readonly linkedHosts: readonly string[];
  /** An HTML sign-in form: a password field, or a form under "Sign in" / "Log in". */
  readonly loginForm: boolean;
  /** A web server's stock page for the status (`401 Authorization Required`): no words of its own. */
  readonly stockPage: boolean;
  /**
   * The words of a platform's own protection page (Cloudflare Access, Vercel's Deployment
   * Protection, a password-protected site), with the platform when they name it.
   */
  readonly protection: { readonly name?: string } | undefined;
  /** Rate-limit headers (`X-RateLimit-Limit`, `-Remaining`, IETF `RateLimit`), when sent. */
  readonly rateLimit: {
    readonly limit: number | undefined;
    readonly remaining: number | undefined;
  };
  readonly location: string | undefined;
  readonly maskedEcho: MaskedEcho | undefined;
}

/** Nouns of a credential, as error messages name them. */
const CRED =
  '(?:api[ _-]?key|access[ _-]?key(?:[ _-]?id)?|secret(?:[ _-]?key)?|subscription[ _-]?key|app(?:lication)?[ _-]?key|(?:access|auth|bearer|security|session|api|id)[ _-]?token|token|credentials?|password|key)';
/** What a server says of a credential it does not recognise (not "missing", not "expired"). */
const BAD =
  "(?:invalid|incorrect|not valid|isn't valid|is not recogni[sz]ed|unrecogni[sz]ed|unknown|revoked|malformed|wrong|does not exist|doesn't exist|disabled|deactivated|no longer valid)";
const BLAMES = new RegExp(
  `\\b${BAD}\\b[^.;|]{0,30}?\\b${CRED}\\b|\\b${CRED}\\b[^.;|]{0,40}?\\b${BAD}\\b|invalid_?(api_?)?(key|token|credentials?|auth)\\b|(key|token)_?invalid|invalidclienttokenid|unrecognizedclient|bad credentials`,
  'i',
);

const MESSAGE_KEYS =
  /^(error|errors|message|msg|detail|details|error_description|error_message|description|code|type|reason|status|title|errorcode|error_code|fault|faultstring|errorclass|classification)$/i;

/** Reads one response into facts. `receivedAt` is our clock (ms) when it arrived. */
export function readAnswer(response: WireResponse, receivedAt: number): AnswerFacts {
  const h = response.headers;
  const challenges = parseChallenges(
    response.all['www-authenticate'] ?? response.all['proxy-authenticate'],
  );
  const contentType = (h['content-type'] ?? '').toLowerCase();
  const json = parseJson(response.body, contentType);
  const isHtml = contentType.includes('html') || /^\s*<(!doctype|html)/i.test(response.body);
  const markup = json === undefined && (isHtml || /^\s*<[?a-z!]/i.test(response.body));
  const visible = markup ? visibleText(response.body) : response.body.slice(0, 2000);
  const stockPage = isHtml && isStockPage(response.body, visible, h['server']);
  const { text, codes: allCodes } =
    json !== undefined
      ? collectMessages(json)
      : { text: stockPage ? '' : visible.slice(0, 2000), codes: [] };
  const codes = [...new Set(allCodes)];
  const errorText = withChallengeWords(
    `${codes.join(' ')} ${text}`,
    challenges.flatMap((c) => [c.params['error'] ?? '', c.params['error_description'] ?? '']),
  ).slice(0, 4000);
  // No text, no topic, no blame, no header named: and each pattern's first run compiles it, which
  // a 200 need not pay (BLAMES, a case-insensitive alternation of many phrases, takes milliseconds).
  const hasText = errorText !== '';
  const says = new Set<Topic>();
  if (hasText)
    for (const [topic, pattern] of Object.entries(TOPICS) as [Topic, RegExp][])
      if (pattern.test(errorText)) says.add(topic);
  const serverDate = h['date'] ? Date.parse(h['date']) : NaN;
  const blamesCredential = hasText && BLAMES.test(errorText);
  const loginForm = isHtml && isLoginForm(response.body, visible);
  // A short page (not JSON) whose words are an auth error: a 200 "Invalid subscription key".
  const pageFailure =
    json === undefined &&
    !stockPage &&
    visible.length <= 2000 &&
    (blamesCredential || (says.has('missing') && CREDENTIAL_WORDS.test(errorText)));
  return {
    status: response.status,
    headers: h,
    challenges,
    bearerError: bearerError(challenges),
    layers: layersFromHeaders(h),
    skewSeconds: Number.isFinite(serverDate)
      ? Math.round((serverDate - receivedAt) / 1000)
      : undefined,
    serverDate: Number.isFinite(serverDate) ? serverDate : undefined,
    retryAfterSeconds: retryAfter(h['retry-after'], receivedAt),
    contentType,
    isHtml,
    isJson: json !== undefined,
    errorText,
    errorCodes: codes,
    says,
    bodySaysFailure: json !== undefined ? saysFailure(json) : pageFailure || loginForm,
    blamesCredential,
    aboutCredential: hasText && CREDENTIAL_WORDS.test(errorText),
    namedHeaders: hasText ? namedHeaders(errorText) : [],
    linkedHosts: linkedHosts(response.body),
    loginForm,
    stockPage,
    protection: hasText ? protectionPage(errorText) : undefined,
    rateLimit: rateLimitOf(h),
    location: h['location'],
    maskedEcho: hasText ? findMaskedEcho(errorText) : undefined,
  };
}

function parseJson(body: string, contentType: string): unknown {
  const t = body.trim();
  if (!(contentType.includes('json') || t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** Walks a JSON body (bounded) for error codes and messages. */
function collectMessages(json: unknown): { text: string; codes: string[] } {
  const texts: string[] = [];
  const codes: string[] = [];
  let budget = 200;
  const walk = (v: unknown, key: string, depth: number) => {
    if (budget-- <= 0 || depth > 6) return;
    if (typeof v === 'string') {
      if (MESSAGE_KEYS.test(key) || key === '') {
        if (/^[A-Za-z][A-Za-z0-9_.:-]{2,60}$/.test(v) && !v.includes(' ')) codes.push(v);
        else texts.push(v.slice(0, 500));
      }
    } else if (typeof v === 'number' && /code|status/i.test(key)) {
      codes.push(String(v));
    } else if (v === true && FLAG_KEYS.test(key)) {
      // `"invalidToken": true` (Vercel), `"token_expired": true`: the flag's name is the message
      codes.push(key);
    } else if (Array.isArray(v)) {
      for (const item of v.slice(0, 20)) walk(item, MESSAGE_KEYS.test(key) ? key : '', depth + 1);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v).slice(0, 40)) walk(child, k, depth + 1);
    }
  };
  walk(json, '', 0);
  return { text: texts.join(' | '), codes };
}

/**
 * The body's words, then the challenges' `error` and `error_description`, each said once: a
 * challenge that repeats the body (express-jwt, ASP.NET and others put the same words in both)
 * adds nothing to what the checks quote.
 */
function withChallengeWords(body: string, challenge: readonly string[]): string {
  let joined = body.replace(/\s+/g, ' ').trim();
  for (const piece of challenge) {
    const words = piece.replace(/\s+/g, ' ').trim();
    if (words === '' || saidIn(joined, words)) continue;
    joined = joined === '' ? words : `${joined} ${words}`;
  }
  return joined;
}

/** `words` in `text` as a whole (not inside a longer word), in any case. */
function saidIn(text: string, words: string): boolean {
  const hay = text.toLowerCase();
  const needle = words.toLowerCase();
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
  }
  return false;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /\w/.test(c);

/** Boolean fields whose name says what is wrong with the credential. */
const FLAG_KEYS =
  /^(invalid|expired|missing|revoked)[_-]?(api[_-]?)?(token|key|credentials?|auth)$|^(token|key|credentials?)[_-]?(invalid|expired|missing|revoked)$/i;

/** `"error": "OK"` (ComicVine), `null`, `false`, `""`, `0` are not errors. */
function isErrorValue(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0) return false;
  if (typeof v === 'string') return !/^\s*(ok|none|success|no error|false|0)?\s*$/i.test(v);
  if (Array.isArray(v)) return v.length > 0;
  return typeof v !== 'object' || Object.keys(v).length > 0;
}

function saysFailure(json: unknown): boolean {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return (
    o['ok'] === false ||
    o['success'] === false ||
    o['status'] === 'error' ||
    o['status'] === 'REQUEST_DENIED' ||
    (isErrorValue(o['error']) && noData(o['data'])) ||
    (Array.isArray(o['errors']) &&
      o['errors'].length > 0 &&
      (noData(o['data']) || o['errors'].some(authCoded)))
  );
}

/** No data: absent, null, or (GraphQL) an object whose every field is null. */
function noData(data: unknown): boolean {
  if (data === undefined || data === null) return true;
  if (typeof data !== 'object' || Array.isArray(data)) return false;
  const values = Object.values(data);
  return values.length > 0 && values.every((v) => v === null);
}

/** A GraphQL (or similar) error entry whose code is an auth refusal: `UNAUTHENTICATED`, `FORBIDDEN`. */
function authCoded(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  const ext = o['extensions'];
  // GraphQL servers name the class differently: `code` (Apollo), `errorClass` (New Relic),
  // `classification` (graphql-java)
  const codes =
    ext !== null && typeof ext === 'object'
      ? ['code', 'errorClass', 'classification'].map((k) => (ext as Record<string, unknown>)[k])
      : [o['code']];
  return codes.some((code) => typeof code === 'string' && AUTH_CODE.test(code));
}

/** Error codes of an auth refusal: `UNAUTHENTICATED`, `FORBIDDEN`, `invalid-jwt`, `AUTH_…`. */
export const AUTH_CODE =
  /^(unauthenticated|unauthori[sz]ed|forbidden|access[_-]denied|invalid[_-](token|jwt|api[_-]?key|credentials?)|auth\w*)$/i;

/** Words about credentials and being signed in, for a page that says something is missing. */
const CREDENTIAL_WORDS =
  /\b(api[ _-]?key|key|token|credentials?|auth\w*|unauthenticated|unauthori[sz]ed|bearer|secret|password|log(ged)? ?in|sign(ed)? ?in|session|subscription)\b/i;

/** The text a page shows: no scripts, styles or tags; a few entities decoded; capped. */
function visibleText(body: string): string {
  return withoutScripts(body.slice(0, 32 * 1024))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 4000);
}

/** Drops `<script>…</script>` and `<style>…</style>` in one pass (an unclosed one ends the text). */
function withoutScripts(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  for (;;) {
    const open = /<(script|style)\b/g;
    open.lastIndex = at;
    const m = open.exec(lower);
    if (!m) return out + html.slice(at);
    out += `${html.slice(at, m.index)} `;
    const close = lower.indexOf(`</${m[1] ?? ''}`, m.index);
    if (close < 0) return out;
    const end = lower.indexOf('>', close);
    if (end < 0) return out;
    at = end + 1;
  }
}

const WEB_SERVERS =
  /\b(nginx|openresty|apache|httpd|caddy|haproxy|squid|tinyproxy|varnish|iis|microsoft-iis|lighttpd|envoy|traefik|cloudflare|tengine)\b/gi;

/**
 * A web server's stock page for a status: its title is the status line (`401 Authorization
 * Required`) and the page says nothing else but the server's name. Its words are the status's,
 * not the application's: "Authorization Required" there does not mean no credential arrived.
 */
function isStockPage(body: string, visible: string, server: string | undefined): boolean {
  const title = /<title>\s*(\d{3}\b[^<]{0,80}?)\s*<\/title>/i.exec(body.slice(0, 4096))?.[1];
  if (!title) return false;
  let rest = visible.split(title).join(' ').replace(WEB_SERVERS, ' ');
  for (const word of (server ?? '').split(/[^A-Za-z0-9-]+/))
    if (word.length >= 3) rest = rest.split(word).join(' ');
  rest = rest.replace(/[\d./()-]+/g, ' ');
  return rest.replace(/[^A-Za-z]/g, '').length < 4;
}

/** A password field, or a form on a page that asks to sign in. */
function isLoginForm(body: string, visible: string): boolean {
  const page = body.slice(0, 64 * 1024);
  if (/<input\b[^>]{0,300}?\btype\s*=\s*["']?password\b/i.test(page)) return true;
  return /<form\b/i.test(page) && /\b(sign|log)[ -]?in\b|\blogin\b/i.test(visible.slice(0, 1000));
}

/** `Missing X-Auth-Token header`, `send it in the api-key header`, `Authorization: Bearer …`. */
function namedHeaders(text: string): string[] {
  const found = new Map<string, string>();
  const patterns = [
    /\b([A-Za-z][A-Za-z0-9_-]{1,40})["'`]?\s+(?:http\s+)?header\b/g,
    /\bheaders?\s*(?:named|called)?\s*[:(]?\s*["'`]([A-Za-z][A-Za-z0-9_-]{1,40})["'`]/g,
    /\bheaders?\s*(?:named|called|:)\s*([A-Za-z][A-Za-z0-9_-]{1,40})\b/g,
    /\b([A-Za-z][A-Za-z0-9_-]{1,40}):\s*(?:Bearer|Token|Basic)\b/g,
  ];
  for (const re of patterns) {
    for (const m of text.slice(0, 4000).matchAll(re)) {
      const name = m[1] ?? '';
      const lower = name.toLowerCase();
      // A bare word (`token header`) is a description; a header name has a hyphen or is known.
      const nameLike =
        /[-_]/.test(name) || lower === 'authorization' || CREDENTIAL_HEADERS.has(lower);
      if (nameLike && looksLikeCredentialHeader(name) && lower !== 'token' && !found.has(lower))
        found.set(lower, name);
      if (found.size >= 5) break;
    }
  }
  return [...found.values()];
}

/** Hosts of http(s) links in the body. */
function linkedHosts(body: string): string[] {
  const hosts = new Set<string>();
  for (const m of body
    .slice(0, 16 * 1024)
    .matchAll(/\bhttps?:\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
    hosts.add((m[1] ?? '').toLowerCase());
    if (hosts.size >= 10) break;
  }
  return [...hosts];
}

/** `X-RateLimit-Limit: 60`, `X-RateLimit-Remaining: 0`, `RateLimit: limit=60, remaining=0`. */
function rateLimitOf(h: Readonly<Record<string, string>>): AnswerFacts['rateLimit'] {
  const num = (v: string | undefined) => {
    const m = /^\s*(\d{1,12})\b/.exec(v ?? '');
    return m ? Number(m[1]) : undefined;
  };
  const pick = (re: RegExp) => {
    const name = Object.keys(h).find((k) => re.test(k));
    return name ? num(h[name]) : undefined;
  };
  const combined = h['ratelimit'] ?? '';
  return {
    limit: pick(/^(x-)?rate-?limit-limit(-requests)?$/) ?? num(/\blimit=(\d+)/.exec(combined)?.[1]),
    remaining:
      pick(/^(x-)?rate-?limit-remaining(-requests)?$/) ??
      num(/\bremaining=(\d+)/.exec(combined)?.[1]),
  };
}

function retryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.round((at - now) / 1000)) : undefined;
}

/** `sk-ab***wxyz`, `sk-...wxyz`, `"sk-t****c123`: a key the server echoes masked. */
const MASKED = /(["'`]?[A-Za-z0-9_:/.-]{0,12}?)(?:\*{2,}|\.{3}|…)([A-Za-z0-9_-]{2,6})\b/;

/** `Your api key: ****wxyz` (DeepSeek): only the tail is shown. */
const TAIL_ONLY = /(?:^|[\s:="'`(])\*{3,}([A-Za-z0-9_-]{4,6})\b/;

function findMaskedEcho(text: string): MaskedEcho | undefined {
  const m = MASKED.exec(text);
  if (m && (m[1] ?? '').length > 0) {
    const head = m[1] ?? '';
    const after = text.charAt(m.index + m[0].length);
    const open = /^["'`]/.test(head) ? head.charAt(0) : '';
    return { head, tail: m[2] ?? '', closedQuote: open !== '' && after === open };
  }
  const t = TAIL_ONLY.exec(text);
  return t ? { head: '', tail: t[1] ?? '', closedQuote: false } : undefined;
}

/** A 2xx whose body does not say the call failed: the call went through. */
export function isAccepted(facts: AnswerFacts | undefined): boolean {
  return facts !== undefined && facts.status >= 200 && facts.status < 300 && !facts.bodySaysFailure;
}
