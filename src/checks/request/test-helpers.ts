/**
 * Helpers for the request checks' table tests (never built into dist: tsconfig.build.json
 * excludes it). An answer is written as status, headers and body; it is read by `readAnswer` and
 * judged accepted or not by `isAccepted`, exactly as the engine does after sending.
 */
import { describe, expect, it } from 'vitest';
import type { NetError, ProxyChoice, WireRequest, WireResponse } from '../../evidence/wire.js';
import { isAccepted, readAnswer } from '../../evidence/answer.js';
import type { Spot } from '../../evidence/credential-place.js';
import type { FindingId } from '../../findings/ids.js';
import type { Confidence, RawFinding } from '../../findings/types.js';
import { Secret } from '../../secret/secret.js';
import { provider as providerOf } from '../../../test/support/key-samples.js';
import type { Check } from '../types.js';
import type { ProbeName, RequestEvidence, Sent, SentCredential } from '../../evidence/request.js';

export { sampleKey } from '../../../test/support/key-samples.js';

/** A made-up key of no provider's shape (generated at run time, nothing key-like written down). */
export const KEY = `t0k-${'Zq7'.repeat(3)}${Date.now().toString(36)}${'xY9'.repeat(3)}`;

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON (with a JSON content type unless one is given). */
  readonly body?: string | object;
}

/** Vercel's Deployment Protection: a 401 HTML page with a sign-in form, vendor headers. */
export const VERCEL_LOGIN = {
  status: 401,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    server: 'Vercel',
    'x-vercel-id': 'fra1::abcde-1700000000000-0123456789ab',
  },
  body: '<!doctype html><html><head><title>Login – Vercel</title></head><body><h1>Log in to Vercel</h1><form method="post" action="/sso-api"><input name="email" type="email"><button>Continue with Email</button></form></body></html>',
};

export const BEARER: Spot = { in: 'header', name: 'Authorization', scheme: 'Bearer' };

function response(reply: Reply): WireResponse {
  const json = typeof reply.body === 'object';
  const body = json ? JSON.stringify(reply.body) : (reply.body ?? '');
  const headers: Record<string, string> = {
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(
      Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    ),
  };
  return {
    status: reply.status,
    statusText: '',
    headers,
    all: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body,
    bodyBytes: Buffer.byteLength(body),
    truncated: false,
    fromProxy: false,
  };
}

function headerValue(spot: Spot, key: string): string {
  return spot.in === 'header' && spot.scheme ? `${spot.scheme} ${key}` : key;
}

/** One request with `spot` carrying `key` (or none), and the reply read into facts. */
export function sent(
  reply: Reply,
  opts: {
    readonly url?: string;
    readonly spot?: Spot | null;
    readonly key?: string;
    readonly label?: string;
    readonly headers?: readonly (readonly [string, string])[];
  } = {},
): Sent {
  const url = new URL(opts.url ?? 'https://api.example.test/v1/items');
  const spot = opts.spot === undefined ? BEARER : opts.spot;
  const key = opts.key ?? KEY;
  if (spot?.in === 'query') url.searchParams.set(spot.name, key);
  const headers: (readonly [string, string])[] = [
    ...(spot?.in === 'header' ? [[spot.name, headerValue(spot, key)] as const] : []),
    ...(opts.headers ?? []),
  ];
  const request: WireRequest = { method: 'GET', url, headers };
  const r = response(reply);
  const facts = readAnswer(r, NOW);
  return {
    label: opts.label ?? 'request',
    request,
    result: { ok: true, response: r, elapsedMs: 1 },
    facts,
    accepted: isAccepted(facts),
    carried: spot !== null,
    viaProxy: false,
  };
}

export interface Scenario {
  /** The answer to the request as sent. */
  readonly reply: Reply;
  readonly url?: string;
  /** Where the key went; null: no credential at all. Default: Authorization: Bearer. */
  readonly spot?: Spot | null;
  readonly key?: string;
  /** A catalog provider id, and how it was found (default: by host). */
  readonly provider?: string;
  readonly providerBy?: RequestEvidence['providerBy'];
  readonly probes?: Partial<Record<ProbeName, Reply>>;
  /** Other placements tried (unknown provider). */
  readonly alternatives?: readonly { readonly spot: Spot; readonly reply: Reply }[];
  readonly keyFindings?: readonly RawFinding[];
  /** Extra request headers. */
  readonly headers?: readonly (readonly [string, string])[];
  /** Hops before the final answer (redirects). */
  readonly before?: readonly Reply[];
  /** The user's own request (-H), not one why401 built. */
  readonly asSent?: boolean;
  /** No answer at all: the request as sent failed with this error (`reply` is then unused). */
  readonly error?: NetError;
  /** The forward proxy the request went through. */
  readonly proxy?: ProxyChoice;
  /** A redirect to another origin, followed without the credential or not followed. */
  readonly leftOrigin?: RequestEvidence['leftOrigin'];
  /** Other credential headers of the request, by fingerprint. */
  readonly others?: SentCredential['others'];
}

/** Evidence as the engine assembles it after sending, probing included. */
export function evidenceOf(s: Scenario): RequestEvidence {
  const key = s.key ?? KEY;
  const spot = s.spot === undefined ? BEARER : s.spot;
  const url = s.url ?? 'https://api.example.test/v1/items';
  const answered = sent(s.reply, { url, spot, key, ...(s.headers ? { headers: s.headers } : {}) });
  const final: Sent = s.error
    ? {
        ...answered,
        result: { ok: false, error: s.error, elapsedMs: 1 },
        facts: undefined,
        accepted: false,
        viaProxy: s.proxy !== undefined,
      }
    : { ...answered, viaProxy: s.proxy !== undefined };
  const hops = (s.before ?? []).map((r, i) => sent(r, { url, spot, key, label: `hop ${i}` }));
  const chain = [...hops, final];
  const probes: Partial<Record<ProbeName, Sent>> = {};
  for (const [name, reply] of Object.entries(s.probes ?? {}) as [ProbeName, Reply][])
    probes[name] = sent(reply, {
      url,
      spot: name === 'without-credential' ? null : spot,
      key,
      label: `probe: ${name}`,
    });
  return {
    url: new URL(url),
    method: 'GET',
    provider: s.provider ? providerOf(s.provider) : null,
    providerBy: s.providerBy ?? (s.provider ? 'host' : 'none'),
    credential: spot
      ? {
          secret: new Secret(key, 'test'),
          spot,
          meant: key,
          placedByUs: true,
          others: s.others ?? [],
        }
      : null,
    headerNames: final.request.headers.map(([n]) => n.toLowerCase()),
    asSent: s.asSent ?? false,
    chain,
    final,
    leftOrigin: s.leftOrigin,
    proxy: s.proxy,
    probes,
    alternatives: (s.alternatives ?? []).map((a) => ({
      ...sent(a.reply, { url, spot: a.spot, key }),
      spot: a.spot,
    })),
    keyFindings: s.keyFindings ?? [],
    keyFindingsLocalClock: (s.keyFindings ?? []).map((k) => k.id),
    userAgent: undefined,
    localNow: NOW,
  };
}

export interface Case extends Scenario {
  readonly name: string;
  /** The finding's confidence, when it matters. */
  readonly confidence?: Confidence;
  /** Every pattern must match some line of the finding's evidence. */
  readonly evidence?: readonly (string | RegExp)[];
  /** Data the finding must carry. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * A request check's table: every `finds` case raises `id` (with the confidence, evidence and
 * data asked for, and without 9 consecutive characters of the key), no `ok` case does.
 */
export function checkTable(
  check: Check<RequestEvidence>,
  id: FindingId,
  table: { readonly finds: readonly Case[]; readonly ok: readonly Case[] },
): void {
  describe(`${check.name} (${id})`, () => {
    it.each(table.finds)('finds: $name', (c) => {
      const found = check.run(evidenceOf(c)).filter((f) => f.id === id);
      expect(
        found.map((f) => f.id),
        JSON.stringify(check.run(evidenceOf(c))),
      ).toContain(id);
      const f = found[0];
      if (c.confidence) expect(f?.confidence).toBe(c.confidence);
      const lines = found.flatMap((x) => x.evidence);
      for (const w of c.evidence ?? [])
        expect(
          lines.some((l) => (typeof w === 'string' ? l.includes(w) : w.test(l))),
          `${String(w)} in ${JSON.stringify(lines)}`,
        ).toBe(true);
      if (c.data) expect(f?.data).toMatchObject(c.data);
      const key = c.key ?? KEY;
      for (const line of lines)
        for (let i = 0; i + 9 <= key.length; i++)
          expect(line.includes(key.slice(i, i + 9)), line).toBe(false);
    });
    it.each(table.ok)('ok: $name', (c) => {
      expect(check.run(evidenceOf(c)).map((f) => f.id)).not.toContain(id);
    });
  });
}

/** OpenAI's answer to a request that carried no key (its real wording). */
export const OPENAI_NO_KEY = {
  error: {
    message:
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    type: 'invalid_request_error',
    param: null,
    code: null,
  },
};
