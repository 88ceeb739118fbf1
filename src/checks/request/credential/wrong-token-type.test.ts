import { wrongTokenType } from './wrong-token-type.js';
import { checkTable } from '../test-helpers.js';

checkTable(wrongTokenType, 'key.wrong-type', {
  finds: [
    {
      name: 'Slack: 200 {"ok":false,"error":"not_allowed_token_type"}',
      reply: { status: 200, body: { ok: false, error: 'not_allowed_token_type' } },
      confidence: 'attributed',
      evidence: [/not_allowed_token_type/],
    },
    {
      name: 'a user token where a bot token is required: the kind wanted is named',
      reply: {
        status: 403,
        body: { message: 'You passed a user token where a bot token is required' },
      },
      data: { expectedKinds: ['bot token'] },
    },
    {
      name: '401 "Invalid token type"',
      reply: { status: 401, body: { error: 'Invalid token type' } },
    },
    {
      name: '"This method requires a bot token"',
      reply: { status: 401, body: { message: 'This method requires a bot token' } },
      data: { expectedKinds: ['bot token'] },
    },
  ],
  ok: [
    { name: 'an invalid token', reply: { status: 401, body: { message: 'Invalid token' } } },
    {
      name: 'accepted',
      reply: { status: 200, body: { ok: true, token_type: 'bot' } },
    },
  ],
});
