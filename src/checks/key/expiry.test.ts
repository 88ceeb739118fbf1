import { describe, expect, it } from 'vitest';
import { keyExpired, keyExpiringSoon, keyNotYetValid, ago } from './expiry.js';
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

checkTable(keyNotYetValid, 'key.not-yet-valid', {
  finds: [
    {
      name: 'ck-04: iat an hour in the verifier’s future ("used before issued")',
      value: token({ iat: NOW_S + HOUR, exp: NOW_S + 2 * HOUR }),
      ctx: server,
      evidence: ['JWT iat', '1 hour ahead of the server clock'],
    },
    {
      name: 'ck-05: nbf 3 s ahead of the server ("can\'t be used before")',
      value: token({ nbf: NOW_S + 3, exp: NOW_S + HOUR }),
      ctx: server,
      evidence: ['JWT nbf', '3 seconds ahead of the server clock'],
    },
    { name: 'nbf 10 minutes ahead', value: token({ nbf: NOW_S + 600 }), ctx: server },
    { name: 'iat 31 s ahead', value: token({ iat: NOW_S + 31 }), ctx: server },
  ],
  ok: [
    { name: 'iat now', value: token({ iat: NOW_S, exp: NOW_S + HOUR }), ctx: server },
    {
      name: 'iat a few seconds ahead (issuer clock noise)',
      value: token({ iat: NOW_S + 3 }),
      ctx: server,
    },
    { name: 'nbf in the past', value: token({ nbf: NOW_S - 10 }), ctx: server },
    { name: 'nbf exactly now', value: token({ nbf: NOW_S }), ctx: server },
    { name: 'no time claims', value: token({}), ctx: server },
  ],
});

checkTable(keyExpiringSoon, 'key.expiring-soon', {
  finds: [
    {
      name: 'exp in 2 days',
      value: token({ exp: NOW_S + 2 * DAY }),
      ctx: server,
      evidence: ['expires in 2 days'],
    },
    { name: 'exp in an hour', value: token({ exp: NOW_S + HOUR }), ctx: server },
    { name: 'exp in just under 7 days', value: token({ exp: NOW_S + 7 * DAY - 60 }), ctx: server },
    {
      name: 'a 1-hour OAuth token with 5 minutes left (past 90% of its life)',
      value: token({ iat: NOW_S - 55 * 60, exp: NOW_S + 5 * 60 }),
      ctx: server,
      evidence: ['expires in 5 minutes', 'of a 1 hour lifetime'],
    },
    {
      name: 'a 24-hour token with 2 hours left',
      value: token({ iat: NOW_S - 22 * HOUR, exp: NOW_S + 2 * HOUR }),
      ctx: server,
    },
    {
      name: 'a 90-day token with 3 days left (long-lived: 7 days as before)',
      value: token({ iat: NOW_S - 87 * DAY, exp: NOW_S + 3 * DAY }),
      ctx: server,
    },
    {
      name: 'a 10-minute token with 30 s left, lifetime from nbf',
      value: token({ nbf: NOW_S - 570, exp: NOW_S + 30 }),
      ctx: server,
    },
  ],
  ok: [
    { name: 'exp in 8 days', value: token({ exp: NOW_S + 8 * DAY }), ctx: server },
    {
      name: 'a fresh 1-hour OAuth access token (meant to expire soon)',
      value: token({ iat: NOW_S - 60, exp: NOW_S + HOUR - 60 }),
      ctx: server,
    },
    {
      name: 'a 1-hour token half used',
      value: token({ iat: NOW_S - 30 * 60, exp: NOW_S + 30 * 60 }),
      ctx: server,
    },
    {
      name: 'a 5-minute token with 1 minute left (20% of its life)',
      value: token({ iat: NOW_S - 4 * 60, exp: NOW_S + 60 }),
      ctx: server,
    },
    {
      name: 'a 24-hour token with 12 hours left',
      value: token({ iat: NOW_S - 12 * HOUR, exp: NOW_S + 12 * HOUR }),
      ctx: server,
    },
    {
      name: 'a 90-day token with 30 days left',
      value: token({ iat: NOW_S - 60 * DAY, exp: NOW_S + 30 * DAY }),
      ctx: server,
    },
    { name: 'already expired (key.expired)', value: token({ exp: NOW_S - 1 }), ctx: server },
    { name: 'no exp', value: token({}), ctx: server },
  ],
});

describe('expiry', () => {
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

  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [-7200, '2 hours'],
    [86400, '1 day'],
    [3 * 86400 + 5, '3 days'],
  ])('ago(%d) = %s', (s, text) => {
    expect(ago(s)).toBe(text);
  });
});
