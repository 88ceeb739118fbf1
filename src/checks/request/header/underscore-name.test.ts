import { underscoreName } from './underscore-name.js';
import { checkTable } from '../test-helpers.js';

const X_API_KEY = { in: 'header', name: 'x_api_key', scheme: null } as const;

checkTable(underscoreName, 'header.underscore-name', {
  finds: [
    {
      name: 'refused, the answer says no credential arrived: the header was dropped',
      spot: X_API_KEY,
      reply: { status: 401, body: { error: 'Missing API key' } },
      confidence: 'attributed',
      evidence: [
        'the credential header "x_api_key" has an underscore',
        'the answer (401) says no credential arrived',
      ],
      data: { headerName: 'x_api_key' },
    },
    {
      name: 'accepted: still a header some servers drop',
      spot: X_API_KEY,
      reply: { status: 200 },
      confidence: 'definitive',
    },
    {
      name: 'refused for another reason: the underscore is a fact, not the cause',
      spot: X_API_KEY,
      reply: { status: 403, body: { error: 'Forbidden' } },
      confidence: 'definitive',
    },
  ],
  ok: [
    {
      name: 'a hyphenated header',
      spot: { in: 'header', name: 'x-api-key', scheme: null },
      reply: { status: 401 },
    },
    { name: 'Authorization', reply: { status: 401 } },
    { name: 'in the query string', spot: { in: 'query', name: 'api_key' }, reply: { status: 401 } },
    { name: 'no credential', spot: null, reply: { status: 401 } },
  ],
});
