import { errorInBody } from './error-in-body.js';
import { checkTable } from '../test-helpers.js';

const html = { 'content-type': 'text/html; charset=utf-8' };

checkTable(errorInBody, 'status.error-in-body', {
  finds: [
    {
      name: 'wv-05: Slack-style 200 ok:false invalid_auth',
      reply: { status: 200, body: { ok: false, error: 'invalid_auth' } },
    },
    {
      name: 'GraphQL 200: errors with extensions.code UNAUTHENTICATED and data null',
      reply: {
        status: 200,
        body: {
          errors: [{ message: 'You must be signed in', extensions: { code: 'UNAUTHENTICATED' } }],
          data: null,
        },
      },
      data: { bodyCode: 'UNAUTHENTICATED' },
    },
    {
      name: 'New Relic-style GraphQL 200: errors classed by extensions.errorClass, every data field null',
      reply: {
        status: 200,
        body: {
          data: { requestContext: null },
          errors: [{ message: 'Invalid API key', extensions: { errorClass: 'UNAUTHORIZED' } }],
        },
      },
      data: { bodyCode: 'UNAUTHORIZED' },
    },
    {
      name: 'a 400 whose words blame the key sent: only heuristic here (credential.invalid names it)',
      spot: { in: 'query', name: 'key' },
      reply: {
        status: 400,
        body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.' } },
      },
      confidence: 'heuristic',
    },
    {
      name: 'GraphQL 200: partial data, but an error coded FORBIDDEN',
      reply: {
        status: 200,
        body: {
          data: { viewer: null },
          errors: [{ message: 'Access denied for this field', extensions: { code: 'FORBIDDEN' } }],
        },
      },
    },
    {
      name: 'a 200 HTML page: "Invalid Azure Subscription key"',
      reply: {
        status: 200,
        headers: html,
        body: '<html><body><h1>Argument Exception</h1><p>Method: Translate()</p><p>Message: Invalid Azure Subscription key.</p></body></html>',
      },
      evidence: [/Invalid Azure Subscription key/],
    },
    {
      name: 'a 200 text/plain "Missing API key"',
      reply: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'Missing API key' },
    },
    {
      name: 'Gemini-style 400 API_KEY_INVALID',
      reply: {
        status: 400,
        body: { error: { message: 'API key not valid.', status: 'INVALID_ARGUMENT' } },
      },
    },
  ],
  ok: [
    { name: 'a 200 with data', reply: { status: 200, body: { data: [] } } },
    {
      name: 'a 200 HTML page that is content',
      reply: {
        status: 200,
        headers: html,
        body: '<html><body><h1>Docs</h1><p>Pass an invalid value to see errors.</p></body></html>',
      },
    },
    {
      name: 'a 200 sign-in form is status.login-redirect',
      reply: {
        status: 200,
        headers: html,
        body: '<html><title>Sign in</title><form><input type="password" name="p"></form></html>',
      },
    },
    {
      name: 'Stripe-style 400 resource_missing: not about the credential',
      reply: {
        status: 400,
        body: {
          error: {
            code: 'resource_missing',
            message: "No such customer: 'cus_1'",
            type: 'invalid_request_error',
          },
        },
      },
    },
    {
      name: 'Stripe-style 400 of a live key on a test object: key.wrong-environment',
      reply: {
        status: 400,
        body: {
          error: {
            code: 'resource_missing',
            message:
              "No such customer: 'cus_1'; a similar object exists in test mode, but a live mode key was used to make this request.",
          },
        },
      },
    },
    {
      name: 'a 400 missing parameter',
      reply: { status: 400, body: { error: 'Missing required parameter: model' } },
    },
    {
      name: '200 ok:false channel_not_found',
      reply: { status: 200, body: { ok: false, error: 'channel_not_found' } },
    },
  ],
});
