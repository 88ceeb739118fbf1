import { serverError } from './server-error.js';
import { checkTable } from '../test-helpers.js';

checkTable(serverError, 'status.server-error', {
  finds: [
    {
      name: '500',
      reply: { status: 500, body: { error: 'internal' } },
      confidence: 'definitive',
      evidence: [/^500 .*: the server failed; the key's validity cannot be told$/],
      data: { status: 500 },
    },
    { name: '502 from a gateway', reply: { status: 502 }, data: { status: 502 } },
    { name: '503 with Retry-After', reply: { status: 503, headers: { 'retry-after': '30' } } },
    { name: '599, the last of the class', reply: { status: 599 } },
  ],
  ok: [
    { name: 'a 401', reply: { status: 401 } },
    { name: 'a 429', reply: { status: 429 } },
    { name: 'accepted', reply: { status: 200 } },
    {
      name: 'no answer at all: net-reach says so',
      reply: { status: 500 },
      error: { kind: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
    },
  ],
});
