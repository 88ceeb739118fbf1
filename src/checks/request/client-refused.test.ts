import { describe, expect, it } from 'vitest';
import { clientRefused } from './client-refused.js';
import { evidenceOf, sampleKey } from './test-helpers.js';
import type { RequestEvidence } from '../../evidence/request.js';

const key = sampleKey('openai', 0);

/** The request never left: Node refused the header value (ERR_INVALID_CHAR). */
function refusedWith(value: string): RequestEvidence {
  const ev = evidenceOf({ key: value, reply: { status: 200 } });
  const final = {
    ...ev.final,
    result: {
      ok: false as const,
      error: {
        kind: 'client-refused' as const,
        code: 'ERR_INVALID_CHAR',
        message: 'Invalid character in header content ["Authorization"]',
      },
      elapsedMs: 0,
    },
    facts: undefined,
    accepted: false,
  };
  return { ...ev, final, chain: [final] };
}

describe('client-refused', () => {
  it.each<[string, string, string[]]>([
    [
      'qt-01: typographic quotes “…” around the key → key.quoted, not key.non-ascii',
      `\u201c${key}\u201d`,
      ['key.quoted'],
    ],
    ['‘…’ with spaces outside', ` \u2018${key}\u2019 `, ['key.quoted']],
    [
      'ch-01: a look-alike inside → key.non-ascii',
      `${key.slice(0, 10)}\u2212${key.slice(10)}`,
      ['key.non-ascii'],
    ],
    [
      'quotes around and an ellipsis inside → both',
      `\u201c${key.slice(0, 10)}\u2026${key.slice(10)}\u201d`,
      ['key.quoted', 'key.non-ascii'],
    ],
    ['ws-02: a trailing newline → key.newline', `${key}\n`, ['key.newline']],
    [
      'a zero-width space inside (above 255, but hidden) → key.invisible, not key.non-ascii',
      `${key.slice(0, 10)}\u200b${key.slice(10)}`,
      ['key.invisible'],
    ],
    ['a BOM in front → key.invisible', `\ufeff${key}`, ['key.invisible']],
    [
      'a look-alike and a zero-width space → both',
      `${key.slice(0, 10)}\u2212${key.slice(10, 20)}\u200b${key.slice(20)}`,
      ['key.non-ascii', 'key.invisible'],
    ],
  ])('%s', (_name, value, ids) => {
    const found = clientRefused.run(refusedWith(value));
    expect(found.map((f) => f.id)).toEqual(ids);
    expect(found.every((f) => f.confidence === 'confirmed')).toBe(true);
    expect(found[0]?.evidence[0]).toContain('refused to send the request: ERR_INVALID_CHAR');
    for (const line of found.flatMap((f) => f.evidence))
      expect(line).not.toContain(key.slice(8, 20));
  });
});
