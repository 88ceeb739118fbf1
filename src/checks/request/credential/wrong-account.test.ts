import { wrongAccount } from './wrong-account.js';
import { checkTable } from '../test-helpers.js';

checkTable(wrongAccount, 'credential.wrong-account', {
  finds: [
    {
      name: "OpenAI's organization mismatch",
      reply: {
        status: 401,
        body: {
          error: {
            message: 'OpenAI-Organization header should match organization for API key',
            code: 'mismatched_organization',
          },
        },
      },
      confidence: 'attributed',
      evidence: [/^401: .*organization/i],
    },
    {
      name: 'a project the key does not belong to',
      reply: { status: 403, body: { error: 'This key does not belong to project prj_123' } },
    },
  ],
  ok: [
    { name: 'a bare 401', reply: { status: 401 } },
    { name: 'accepted', reply: { status: 200, body: { organization: 'org-abc' } } },
    {
      name: 'no credential sent',
      spot: null,
      reply: { status: 403, body: { error: 'This key does not belong to project prj_123' } },
    },
  ],
});
