import { describe, expect, it } from 'vitest';
import { evidenceOf, KEY } from '../checks/request/test-helpers.js';
import type { Scenario } from '../checks/request/test-helpers.js';
import { conclude } from './conclude.js';

const XAPI = { in: 'header', name: 'x-api-key', scheme: null } as const;

function judged(s: Scenario) {
  const { findings, verdict } = conclude(evidenceOf(s));
  return {
    findings,
    verdict,
    severity: (id: string) => findings.find((f) => f.id === id)?.severity,
  };
}

describe('conclude: credential.invalid is an error only while nothing else explains the refusal', () => {
  it('alone: an error, and the cause', () => {
    const j = judged({ reply: { status: 401, body: { error: 'Invalid API key' } } });
    expect(j.verdict.cause).toBe('credential.invalid');
    expect(j.severity('credential.invalid')).toBe('error');
  });

  it('a probe confirms the key works in another header: header.wrong-name, no credential.invalid error', () => {
    const j = judged({
      spot: XAPI,
      reply: { status: 401, body: { error: 'Invalid API key' } },
      alternatives: [
        {
          spot: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
          reply: { status: 200, body: { ok: true } },
        },
      ],
    });
    expect(j.verdict.cause).toBe('header.wrong-name');
    expect(j.findings.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual([
      'header.wrong-name',
    ]);
  });

  it('a definitive header finding (the provider reads another header) demotes it to a warning', () => {
    const j = judged({
      provider: 'elevenlabs',
      url: 'https://api.elevenlabs.io/v1/user',
      reply: {
        status: 401,
        body: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } },
      },
    });
    expect(j.verdict.cause).toBe('header.wrong-name');
    expect(j.severity('credential.invalid')).toBe('warning');
    expect(j.findings.find((f) => f.id === 'credential.invalid')?.evidence.at(-1)).toMatch(
      /header\.wrong-name \(definitive\) explains the refusal alone/,
    );
  });

  it('en-01: the key is literally `undefined`: key.missing, and no credential.invalid at all', () => {
    const keyFindings = [
      {
        id: 'key.missing' as const,
        confidence: 'definitive' as const,
        evidence: ['the value is the literal text "undefined"'],
      },
    ];
    const j = judged({
      key: 'undefined',
      keyFindings,
      reply: { status: 401, body: { error: 'Invalid API key' } },
    });
    expect(j.verdict.cause).toBe('key.missing');
    expect(j.findings.map((f) => f.id)).not.toContain('credential.invalid');
  });

  it.each([
    ['key.wrong-type', 'a publishable key where the secret key belongs'],
    ['key.wrong-provider', "another provider's key shape"],
    ['key.wrong-environment', 'a test key on the live endpoint'],
  ] as const)(
    'a credential of another kind (%s): no credential.invalid at all, a new key of the same kind would fail alike',
    (id, said) => {
      const j = judged({
        keyFindings: [{ id, confidence: 'definitive' as const, evidence: [said] }],
        reply: { status: 401, body: { error: 'Invalid API key' } },
      });
      expect(j.verdict.cause).toBe(id);
      expect(j.findings.map((f) => f.id)).not.toContain('credential.invalid');
    },
  );

  it('a hygiene finding does not count when the cleaned key was refused too', () => {
    const keyFindings = [
      {
        id: 'key.whitespace' as const,
        confidence: 'definitive' as const,
        evidence: ['a trailing space'],
      },
    ];
    const j = judged({
      key: `${KEY} `,
      keyFindings,
      reply: { status: 401, body: { error: 'Invalid API key' } },
      probes: { sanitized: { status: 401, body: { error: 'Invalid API key' } } },
    });
    expect(j.severity('credential.invalid')).toBe('error');
  });
});

describe('conclude: no two errors that explain a 403 incompatibly', () => {
  it('a 403 whose words call the key invalid: credential.invalid and status.forbidden are never both errors', () => {
    const j = judged({
      reply: { status: 403, body: { message: 'This is not a valid API key for this account' } },
    });
    const errors = j.findings.filter((f) => f.severity === 'error').map((f) => f.id);
    expect(errors.includes('credential.invalid') && errors.includes('status.forbidden')).toBe(
      false,
    );
  });
});

describe('conclude: verdicts', () => {
  it('a 429: inconclusive, and the headline says so', () => {
    const j = judged({
      reply: { status: 429, headers: { 'retry-after': '5' }, body: { error: 'Too many requests' } },
    });
    expect(j.verdict.status).toBe('inconclusive');
    expect(j.verdict.summary).toMatch(
      /^Inconclusive: refused \(429\): Rate limited: too many requests/,
    );
  });

  it('a GitHub-style 403 rate limit: inconclusive status.rate-limited, no status.forbidden', () => {
    const j = judged({
      reply: {
        status: 403,
        headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded' },
      },
    });
    expect(j.verdict).toMatchObject({ status: 'inconclusive', cause: 'status.rate-limited' });
    expect(j.findings.map((f) => f.id)).not.toContain('status.forbidden');
  });

  it('a 5xx: inconclusive, said first', () => {
    const j = judged({ reply: { status: 503, body: { error: 'unavailable' } } });
    expect(j.verdict.summary).toMatch(/^Inconclusive: refused \(503\)/);
  });

  it('a 401 with a bare Bearer challenge and an empty body is never left without a finding', () => {
    const j = judged({
      reply: { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: '' },
    });
    // Nothing shows the server read the key (RFC 6750: a bare challenge is "no usable credential"):
    // the candidate is named, the verdict says it is not established.
    expect(j.verdict).toMatchObject({ status: 'inconclusive', cause: 'credential.invalid' });
  });

  it('AWS "Signature expired" with a 10-minute skew: net.clock-skew is the cause, no gateway', () => {
    const j = judged({
      reply: {
        status: 403,
        headers: {
          date: new Date(Date.UTC(2026, 0, 15, 12, 10, 0)).toUTCString(),
          'x-amzn-errortype': 'InvalidSignatureException',
          'x-amzn-requestid': 'r-1',
        },
        body: {
          message: 'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z',
        },
      },
    });
    expect(j.verdict.cause).toBe('net.clock-skew');
    expect(j.findings.map((f) => f.id)).not.toContain('layer.gateway');
    expect(j.findings.map((f) => f.id)).not.toContain('status.forbidden');
  });
});

describe('conclude: an ID token refused for its audience (issue 16)', () => {
  it('token.id-token is the one error; token.wrong-audience stays as a warning naming it', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const idToken = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: 'https://op.example.test', aud: 'client-1', azp: 'client-1', nonce: 'n0nce', sub: 'u1' })}.${'c2ln'.repeat(20)}`;
    const j = judged({
      key: idToken,
      reply: {
        status: 401,
        headers: {
          'WWW-Authenticate':
            'Bearer error="invalid_token", error_description="unexpected \\"aud\\" claim value"',
        },
        body: { error: 'invalid_token' },
      },
      keyFindings: [
        {
          id: 'token.id-token',
          confidence: 'definitive',
          evidence: ['the JWT is an OpenID ID token: a nonce claim'],
          data: { aud: 'client-1', marks: ['a nonce claim'] },
        },
      ],
    });
    expect(j.verdict.cause).toBe('token.id-token');
    expect(j.findings.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual([
      'token.id-token',
    ]);
    expect(j.severity('token.wrong-audience')).toBe('warning');
    expect(j.findings.find((f) => f.id === 'token.wrong-audience')?.evidence.join(' ')).toContain(
      'token.id-token',
    );
  });
});
