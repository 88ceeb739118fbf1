import { describe, expect, it } from 'vitest';
import { evidenceOf } from '../checks/request/test-helpers.js';
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
