import { keyExpiringSoon } from './expiring-soon.js';
import { NOW, NOW_S, checkTable, jwt } from './test-helpers.js';

const server = { serverNow: NOW };

const HOUR = 3600;

const DAY = 24 * HOUR;

const token = (claims: Record<string, unknown>) => jwt({ sub: 'user-1', ...claims });

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
  ],
  ok: [
    { name: 'exp in 8 days', value: token({ exp: NOW_S + 8 * DAY }), ctx: server },
    { name: 'already expired (key.expired)', value: token({ exp: NOW_S - 1 }), ctx: server },
    { name: 'no exp', value: token({}), ctx: server },
  ],
});
