import { keyLimitedTo } from './key-permission.js';
import { restricted } from './restricted.js';
import { checkTable } from '../test-helpers.js';

const resend = {
  status: 401,
  body: {
    statusCode: 401,
    name: 'restricted_api_key',
    message: 'This API key is restricted to only send emails.',
  },
};

checkTable(keyLimitedTo, 'credential.insufficient-scope', {
  finds: [
    {
      name: 'Resend: a sending-only key on GET /domains (401 restricted_api_key)',
      reply: resend,
      confidence: 'attributed',
      evidence: [/restricted to only send/, /it read the key/],
    },
    {
      name: 'a key limited to read access, on a write',
      reply: { status: 403, body: { error: 'This key is limited to read access.' } },
    },
    {
      name: 'a token that can only be used to send',
      reply: { status: 403, body: { message: 'This token can only be used to send messages' } },
    },
    {
      name: 'a read-only API key',
      reply: {
        status: 403,
        body: { errors: [{ message: 'Read-only API key: writes are not allowed' }] },
      },
    },
    {
      name: 'a key that only has read permissions',
      reply: { status: 401, body: { detail: 'The API key only has read permissions' } },
    },
  ],
  ok: [
    {
      name: 'a key restricted to referrers (credential.restricted)',
      reply: {
        status: 403,
        body: {
          error: {
            message: 'Requests from referer <empty> are blocked.',
            status: 'PERMISSION_DENIED',
          },
        },
      },
    },
    {
      name: 'a key restricted to some IP addresses',
      reply: {
        status: 403,
        body: { message: 'This API key is restricted to only the allowed IP addresses' },
      },
    },
    {
      name: 'an accepted answer with the same words',
      reply: { status: 200, body: { note: 'This API key is restricted to only send emails.' } },
    },
    { name: 'an unknown key', reply: { status: 401, body: { message: 'API key is invalid' } } },
  ],
});

checkTable(restricted, 'credential.restricted', {
  finds: [
    {
      name: 'still: a key restricted to an IP allow-list',
      reply: { status: 403, body: { message: 'IP address not in the allow-list of this key' } },
    },
  ],
  ok: [
    {
      name: 'a key restricted to sending is a permission, not a restriction of origin',
      reply: resend,
    },
  ],
});
