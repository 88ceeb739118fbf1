import { wafBlocked } from './waf-blocked.js';
import { checkTable } from '../test-helpers.js';

const html = { 'content-type': 'text/html; charset=utf-8' };

/** A block page of a WAF appliance (no vendor header, no WAF vocabulary in it). */
const BLOCK_PAGE =
  '<!DOCTYPE html><html><head><title>Request Rejected</title></head><body><h1>Request Rejected</h1><p>The requested URL was rejected. Please consult with your administrator.</p><p>Your support ID is: 1234567890</p></body></html>';

checkTable(wafBlocked, 'status.waf-blocked', {
  finds: [
    {
      name: 'wf-01: Cloudflare 1010',
      reply: { status: 403, headers: { ...html, 'cf-ray': 'r' }, body: 'error code: 1010' },
    },
    {
      name: 'an HTML 403 page of its own, no challenge, the very same without the key',
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
      probes: { 'without-credential': { status: 403, headers: html, body: BLOCK_PAGE } },
      confidence: 'attributed',
      evidence: [/HTML block page of its own/, /the key played no part/],
    },
  ],
  ok: [
    {
      name: 'the HTML 403 page without the probe: nothing shows the key played no part',
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
    },
    {
      name: 'an HTML 403 that differs without the key',
      reply: { status: 403, headers: html, body: BLOCK_PAGE },
      probes: { 'without-credential': { status: 401, headers: html, body: 'Log in first' } },
    },
    {
      name: 'a JSON 403 the same without the key (an API, not a filter page)',
      reply: { status: 403, body: { message: 'Forbidden' } },
      probes: { 'without-credential': { status: 403, body: { message: 'Forbidden' } } },
    },
    {
      name: 'an HTML 403 that speaks of the token',
      reply: {
        status: 403,
        headers: html,
        body: '<html><body>Your token may not do this</body></html>',
      },
      probes: {
        'without-credential': {
          status: 403,
          headers: html,
          body: '<html><body>Your token may not do this</body></html>',
        },
      },
    },
  ],
});
