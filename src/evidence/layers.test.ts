import { describe, expect, it } from 'vitest';
import { layersFromHeaders, protectionPage, signInPortal } from './layers.js';

describe('layersFromHeaders: a challenge realm that names a layer (issue 14)', () => {
  it.each([
    ['Basic realm="traefik"', 'Traefik', 'proxy'],
    ['Basic realm="Netlify"', 'Netlify', 'cdn'],
    ['Basic realm="nginx staging"', 'nginx', 'server'],
    ['Bearer, Basic realm=Caddy', 'Caddy', 'server'],
  ])('%s → %s', (challenge, name, kind) => {
    const found = layersFromHeaders({ 'www-authenticate': challenge });
    expect(found).toContainEqual(
      expect.objectContaining({
        name,
        kind,
        evidence: expect.stringMatching(/^www-authenticate realm "/) as unknown as string,
      }),
    );
  });

  it.each([
    'Basic realm="Twilio API"',
    'Bearer realm="api", error="invalid_token"',
    'Bearer realm="https://accounts.google.com/"',
    'OAuth realm="https%3A%2F%2Facme.atlassian.net"',
    'Basic realm="Restricted"',
  ])('%s names no layer', (challenge) => {
    expect(layersFromHeaders({ 'www-authenticate': challenge })).toEqual([]);
  });

  it('a layer the headers already name is not repeated (Kong: Server and realm)', () => {
    const found = layersFromHeaders({
      server: 'kong/3.6.1',
      'www-authenticate': 'Key realm="kong"',
    });
    expect(found.filter((l) => l.name === 'Kong')).toHaveLength(1);
  });
});

describe('layersFromHeaders: what a layer is, as facts the checks read (not its name)', () => {
  const only = (headers: Record<string, string>) => {
    const [first, ...rest] = layersFromHeaders(headers);
    expect(rest).toEqual([]);
    return first;
  };

  it.each([
    ['Vercel (x-vercel-id)', { 'x-vercel-id': 'fra1::abc' }],
    ['Netlify (x-nf-request-id)', { 'x-nf-request-id': '01HX' }],
    ['Netlify (its realm)', { 'www-authenticate': 'Basic realm="Netlify"' }],
  ])('a hosting platform with its own login: %s', (_name, headers) => {
    expect(only(headers)?.ownLogin).toBe(true);
  });

  it.each([
    ['Cloudflare', { 'cf-ray': '8a1b' }],
    ['AWS CloudFront', { 'x-amz-cf-id': 'abc' }],
    ['Kong', { 'x-kong-request-id': 'k' }],
  ])('no login of its own: %s', (_name, headers) => {
    expect(only(headers)?.ownLogin).toBeUndefined();
  });

  it("Azure API Management's own credential is a subscription key; Kong's has no such name", () => {
    expect(only({ 'apim-request-id': 'r' })?.ownKey).toBe('subscription-key');
    expect(only({ 'x-kong-request-id': 'k' })?.ownKey).toBeUndefined();
  });

  it.each([
    ['squid by its Via', { via: '1.1 proxy (squid/6.6)' }],
    ['squid by its Server', { server: 'squid/6.6' }],
    ['a Via naming no product', { via: '1.1 edge-7' }],
    ['Fastly by its Via', { via: '1.1 varnish' }],
  ])('marks also on relayed answers: %s', (_name, headers) => {
    expect(only(headers)?.onRelayed).toBe(true);
  });

  it.each([
    ['Kong', { 'x-kong-request-id': 'k' }],
    ['nginx', { server: 'nginx' }],
  ])('its own sign: %s', (_name, headers) => {
    expect(only(headers)?.onRelayed).toBeUndefined();
  });

  it("squid's own error page: denied by its rules, or another error of its own", () => {
    expect(only({ 'x-squid-error': 'ERR_ACCESS_DENIED 0' })?.ownError).toEqual({
      evidence: 'x-squid-error: ERR_ACCESS_DENIED 0',
      denied: true,
    });
    expect(only({ 'x-squid-error': 'ERR_CONNECT_FAIL 111' })?.ownError).toMatchObject({
      denied: false,
    });
    expect(only({ via: '1.1 proxy (squid/6.6)' })?.ownError).toBeUndefined();
  });
});

describe("protectionPage: the words of a platform's own protection", () => {
  it.each([
    ['Cloudflare Access Sign in to acme.cloudflareaccess.com', { name: 'Cloudflare Access' }],
    ['Authentication Required Vercel Authentication Log in', { name: 'Vercel' }],
    ['This deployment is protected by Deployment Protection', { name: 'Vercel' }],
    ['Password protected site Enter the password', {}],
    ['Invalid API key', undefined],
  ])('%s', (text, expected) => {
    expect(protectionPage(text)).toEqual(expected);
  });
});

describe('signInPortal: a login page by its path or host', () => {
  it.each([
    ['https://acme.cloudflareaccess.com/cdn-cgi/access/login/app', true],
    ['https://acme.okta.com/app/x', true],
    ['https://login.microsoftonline.com/tenant/oauth2/v2.0/authorize', true],
    ['https://auth.example.test/', true],
    ['https://app.example.test/oauth2/start?rd=/api', true],
    ['https://api.example.test/v1/items?page=2', false],
    ['https://cdn.example.test/assets/app.js', false],
  ])('%s → %s', (url, expected) => {
    expect(signInPortal(new URL(url))).toBe(expected);
  });
});
