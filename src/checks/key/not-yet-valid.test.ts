import { keyNotYetValid } from './not-yet-valid.js';
import { NOW, NOW_S, checkTable, jwt } from './test-helpers.js';

const server = { serverNow: NOW };

const HOUR = 3600;

const token = (claims: Record<string, unknown>) => jwt({ sub: 'user-1', ...claims });

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
