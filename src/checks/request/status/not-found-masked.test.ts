import { notFoundMasked } from './not-found-masked.js';
import { checkTable } from '../test-helpers.js';

const html = { 'content-type': 'text/html; charset=utf-8' };

checkTable(notFoundMasked, 'status.not-found-masked', {
  finds: [
    {
      name: 'sp-01: GitHub, the same 404 without the token',
      provider: 'github',
      url: 'https://api.github.com/repos/acme/private',
      reply: { status: 404, body: { message: 'Not Found' } },
      probes: { 'without-credential': { status: 404, body: { message: 'Not Found' } } },
      confidence: 'confirmed',
    },
    {
      name: 'Notion: its error shapes say a 404 means "not shared with the integration"',
      provider: 'notion',
      url: 'https://api.notion.com/v1/pages/abc',
      reply: { status: 404, body: { object: 'error', code: 'object_not_found' } },
      confidence: 'attributed',
    },
    {
      name: 'an unknown server: 401 without the credential, a bare 404 with it',
      reply: { status: 404, body: { message: 'Not Found' } },
      probes: {
        'without-credential': { status: 401, body: { message: 'Requires authentication' } },
      },
      evidence: [/without the credential: 401; with it: 404/],
    },
    {
      name: 'X-Accepted-OAuth-Scopes on the 404',
      reply: {
        status: 404,
        headers: { 'x-accepted-oauth-scopes': 'repo' },
        body: { message: 'Not Found' },
      },
    },
  ],
  ok: [
    {
      name: 'Express "Cannot GET" from an unknown server, the same without the credential',
      reply: { status: 404, headers: html, body: '<pre>Cannot GET /v1/resource</pre>' },
      probes: {
        'without-credential': {
          status: 404,
          headers: html,
          body: '<pre>Cannot GET /v1/resource</pre>',
        },
      },
    },
    {
      name: '{"error":"Route not found"} from an unknown server',
      reply: { status: 404, body: { error: 'Route not found' } },
    },
    {
      name: 'OpenAI (not a provider that hides resources), a bare 404',
      provider: 'openai',
      url: 'https://api.openai.com/v1/nope',
      reply: { status: 404, body: { error: { message: 'Not found' } } },
    },
    {
      name: 'no credential sent',
      spot: null,
      provider: 'github',
      url: 'https://api.github.com/repos/acme/private',
      reply: { status: 404, body: { message: 'Not Found' } },
    },
  ],
});
