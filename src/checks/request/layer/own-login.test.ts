import { describe, expect, it } from 'vitest';
import { layerFindings } from '../../../findings/catalog/layer.js';
import type { FindingData } from '../../../findings/types.js';
import { gateway } from './gateway.js';
import { layerLogin, platformPage } from './own-login.js';
import { evidenceOf, type Scenario } from '../test-helpers.js';

const XAPI = { in: 'header', name: 'x-api-key', scheme: null } as const;

/** The finding's data, and its fix as the catalog words it. */
function judged(s: Scenario, ev = evidenceOf(s)): { data: FindingData; fix: string } {
  const f = gateway.run(ev).find((x) => x.id === 'layer.gateway');
  expect(f, 'no layer.gateway').toBeDefined();
  const data = f?.data ?? {};
  const spec = layerFindings['layer.gateway'];
  return { data, fix: typeof spec.fix === 'string' ? spec.fix : spec.fix(data) };
}

// ---------------------------------------------------------------------------------------------
// issue 14: who answers. A Basic challenge of a layer in front is its own login, not "use Basic";
// the provider's own documented answer through the gateway it runs is the API answering.

const TRAEFIK_401 = {
  status: 401,
  headers: {
    'content-type': 'text/plain; charset=utf-8',
    'www-authenticate': 'Basic realm="traefik"',
  },
  body: '401 Unauthorized\n',
};

const NETLIFY_BASIC = {
  status: 401,
  headers: {
    'content-type': 'text/plain; charset=utf-8',
    server: 'Netlify',
    'x-nf-request-id': '01J0ABCDEF',
    'www-authenticate': 'Basic realm="Netlify"',
  },
  body: 'Unauthorized',
};

const PLAIN_BASIC = {
  status: 401,
  headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="Restricted"' },
  body: 'Unauthorized',
};

describe('layerLogin: a layer asking for its own login (issue 14)', () => {
  it.each([
    [
      'Traefik BasicAuth: the realm names Traefik, the same without the key',
      { reply: TRAEFIK_401, probes: { 'without-credential': TRAEFIK_401 } },
      'Traefik',
    ],
    [
      'Netlify\'s site password: realm "Netlify" and x-nf-request-id, the key in x-api-key',
      { reply: NETLIFY_BASIC, spot: XAPI, probes: { 'without-credential': NETLIFY_BASIC } },
      'Netlify',
    ],
    [
      'a Bearer provider (OpenAI) behind something that challenges for Basic, none of its documented answers',
      {
        provider: 'openai',
        providerBy: 'flag' as const,
        reply: PLAIN_BASIC,
        probes: { 'without-credential': PLAIN_BASIC },
      },
      undefined,
    ],
  ])('%s', (_name, s, name) => {
    const login = layerLogin(evidenceOf(s));
    expect(login).toBeDefined();
    expect(login?.evidence).toMatch(/while the key went as (Authorization: Bearer|x-api-key:) …/);
    expect(login?.name).toBe(name);
    expect(login?.challenge.scheme).toBe('basic');
  });

  it.each([
    [
      'an unknown API challenging for Basic with a realm that names no layer (maybe it wants Basic)',
      { reply: PLAIN_BASIC, probes: { 'without-credential': PLAIN_BASIC } },
    ],
    [
      'a provider that takes Basic (Twilio) challenges for it: the API asks, not a layer',
      {
        provider: 'twilio',
        providerBy: 'flag' as const,
        reply: PLAIN_BASIC,
        probes: { 'without-credential': PLAIN_BASIC },
      },
    ],
    [
      'the realm names Traefik but the answer changes without the key: something read it',
      {
        reply: TRAEFIK_401,
        probes: { 'without-credential': { ...TRAEFIK_401, body: 'no credentials\n' } },
      },
    ],
    [
      'the key went as Basic: the challenge asks for what was sent',
      {
        reply: TRAEFIK_401,
        spot: { in: 'header', name: 'Authorization', scheme: 'Basic' } as const,
        probes: { 'without-credential': TRAEFIK_401 },
      },
    ],
  ])('not: %s', (_name, s) => {
    expect(layerLogin(evidenceOf(s))).toBeUndefined();
  });

  it('Traefik BasicAuth → layer.gateway whose fix shows the realm (the login wanted)', () => {
    const { data } = judged({ reply: TRAEFIK_401, probes: { 'without-credential': TRAEFIK_401 } });
    expect(data).toMatchObject({ layer: 'Traefik', refusal: 'challenge', realm: 'traefik' });
  });

  it("Netlify's site password (plain text, no sign-in page) → layer.gateway named Netlify", () => {
    const { data } = judged({
      reply: NETLIFY_BASIC,
      spot: XAPI,
      probes: { 'without-credential': NETLIFY_BASIC },
      alternatives: [
        { spot: { in: 'header', name: 'apikey', scheme: null }, reply: NETLIFY_BASIC },
      ],
    });
    expect(data).toMatchObject({ layer: 'Netlify', refusal: 'challenge', realm: 'Netlify' });
  });
});

const signIn = (title: string, words: string, headers: Record<string, string> = {}) => ({
  status: 401,
  headers: { 'content-type': 'text/html', ...headers },
  body: `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${words}</p><a href="/sso">Log in</a></body></html>`,
});

describe('platformPage: a platform protection page, told by facts of the answer', () => {
  it.each([
    [
      'Vercel\'s words ("Vercel Authentication") and x-vercel-id, no probe',
      signIn('Authentication Required', 'Vercel Authentication', { 'x-vercel-id': 'fra1::a' }),
      'Vercel',
    ],
    [
      'Cloudflare Access words behind cf-ray: the edge names it',
      signIn('Sign in', 'Cloudflare Access', { 'cf-ray': '8a1b' }),
      'Cloudflare',
    ],
  ])('%s', (_name, reply, who) => {
    expect(platformPage(evidenceOf({ reply }))?.name).toBe(who);
  });

  it.each([
    [
      "Vercel's words without its header, the same without the key: the words name Vercel",
      signIn('Authentication Required', 'Vercel Authentication'),
      'Vercel',
    ],
    [
      'a password-protected site naming no platform, the same without the key',
      signIn('Password protected site', 'Enter the password'),
      'a sign-in page',
    ],
  ])('probed: %s', (_name, reply, who) => {
    expect(platformPage(evidenceOf({ reply, probes: { 'without-credential': reply } }))?.name).toBe(
      who,
    );
  });

  it.each([
    [
      'a page about a token behind CloudFront, no probe: a CDN in front of APIs has no login',
      signIn('Unauthorized', 'Your token is not valid', { 'x-amz-cf-id': 'abc' }),
    ],
    [
      'the same behind Cloudflare, no probe',
      signIn('Unauthorized', 'Your token is not valid', { 'cf-ray': '8a1b' }),
    ],
  ])('not: %s', (_name, reply) => {
    expect(platformPage(evidenceOf({ reply }))).toBeUndefined();
  });
});
