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
