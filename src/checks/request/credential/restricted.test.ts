import { restricted } from './restricted.js';
import { checkTable } from '../test-helpers.js';

checkTable(restricted, 'credential.restricted', {
  finds: [
    {
      name: "Google's referrer restriction",
      reply: {
        status: 403,
        body: {
          error: {
            message: 'Requests from referer <empty> are blocked.',
            status: 'PERMISSION_DENIED',
          },
        },
      },
      confidence: 'attributed',
      evidence: [/^403: .*referer/i],
    },
    {
      name: 'an IP allow-list',
      reply: { status: 401, body: { error: 'IP address 203.0.113.7 is not in the allowlist' } },
    },
  ],
  ok: [
    { name: 'a bare 403', reply: { status: 403 } },
    {
      name: 'restricted to some operations: a permission (key-permission)',
      reply: { status: 401, body: { message: 'This API key is restricted to only send emails' } },
    },
    {
      name: 'a WAF page that mentions IPs is status.waf-blocked',
      reply: {
        status: 403,
        body: 'Attention Required! Your IP address has been blocked by the web application firewall',
      },
    },
    {
      name: 'a 404 is not a restriction',
      reply: { status: 404, body: { error: 'restricted resource not found' } },
    },
    {
      name: 'no credential sent',
      spot: null,
      reply: { status: 403, body: { error: 'IP address 203.0.113.7 is not allowed' } },
    },
  ],
});
