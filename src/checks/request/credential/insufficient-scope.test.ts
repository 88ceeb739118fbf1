import { insufficientScope } from './insufficient-scope.js';
import { BEARER, checkTable } from '../test-helpers.js';

checkTable(insufficientScope, 'credential.insufficient-scope', {
  finds: [
    {
      name: 'Notion-style 403 restricted_resource "Insufficient permissions for this endpoint."',
      provider: 'notion',
      reply: {
        status: 403,
        body: {
          object: 'error',
          status: 403,
          code: 'restricted_resource',
          message: 'Insufficient permissions for this endpoint.',
        },
      },
    },
    {
      name: 'a 403 naming a permission',
      reply: { status: 403, body: { message: 'The caller does not have permission' } },
    },
  ],
  ok: [
    {
      name: 'Google PERMISSION_DENIED for BILLING_DISABLED is quota, not scope',
      spot: BEARER,
      reply: {
        status: 403,
        body: {
          error: {
            message: 'This API method requires billing to be enabled.',
            status: 'PERMISSION_DENIED',
            details: [{ reason: 'BILLING_DISABLED' }],
          },
        },
      },
    },
  ],
});
