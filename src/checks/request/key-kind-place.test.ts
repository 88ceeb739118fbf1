import { fill, HEX, ALNUM } from '../../../test/support/key-samples.js';
import { keyKindElsewhere } from './key-kind-place.js';
import { checkTable } from './test-helpers.js';

/** A pre-2026 Cloudflare Global API Key: 37 hex characters. */
const globalKey = fill(HEX, 37, 'cf-global');
const apiToken = fill(ALNUM, 40, 'cf-token');

const cf6111 = {
  status: 400,
  body: {
    success: false,
    errors: [
      {
        code: 6003,
        message: 'Invalid request headers',
        error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
      },
    ],
    messages: [],
    result: null,
  },
};

checkTable(keyKindElsewhere, 'key.wrong-type', {
  finds: [
    {
      name: 'Cloudflare: the Global API Key sent as Bearer (6003/6111)',
      provider: 'cloudflare',
      key: globalKey,
      reply: cf6111,
      confidence: 'attributed',
      evidence: [/global key/, /goes in X-Auth-Key/, /Invalid format for Authorization header/],
      data: { provider: 'cloudflare' },
    },
    {
      name: 'the same key, a server wording it "Authorization header is malformed"',
      provider: 'cloudflare',
      key: globalKey,
      reply: { status: 401, body: { error: 'The Authorization header is malformed' } },
    },
  ],
  ok: [
    {
      name: 'an API token sent as Bearer and refused (credential.invalid, not its type)',
      provider: 'cloudflare',
      key: apiToken,
      reply: {
        status: 403,
        body: { success: false, errors: [{ code: 10000, message: 'Authentication error' }] },
      },
    },
    {
      name: 'the Global API Key in X-Auth-Key: its own placement',
      provider: 'cloudflare',
      key: globalKey,
      spot: { in: 'header', name: 'X-Auth-Key', scheme: null },
      reply: {
        status: 400,
        body: {
          errors: [
            { code: 9106, message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers' },
          ],
        },
      },
    },
    {
      name: 'the Global API Key as Bearer, but the answer says nothing of the format',
      provider: 'cloudflare',
      key: globalKey,
      reply: { status: 403, body: { errors: [{ code: 10000, message: 'Authentication error' }] } },
    },
    {
      name: 'a provider without a placement for a kind of its own',
      provider: 'openai',
      key: globalKey,
      reply: { status: 401, body: { error: 'Invalid format for Authorization header' } },
    },
    {
      name: 'no provider known',
      key: globalKey,
      reply: cf6111,
    },
  ],
});
