/**
 * Issue 14: verdicts that follow from the evidence. The contradictions of the issue, judged end to
 * end by `conclude`, and a property over a generated set of evidences: no report holds two
 * findings that explain the refusal incompatibly, and "create a new key" (credential.invalid as
 * the cause of a rejection) only stands on positive evidence.
 */
import { describe, expect, it } from 'vitest';
import type { Spot } from '../evidence/credential-place.js';
import {
  evidenceOf,
  KEY,
  OPENAI_NO_KEY,
  VERCEL_LOGIN,
  type Reply,
  type Scenario,
} from '../checks/request/test-helpers.js';
import type { Finding } from '../findings/types.js';
import { conclude, INCOMPATIBLE, reconcile } from './conclude.js';

function judged(s: Scenario) {
  const { findings, verdict } = conclude(evidenceOf(s));
  const errors = findings.filter((f) => f.severity === 'error').map((f) => f.id);
  return { findings, verdict, errors, ids: findings.map((f) => f.id) };
}

describe('issue 14: the contradictions of the issue', () => {
  it('a reverse proxy blanks Authorization; OpenAI says no key arrived → net.proxy-strips-auth alone', () => {
    const reply = {
      status: 401,
      headers: { server: 'nginx', 'x-request-id': 'r' },
      body: OPENAI_NO_KEY,
    };
    const j = judged({
      provider: 'openai',
      providerBy: 'key',
      url: 'https://llm.corp.test/v1/models',
      reply,
      probes: { 'without-credential': reply },
    });
    expect(j.verdict).toMatchObject({ status: 'rejected', cause: 'net.proxy-strips-auth' });
    expect(j.ids).not.toContain('credential.invalid');
    expect(j.ids).not.toContain('layer.gateway');
  });

  it('the same answer with and without the credential never ends as credential.invalid, not even as a candidate', () => {
    const reply = { status: 401, body: { error: 'Unauthorized' } };
    const j = judged({ reply, probes: { 'without-credential': reply } });
    expect(j.verdict.status).toBe('inconclusive');
    expect(j.verdict.cause).not.toBe('credential.invalid');
    expect(j.verdict.summary).not.toMatch(/credential\.invalid/);
    expect(j.ids).not.toContain('credential.invalid');
  });

  it('…nor when the words blame the key: the same words without any key were not about this key', () => {
    const reply = { status: 401, body: { error: 'Invalid API key' } };
    const j = judged({ reply, probes: { 'without-credential': reply } });
    expect(j.verdict.status).toBe('inconclusive');
    expect(j.ids).not.toContain('credential.invalid');
    expect(j.verdict.summary).toMatch(/the very same answer without the credential/);
  });

  it('the words blame the key and the answer without one differs: rejected, credential.invalid', () => {
    const j = judged({
      reply: { status: 401, body: { error: 'Invalid API key' } },
      probes: { 'without-credential': { status: 401, body: { error: 'API key required' } } },
    });
    expect(j.verdict).toMatchObject({ status: 'rejected', cause: 'credential.invalid' });
    expect(j.findings[0]?.fix).toMatch(/^Create a new key/);
  });

  it("every placement refused alike by Vercel's protection: layer.gateway / status.login-redirect, no header.wrong-name", () => {
    const j = judged({
      reply: VERCEL_LOGIN,
      probes: { 'without-credential': VERCEL_LOGIN },
      alternatives: [
        { spot: { in: 'header', name: 'x-api-key', scheme: null }, reply: VERCEL_LOGIN },
        { spot: { in: 'header', name: 'apikey', scheme: null }, reply: VERCEL_LOGIN },
      ],
    });
    expect(['status.login-redirect', 'layer.gateway']).toContain(j.verdict.cause);
    expect(j.errors).toEqual(expect.arrayContaining(['status.login-redirect', 'layer.gateway']));
    expect(j.ids).not.toContain('header.wrong-name');
    expect(j.ids).not.toContain('credential.invalid');
  });

  it("a masked key quoted in the server's sentence is no key.quoted", () => {
    const j = judged({
      key: `rk_live_${KEY}`,
      reply: {
        status: 403,
        body: {
          error: {
            message: `The provided key 'rk_live_****${KEY.slice(-4)}' does not have the required permissions for this endpoint.`,
          },
        },
      },
    });
    expect(j.ids).not.toContain('key.quoted');
    expect(j.ids).not.toContain('net.proxy-strips-auth');
    expect(j.verdict.cause).toBe('credential.insufficient-scope');
  });

  it('not_allowed_token_type → key.wrong-type, no credential.invalid', () => {
    const j = judged({
      reply: { status: 200, body: { ok: false, error: 'not_allowed_token_type' } },
    });
    expect(j.verdict).toMatchObject({ status: 'rejected', cause: 'key.wrong-type' });
    expect(j.ids).not.toContain('credential.invalid');
  });

  it('`authorization: bearer` refused, `Bearer` accepted → header.wrong-scheme, confirmed', () => {
    const j = judged({
      spot: { in: 'header', name: 'Authorization', scheme: 'bearer' },
      reply: { status: 401, body: { error: 'Unauthorized' } },
      probes: {
        'without-credential': { status: 401, body: { error: 'Unauthorized' } },
        'scheme-case': { status: 200, body: { data: [] } },
      },
    });
    expect(j.verdict).toMatchObject({ status: 'rejected', cause: 'header.wrong-scheme' });
    expect(j.findings[0]?.confidence).toBe('confirmed');
    expect(j.findings[0]?.fix).toMatch(/Send `Authorization: Bearer <key>` instead of bearer/);
    expect(j.ids).not.toContain('credential.invalid');
  });
});

const f = (
  id: Finding['id'],
  confidence: Finding['confidence'],
  severity: Finding['severity'] = 'error',
): Finding => ({
  id,
  confidence,
  severity,
  title: id,
  evidence: [],
  fix: '',
  data: {},
});

describe('reconcile: the consistency guard', () => {
  it('the better established wins; the other becomes a warning that says why', () => {
    const out = reconcile([
      f('credential.invalid', 'attributed'),
      f('header.wrong-name', 'heuristic'),
    ]);
    expect(out.map((x) => [x.id, x.severity])).toEqual([
      ['credential.invalid', 'error'],
      ['header.wrong-name', 'warning'],
    ]);
    expect(out[1]?.evidence.at(-1)).toMatch(
      /credential\.invalid \(attributed\) explains the refusal otherwise/,
    );
  });
  it('on a tie, who refused first (PRIORITY): credential.invalid is the last word', () => {
    const out = reconcile([
      f('credential.invalid', 'attributed'),
      f('layer.gateway', 'attributed'),
    ]);
    expect(out.find((x) => x.id === 'credential.invalid')?.severity).toBe('warning');
    expect(out.find((x) => x.id === 'layer.gateway')?.severity).toBe('error');
  });
  it('layer.upstream (info) beside layer.gateway goes', () => {
    const out = reconcile([
      f('layer.gateway', 'attributed'),
      f('layer.upstream', 'attributed', 'info'),
    ]);
    expect(out.map((x) => x.id)).toEqual(['layer.gateway']);
  });
});

// ---------------------------------------------------------------------------------------------
// The property, over a generated set of evidences: answers of many shapes (provider words,
// gateways, proxies, stock pages, platform pages, challenges, masked echoes), with and without
// probes, alternatives and providers.

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STOCK =
  '<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>';

const REPLIES: readonly Reply[] = [
  { status: 401, body: OPENAI_NO_KEY },
  { status: 401, body: { error: 'Invalid API key' } },
  { status: 401, body: { error: 'Unauthorized' } },
  {
    status: 401,
    body: { message: 'No API key found in request' },
    headers: { 'x-kong-request-id': 'k' },
  },
  { status: 401, body: { detail: 'Authentication credentials were not provided.' } },
  { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' },
  { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' },
  {
    status: 401,
    headers: { 'www-authenticate': 'Basic realm="gw"', server: 'nginx' },
    body: 'Unauthorized',
  },
  { status: 401, headers: { server: 'nginx', 'content-type': 'text/html' }, body: STOCK },
  VERCEL_LOGIN,
  { status: 403, body: { errors: ['Forbidden'] } },
  {
    status: 403,
    body: { message: 'Missing Authentication Token' },
    headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
  },
  {
    status: 403,
    body: { message: "The provided key 'rk_live_****QQQQ' does not have the required permissions" },
  },
  { status: 401, body: { error: { message: 'Incorrect API key provided: sk-ab***QQQQ' } } },
  { status: 200, body: { ok: false, error: 'not_allowed_token_type' } },
  { status: 200, body: { ok: false, error: 'invalid_auth' } },
  { status: 401, body: { error: 'token expired' } },
  {
    status: 403,
    body: { message: 'Access denied due to missing subscription key.' },
    headers: { 'apim-request-id': 'a' },
  },
  { status: 200, body: { data: [] } },
];

const SPOTS: readonly (Spot | null)[] = [
  { in: 'header', name: 'Authorization', scheme: 'Bearer' },
  { in: 'header', name: 'Authorization', scheme: 'bearer' },
  { in: 'header', name: 'x-api-key', scheme: null },
  { in: 'header', name: 'Authorization', scheme: null },
  { in: 'query', name: 'key' },
  null,
];

const PROVIDERS: readonly (readonly [
  string | undefined,
  string | undefined,
  Scenario['providerBy'],
])[] = [
  [undefined, undefined, undefined],
  ['openai', 'https://api.openai.com/v1/models', 'host'],
  ['openai', 'https://llm.corp.test/v1/models', 'key'],
  ['anthropic', 'https://api.anthropic.com/v1/models', 'host'],
  ['datadog', 'https://api.datadoghq.com/api/v1/validate', 'flag'],
];

function generated(n: number): Scenario[] {
  const r = rng(14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: Scenario[] = [];
  for (let i = 0; i < n; i++) {
    const reply = pick(REPLIES);
    const [provider, url, providerBy] = pick(PROVIDERS);
    const spot = pick(SPOTS);
    const probes: Scenario['probes'] = {};
    const anon = r();
    if (spot && anon < 0.4) probes['without-credential'] = reply;
    else if (spot && anon < 0.7) probes['without-credential'] = pick(REPLIES);
    if (spot?.in === 'header' && spot.scheme === 'bearer' && r() < 0.6)
      probes['scheme-case'] = r() < 0.5 ? reply : pick(REPLIES);
    const alternatives =
      spot && r() < 0.4
        ? [
            {
              spot: { in: 'header', name: 'x-api-key', scheme: null } as Spot,
              reply: r() < 0.6 ? reply : pick(REPLIES),
            },
            {
              spot: { in: 'header', name: 'apikey', scheme: null } as Spot,
              reply: r() < 0.6 ? reply : pick(REPLIES),
            },
          ]
        : [];
    out.push({
      reply,
      spot,
      probes,
      alternatives,
      ...(provider && url && providerBy ? { provider, url, providerBy } : {}),
      ...(r() < 0.2 ? { before: [{ status: 302, headers: { location: '/v2/items' } }] } : {}),
    });
  }
  return out;
}

describe('property: no report explains one refusal two incompatible ways', () => {
  const cases = generated(600);
  it.each(cases.map((c, i) => [i, c] as const))('generated evidence #%i', (_i, s) => {
    const { findings, verdict } = conclude(evidenceOf(s));
    const has = (id: string, counts: (x: Finding) => boolean) =>
      findings.some((x) => x.id === id && counts(x));
    for (const [a, b] of INCOMPATIBLE) {
      const counts = (x: Finding) => x.severity === 'error' || x.id === 'layer.upstream';
      expect(
        has(a, counts) && has(b, counts),
        `${a} beside ${b}: ${JSON.stringify(findings.map((x) => [x.id, x.severity, x.confidence]))}`,
      ).toBe(false);
    }
    // "Create a new key" as the cause of a rejection stands on positive evidence only.
    if (verdict.status === 'rejected' && verdict.cause === 'credential.invalid')
      expect(findings[0]?.confidence).not.toBe('heuristic');
    // The very same answer without any credential never ends as "rejected: credential.invalid".
    const ev = evidenceOf(s);
    const anon = ev.probes['without-credential'];
    const same =
      anon?.result.ok &&
      ev.final.result.ok &&
      anon.result.response.status === ev.final.result.response.status &&
      anon.result.response.body === ev.final.result.response.body &&
      (anon.result.response.headers['www-authenticate'] ?? '') ===
        (ev.final.result.response.headers['www-authenticate'] ?? '');
    if (same) {
      // …nor as a candidate: no credential.invalid finding at all, whatever its severity.
      expect(verdict.cause).not.toBe('credential.invalid');
      expect(findings.map((x) => x.id)).not.toContain('credential.invalid');
    }
  });
});
