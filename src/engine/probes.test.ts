import { describe, expect, it } from 'vitest';
import { evidenceOf, KEY } from '../checks/request/test-helpers.js';
import type { RawFinding } from '../findings/types.js';
import type { Spot } from '../evidence/credential-place.js';
import { MAX_REQUESTS, planProbes } from './probes.js';

function plan(spot: Spot, status: number) {
  const ev = evidenceOf({
    spot,
    reply: { status, body: status < 300 ? { data: [] } : { error: 'Unauthorized' } },
  });
  return planProbes({
    first: ev.final.request,
    final: ev.final,
    credential: ev.credential,
    provider: null,
    keyFindings: [],
    usedProxy: false,
    providerBy: 'none',
    budget: MAX_REQUESTS - 1,
  });
}

describe('planProbes: the scheme-case probe (issue 14)', () => {
  it('`authorization: bearer` refused: one probe with `Bearer`, the rest of the request unchanged', () => {
    const p = plan({ in: 'header', name: 'Authorization', scheme: 'bearer' }, 401);
    const probes = p.probes.filter((x) => x.name === 'scheme-case');
    expect(probes).toHaveLength(1);
    const header = probes[0]?.request.headers.find(([n]) => n === 'Authorization')?.[1] ?? '';
    expect(header.startsWith('Bearer ')).toBe(true);
    expect(p.probes.length + p.alternatives.length).toBeLessThanOrEqual(MAX_REQUESTS - 1);
  });
  it('`BASIC` → `Basic`, `token` → `Token`', () => {
    for (const [sent, want] of [
      ['BASIC', 'Basic'],
      ['token', 'Token'],
    ] as const) {
      const p = plan({ in: 'header', name: 'Authorization', scheme: sent }, 403);
      const h = p.probes.find((x) => x.name === 'scheme-case')?.request.headers[0]?.[1] ?? '';
      expect(h.startsWith(`${want} `)).toBe(true);
    }
  });
  it('none for the canonical case, or an accepted answer', () => {
    expect(
      plan({ in: 'header', name: 'Authorization', scheme: 'Bearer' }, 401).probes.map(
        (x) => x.name,
      ),
    ).not.toContain('scheme-case');
    expect(
      plan({ in: 'header', name: 'Authorization', scheme: 'bearer' }, 200).probes.map(
        (x) => x.name,
      ),
    ).not.toContain('scheme-case');
  });
});

describe('planProbes: a refused OAuth token is not moved to other headers (issue 16)', () => {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' })}.${b64({ iss: 'https://op.example.test', aud: 'https://api.example.test', sub: 'svc' })}.${'c2ln'.repeat(20)}`;
  const jwe = `${b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })}.${'a'.repeat(40)}.${'b'.repeat(16)}.${'c'.repeat(40)}.${'d'.repeat(22)}`;
  const bearer: Spot = { in: 'header', name: 'Authorization', scheme: 'Bearer' };
  function planFor(key: string, challenge: string | undefined, keyFindings: RawFinding[] = []) {
    const ev = evidenceOf({
      spot: bearer,
      key,
      reply: {
        status: 401,
        ...(challenge !== undefined ? { headers: { 'WWW-Authenticate': challenge } } : {}),
        body: { error: 'Unauthorized' },
      },
    });
    return planProbes({
      first: ev.final.request,
      final: ev.final,
      credential: ev.credential,
      provider: null,
      keyFindings,
      usedProxy: false,
      providerBy: 'none',
      budget: MAX_REQUESTS - 1,
    });
  }
  const invalidToken = 'Bearer realm="api", error="invalid_token", error_description="bad aud"';

  it.each([
    ['a JWT', jwt],
    ['a JWE', jwe],
  ])('%s refused with error="invalid_token": no placement alternatives', (_, key) => {
    const p = planFor(key, invalidToken);
    expect(p.alternatives).toEqual([]);
    // the without-credential probe still compares the answers
    expect(p.probes.map((x) => x.name)).toContain('without-credential');
  });
  it('a JWT with a token.* key finding: no placement alternatives', () => {
    const p = planFor(jwt, 'Bearer realm="api"', [
      { id: 'token.id-token', confidence: 'definitive', evidence: [], data: {} } as RawFinding,
    ]);
    expect(p.alternatives).toEqual([]);
  });
  it('controls: an opaque key, or a JWT refused without invalid_token, still tries placements', () => {
    expect(planFor(KEY, invalidToken).alternatives.length).toBeGreaterThan(0);
    expect(planFor(jwt, 'Bearer realm="api"').alternatives.length).toBeGreaterThan(0);
    expect(planFor(jwt, undefined).alternatives.length).toBeGreaterThan(0);
  });
});
