import { noRoute } from './no-route.js';
import { checkTable } from '../test-helpers.js';

const json = { 'content-type': 'application/json' };

const html = { 'content-type': 'text/html; charset=utf-8' };

checkTable(noRoute, 'status.no-route', {
  finds: [
    {
      name: 'gw-06: API Gateway 403 Missing Authentication Token',
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
        body: { message: 'Missing Authentication Token' },
      },
      data: { kind: 'gateway' },
      evidence: [
        /403 "Missing Authentication Token" \(AWS API Gateway: x-amzn-errortype: MissingAuthenticationTokenException\)/,
      ],
    },
    {
      name: 'another gateway\'s 403 in words of the route topic (Kong\'s "no Route matched")',
      reply: {
        status: 403,
        headers: { ...json, 'x-kong-request-id': 'k' },
        body: { message: 'no Route matched with those values' },
      },
      data: { kind: 'gateway' },
      evidence: [/\(Kong: header x-kong-request-id\)/],
    },
    {
      name: "API Gateway's error type alone, no words: the layer's fact says it",
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
        body: '',
      },
      data: { kind: 'gateway' },
    },
    {
      name: 'a 404 "Missing Authentication Token": a 404 of a path that matched nothing',
      reply: { status: 404, headers: json, body: { message: 'Missing Authentication Token' } },
      confidence: 'attributed',
      data: { kind: 'not-found' },
    },
    {
      name: 'Express 404 "Cannot GET /v1/resource" from an unknown server',
      url: 'https://api.example.test/v1/resource',
      reply: {
        status: 404,
        headers: { ...html, 'x-powered-by': 'Express' },
        body: '<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot GET /v1/resource</pre></body></html>',
      },
      confidence: 'attributed',
      data: { kind: 'not-found', path: '/v1/resource' },
    },
    {
      name: '404 {"error":"Route not found"}, the same without the credential',
      reply: { status: 404, headers: json, body: { error: 'Route not found' } },
      probes: { 'without-credential': { status: 404, body: { error: 'Route not found' } } },
      confidence: 'confirmed',
      evidence: [/the very same 404 without any credential/],
    },
    {
      name: 'a bare 404 of an unknown server, nothing else known',
      reply: { status: 404, body: { error: 'not found' } },
      confidence: 'heuristic',
    },
    {
      name: 'a route 404 behind auth: 401 without the key, Cannot GET with it',
      reply: { status: 404, headers: html, body: '<pre>Cannot GET /v1/nope</pre>' },
      probes: { 'without-credential': { status: 401, body: { error: 'unauthorized' } } },
    },
  ],
  ok: [
    {
      name: "Telegram-style: a 404 the same without a key, but the key in the provider's place (the path) was accepted",
      provider: 'telegram',
      providerBy: 'flag',
      reply: { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } },
      probes: {
        'without-credential': {
          status: 404,
          body: { ok: false, error_code: 404, description: 'Not Found' },
        },
        'expected-placement': { status: 200, body: { ok: true, result: { id: 1 } } },
      },
    },
    {
      name: 'sp-01: GitHub hides private resources behind 404',
      provider: 'github',
      url: 'https://api.github.com/repos/acme/private',
      reply: { status: 404, body: { message: 'Not Found' } },
    },
    {
      name: 'a 404 naming the scopes it wants',
      reply: {
        status: 404,
        headers: { 'x-accepted-oauth-scopes': 'repo' },
        body: { message: 'Not Found' },
      },
    },
    {
      name: 'a 404 that depends on the credential: 401 without it, a bare "Not Found" with it',
      reply: { status: 404, body: { message: 'Not Found' } },
      probes: {
        'without-credential': { status: 401, body: { message: 'Requires authentication' } },
      },
    },
    { name: 'a 401', reply: { status: 401, body: { error: 'route not found' } } },
    {
      name: 'a 401 "Missing Authentication Token": an auth status, not the gateway\'s 403',
      reply: { status: 401, body: { message: 'Missing Authentication Token' } },
    },
    {
      name: 'a 403 of a gateway in words of no route topic',
      reply: { status: 403, headers: { 'x-kong-request-id': 'k' }, body: { message: 'Forbidden' } },
    },
  ],
});
