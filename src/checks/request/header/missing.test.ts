import { headerMissing } from './missing.js';
import { checkTable } from '../test-helpers.js';

checkTable(headerMissing, 'header.missing', {
  finds: [
    {
      name: 'no credential, 401',
      spot: null,
      reply: { status: 401, body: { message: 'Unauthorized' } },
    },
    {
      name: 'xAI-style: no credential, and a 400 "Incorrect API key provided: ."',
      spot: null,
      reply: {
        status: 400,
        body: {
          code: 'Client specified an invalid argument',
          error:
            'Incorrect API key provided: . You can obtain an API key from https://console.x.ai.',
        },
      },
    },
  ],
  ok: [
    {
      name: 'no credential, but a 400 about the request',
      spot: null,
      reply: { status: 400, body: { error: { message: "Invalid value for 'model'" } } },
    },
    {
      name: 'a credential was sent',
      reply: { status: 401, body: { message: 'Unauthorized' } },
    },
  ],
});
