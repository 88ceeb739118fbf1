import { forbidden } from './forbidden.js';
import { checkTable } from '../test-helpers.js';

const html = { 'content-type': 'text/html; charset=utf-8' };

/** A block page of a WAF appliance (no vendor header, no WAF vocabulary in it). */
const BLOCK_PAGE =
  '<!DOCTYPE html><html><head><title>Request Rejected</title></head><body><h1>Request Rejected</h1><p>The requested URL was rejected. Please consult with your administrator.</p><p>Your support ID is: 1234567890</p></body></html>';

checkTable(forbidden, 'status.forbidden', {
  finds: [
    {
      name: 'a 403 naming no reason',
      reply: { status: 403, body: { message: 'Forbidden' } },
    },
    {
      name: 'a 403 naming a permission',
      reply: { status: 403, body: { message: 'Must have admin rights to Repository.' } },
    },
  ],
  ok: [
    {
      name: "a WAF's HTML block page, the same without the key (status.waf-blocked)",
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
      probes: { 'without-credential': { status: 403, headers: html, body: BLOCK_PAGE } },
    },
    {
      name: "nginx's stock 403 (deny all), the same without the key: the layer's own (layer.gateway)",
      reply: {
        status: 403,
        headers: { ...html, server: 'nginx' },
        body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      },
      probes: {
        'without-credential': {
          status: 403,
          headers: { ...html, server: 'nginx' },
          body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
        },
      },
    },
    {
      name: 'Datadog: a bare 403 the same without a key is its answer to an unknown key, not a known caller',
      provider: 'datadog',
      providerBy: 'flag',
      spot: { in: 'header', name: 'DD-API-KEY', scheme: null },
      reply: { status: 403, body: { errors: ['Forbidden'] } },
      probes: { 'without-credential': { status: 403, body: { errors: ['Forbidden'] } } },
    },
    {
      name: '403 {"errors":["Invalid API key"]}',
      reply: { status: 403, body: { errors: ['Invalid API key'] } },
    },
    {
      name: 'AWS-style 403: the security token included in the request is invalid',
      reply: {
        status: 403,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r-1' },
        body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
      },
    },
    {
      name: 'Datadog-style 403: Invalid API key or Application key',
      reply: { status: 403, body: { errors: ['Invalid API key or Application key'] } },
    },
    {
      name: '403 API rate limit exceeded, remaining 0',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded' },
      },
    },
    {
      name: '403 billing disabled',
      reply: {
        status: 403,
        body: {
          error: { message: 'Billing is disabled for this project', status: 'PERMISSION_DENIED' },
        },
      },
    },
    {
      name: '403 "Signature expired" with the server 10 minutes ahead',
      reply: {
        status: 403,
        headers: { date: new Date(Date.UTC(2026, 0, 15, 12, 10, 0)).toUTCString() },
        body: {
          message: 'Signature expired: 20260115T115500Z is now earlier than 20260115T120500Z',
        },
      },
    },
    {
      name: 'DRF 403: credentials were not provided',
      reply: { status: 403, body: { detail: 'Authentication credentials were not provided.' } },
    },
  ],
});
