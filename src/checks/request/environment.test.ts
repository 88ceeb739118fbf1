import { environmentSaid } from './environment.js';
import { checkTable } from './test-helpers.js';

checkTable(environmentSaid, 'key.wrong-environment', {
  finds: [
    {
      name: 'Stripe-style 400: a similar object exists in test mode, but a live mode key was used',
      reply: {
        status: 400,
        body: {
          error: {
            code: 'resource_missing',
            message:
              "No such customer: 'cus_1'; a similar object exists in test mode, but a live mode key was used to make this request.",
            type: 'invalid_request_error',
          },
        },
      },
      confidence: 'attributed',
      data: { environment: 'live' },
    },
    {
      name: 'a 401: sandbox keys cannot be used in production',
      reply: {
        status: 401,
        body: { message: 'Sandbox API keys cannot be used with the production environment' },
      },
      data: { environment: 'sandbox' },
    },
  ],
  ok: [
    {
      name: 'a 400 resource_missing without a word of modes',
      reply: {
        status: 400,
        body: { error: { code: 'resource_missing', message: "No such customer: 'cus_1'" } },
      },
    },
    {
      name: 'accepted',
      reply: { status: 200, body: { livemode: false, data: [] } },
    },
    {
      name: 'a test mode key on a test object: a 404 about the id only',
      reply: { status: 404, body: { error: { message: 'No such price' } } },
    },
  ],
});
