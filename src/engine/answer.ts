import type { WireResponse } from '../collect/http.js';
import { bearerError, parseChallenges, type Challenge } from '../parse/www-authenticate.js';
import { GATEWAY_WORDING, layersFromHeaders, type LayerSignal } from './layers.js';

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
  | 'sso';

const TOPICS: Readonly<Record<Topic, RegExp>> = {
  expired: /expir|token_expired|expiredtoken/i,
  // `invalid_request` (RFC 6750, OpenAI's error type) says nothing about the key
  invalid:
    /invalid(?![ _]request)|incorrect|bad credential|not valid|unrecogni[sz]ed|unknown (api )?(key|token)|revoked|authentication (error|fail)|authenticationfailed|invalid_auth|user not found|could not validate|verification failed|malformed/i,
  missing:
    /missing|no (api )?(key|token|credential|auth)|not provided|not authenticated|unauthenticated|not_authed|credentials_missing|must (provide|supply|include)|is required|required header|no authorization|authorization required|authentication required|login required/i,
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
  restricted:
    /referr?er|\bip\b|ip address|allow-?list|white-?list|api_key_\w*blocked|not allowed from|restricted/i,
  gateway: GATEWAY_WORDING,
  waf: /error code:? 10\d\d|attention required|request (was )?blocked|bot (protection|detection)|captcha|security (check|policy)|web application firewall|\bwaf\b|incapsula|mod_security|sucuri|access denied.{0,40}(cloudflare|akamai)/i,
  route:
    /missing authentication token|no route|route not found|unknown (path|route|endpoint)|no such (route|endpoint|path)|not found/i,
  clock:
    /recvwindow|timestamp|clock|before (it was|being) issued|used before|issued in the future|not yet valid|time ?skew|request time/i,
  sso: /\bsaml\b|\bsso\b|single sign-on/i,
};

export interface MaskedEcho {
  /** What the server printed before the mask (may be a quote or `http`). */
  readonly head: string;
  readonly tail: string;
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
  /** A 2xx JSON body saying it failed: `ok:false`, `success:false`, `status:"error"`, `error:{…}`. */
  readonly bodySaysFailure: boolean;
  readonly location: string | undefined;
  readonly maskedEcho: MaskedEcho | undefined;
}

const MESSAGE_KEYS =
  /^(error|errors|message|msg|detail|details|error_description|error_message|description|code|type|reason|status|title|errorcode|error_code|fault|faultstring)$/i;

/** Reads one response into facts. `receivedAt` is our clock (ms) when it arrived. */
export function readAnswer(response: WireResponse, receivedAt: number): AnswerFacts {
  const h = response.headers;
  const challenges = parseChallenges(
    response.all['www-authenticate'] ?? response.all['proxy-authenticate'],
  );
  const contentType = (h['content-type'] ?? '').toLowerCase();
  const json = parseJson(response.body, contentType);
  const { text, codes: allCodes } =
    json !== undefined ? collectMessages(json) : { text: response.body.slice(0, 2000), codes: [] };
  const codes = [...new Set(allCodes)];
  const description = challenges
    .map((c) => `${c.params['error'] ?? ''} ${c.params['error_description'] ?? ''}`)
    .join(' ');
  const errorText = `${codes.join(' ')} ${text} ${description}`
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 4000);
  const says = new Set<Topic>();
  // (No text, no topic: and each pattern's first run compiles it, which a 200 need not pay.)
  if (errorText !== '')
    for (const [topic, pattern] of Object.entries(TOPICS) as [Topic, RegExp][])
      if (pattern.test(errorText)) says.add(topic);
  const serverDate = h['date'] ? Date.parse(h['date']) : NaN;
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
    isHtml: contentType.includes('html') || /^\s*<(!doctype|html)/i.test(response.body),
    isJson: json !== undefined,
    errorText,
    errorCodes: codes,
    says,
    bodySaysFailure: json !== undefined && saysFailure(json),
    location: h['location'],
    maskedEcho: findMaskedEcho(errorText),
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
    } else if (Array.isArray(v)) {
      for (const item of v.slice(0, 20)) walk(item, MESSAGE_KEYS.test(key) ? key : '', depth + 1);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v).slice(0, 40)) walk(child, k, depth + 1);
    }
  };
  walk(json, '', 0);
  return { text: texts.join(' | '), codes };
}

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
    (isErrorValue(o['error']) && o['data'] === undefined) ||
    (Array.isArray(o['errors']) && o['errors'].length > 0 && o['data'] === undefined)
  );
}

function retryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.round((at - now) / 1000)) : undefined;
}

/** `sk-ab***wxyz`, `sk-...wxyz`, `"sk-t****c123`: a key the server echoes masked. */
const MASKED = /(["'`]?[A-Za-z0-9_:/.-]{0,12}?)(?:\*{2,}|\.{3}|…)([A-Za-z0-9_-]{2,6})\b/;

function findMaskedEcho(text: string): MaskedEcho | undefined {
  const m = MASKED.exec(text);
  if (!m || (m[1] ?? '').length === 0) return undefined;
  return { head: m[1] ?? '', tail: m[2] ?? '' };
}
