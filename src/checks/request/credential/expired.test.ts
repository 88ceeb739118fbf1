import { credentialExpired } from './expired.js';
import { checkTable } from '../test-helpers.js';

checkTable(credentialExpired, 'credential.expired', {
  finds: [
    {
      name: 'a token that has expired',
      reply: { status: 401, body: { error: 'The token has expired. Please sign in again.' } },
    },
    {
      name: 'Bearer error_description "The access token expired"',
      reply: {
        status: 401,
        headers: {
          'www-authenticate':
            'Bearer error="invalid_token", error_description="The access token expired"',
        },
        body: '',
      },
    },
  ],
  ok: [
    {
      name: 'SendGrid-style "invalid, expired, or revoked": every way a key fails, none named',
      reply: {
        status: 401,
        body: {
          errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked' }],
        },
      },
    },
    {
      name: 'AWS "Signature expired": the request\'s time window, not the token (net.clock-skew)',
      reply: {
        status: 403,
        body: {
          message: 'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z',
        },
      },
    },
  ],
});
