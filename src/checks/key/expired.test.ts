import { describe, expect, it } from 'vitest';
import { keyExpired } from './expired.js';
import { NOW, NOW_S, checkTable, evidence, jwt } from './test-helpers.js';

const server = { serverNow: NOW };

const HOUR = 3600;

const DAY = 24 * HOUR;

const token = (claims: Record<string, unknown>) => jwt({ sub: 'user-1', ...claims });

checkTable(keyExpired, 'key.expired', {
  finds: [
    {
      name: 'exp an hour ago by the server clock',
      value: token({ exp: NOW_S - HOUR }),
      ctx: server,
      evidence: [
        'expired 1 hour ago by the server clock',
        new Date((NOW_S - HOUR) * 1000).toISOString(),
      ],
    },
    { name: 'exp a second ago', value: token({ exp: NOW_S - 1 }), ctx: server },
    { name: 'exp exactly now', value: token({ exp: NOW_S }), ctx: server },
    {
      name: 'ck-07: a token issued already expired',
      value: token({ iat: NOW_S - 2 * HOUR, exp: NOW_S - HOUR }),
      ctx: server,
    },
    { name: 'expired years ago, by the local clock', value: token({ exp: 1_000_000_000 }) },
    { name: 'after a scheme', value: `Bearer ${token({ exp: NOW_S - DAY })}`, ctx: server },
    { name: 'quoted with a newline', value: `"${token({ exp: NOW_S - DAY })}"\n`, ctx: server },
  ],
  ok: [
    { name: 'exp in 30 days', value: token({ exp: NOW_S + 30 * DAY }), ctx: server },
    { name: 'exp in a second', value: token({ exp: NOW_S + 1 }), ctx: server },
    { name: 'no exp claim', value: token({}), ctx: server },
    { name: 'a non-numeric exp', value: token({ exp: String(NOW_S - DAY) }), ctx: server },
    {
      name: 'a JWT that does not decode',
      value: `${token({ exp: 1 }).slice(0, 30)}.x.y`,
      ctx: server,
    },
    { name: 'not a JWT', value: 'not-a-jwt', ctx: server },
  ],
});

describe('key.expired by whose clock', () => {
  it('uses the server clock when given, else the local one', () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const t = token({ exp });
    // By the local clock it is still valid; by a server clock 2 minutes ahead it has expired.
    expect(keyExpired.run(evidence(t)).length).toBe(0);
    const late = keyExpired.run(evidence(t, { serverNow: Date.now() + 120_000 }));
    expect(late.map((f) => f.id)).toEqual(['key.expired']);
    expect(late[0]?.evidence.join(' ')).toContain('server clock');
    expect(evidence(t).clock).toBe('local');
  });
});
