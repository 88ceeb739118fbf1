/**
 * Every provider's validation request (`check --provider X` without a URL), built as the CLI
 * builds it: no placeholder left anywhere, the key exactly once where the provider expects it,
 * the catalog's method and body.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../providers/catalog/index.js';
import { providerById } from '../providers/detect.js';
import type { Provider } from '../providers/types.js';
import { Secret } from '../secret/secret.js';
import {
  buildRequest,
  findCredential,
  resolveTarget,
  withCredential,
  type RequestInput,
} from './build-request.js';
import { pathSegmentIndex, spotFor, validationSpot } from '../evidence/credential-place.js';

const BASE = 'http://127.0.0.1:9';
const KEY = 'Kq7Zx9Lm2Pw4Rt6Yv8Nb';
const key = () => new Secret(KEY, 'arg');

/** The values each validation request needs besides the key (`check --param NAME=VALUE`). */
const PARAMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  twilio: { AccountSID: 'AC0123456789abcdef0123456789abcdef' },
  algolia: { APP_ID: 'MYAPP01' },
  dockerhub: { username: 'alice' },
  bitbucket: { email: 'me@example.com' },
  atlassian: { email: 'me@example.com' },
};

/** The user of each Basic pair why401 builds. */
const BASIC_USER: Readonly<Record<string, string>> = {
  mailgun: 'api',
  twilio: 'AC0123456789abcdef0123456789abcdef',
  bitbucket: 'me@example.com',
  atlassian: 'me@example.com',
};

/** Where a key travels besides its credential spot, by design: Algolia's GET /1/keys/<key>. */
const ALSO_AS_DATA: Readonly<Record<string, string>> = { algolia: 'path' };

/** AWS signs requests with a secret that never travels: no key alone builds one. */
const SIGNED = new Set(['aws']);

function build(p: Provider, extra: Partial<RequestInput> = {}) {
  const input: RequestInput = { key: key(), baseUrl: BASE, params: PARAMS[p.id] ?? {}, ...extra };
  const target = resolveTarget(input, p);
  return buildRequest(input, target.url, p, target.validation);
}

const count = (text: string, part: string) => text.split(part).length - 1;
const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Every place the key shows up in a request: `header:Name`, `basic`, `query:name`, `path`, `body`. */
function keyPlaces(req: ReturnType<typeof build>['request']): string[] {
  const places: string[] = [];
  for (const [name, value] of req.headers) {
    const basic = /^Basic (.*)$/.exec(value);
    const text = basic ? Buffer.from(basic[1] ?? '', 'base64').toString('latin1') : value;
    for (let i = 0; i < count(text, KEY); i++) places.push(basic ? 'basic' : `header:${name}`);
  }
  for (const [name, value] of req.url.searchParams)
    for (let i = 0; i < count(value, KEY); i++) places.push(`query:${name}`);
  for (let i = 0; i < count(decode(req.url.pathname), KEY); i++) places.push('path');
  for (let i = 0; i < count(req.body ?? '', KEY); i++) places.push('body');
  return places;
}

function expectedPlace(p: Provider): string {
  const spot = validationSpot(p) ?? spotFor(p.auth, PARAMS[p.id]);
  switch (spot?.in) {
    case 'header':
      return spot.scheme === 'Basic' ? 'basic' : `header:${spot.name}`;
    case 'query':
      return `query:${spot.name}`;
    case 'path':
      return 'path';
    case 'body':
      return 'body';
    default:
      return 'none';
  }
}

const PLACEHOLDER = /[<>]|%3C|%3E/i;

describe('validation requests of all providers (on a --base-url origin)', () => {
  it('covers the whole catalog', () => {
    expect(PROVIDERS).toHaveLength(55);
  });

  it.each(PROVIDERS.filter((p) => !SIGNED.has(p.id)).map((p) => [p.id, p] as const))(
    '%s: no placeholder, the key once where expected, the catalog method',
    (_id, p) => {
      const built = build(p);
      const req = built.request;
      expect(req.url.origin).toBe(BASE);
      expect(`${req.method} ${req.url.pathname}${req.url.search}`).not.toMatch(PLACEHOLDER);
      for (const [name, value] of req.headers) expect(`${name}: ${value}`).not.toMatch(PLACEHOLDER);
      expect(req.body ?? '').not.toMatch(/[<>]/);
      expect(req.method).toBe(p.validate.method);
      if (p.validate.body === undefined) expect(req.body).toBeUndefined();
      else expect(req.body).toBeDefined();

      const want = expectedPlace(p);
      const also = ALSO_AS_DATA[p.id];
      expect(keyPlaces(req).sort()).toEqual([want, ...(also ? [also] : [])].sort());
      expect(built.credential?.placedByUs).toBe(true);
      // No Authorization header of why401's own when the key travels in the URL or the body.
      if (!want.startsWith('header:Authorization') && want !== 'basic')
        expect(req.headers.map(([n]) => n.toLowerCase())).not.toContain('authorization');
      const basic = req.headers.find(([n, v]) => n === 'Authorization' && v.startsWith('Basic '));
      if (basic)
        expect(Buffer.from(basic[1].slice(6), 'base64').toString('latin1')).toBe(
          `${BASIC_USER[p.id] ?? KEY}:${BASIC_USER[p.id] === undefined ? '' : KEY}`,
        );
      expect(req.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1]).toMatch(/^why401\//);
    },
  );

  it('keeps a --base-url path prefix in front', () => {
    const built = build(providerById('telegram') as Provider, { baseUrl: `${BASE}/tg` });
    expect(built.request.url.pathname).toBe(`/tg/bot${KEY}/getMe`);
  });

  it('aws: a signed request is not built from a key; the signed headers as sent are', () => {
    const aws = providerById('aws') as Provider;
    expect(() => build(aws)).toThrow(/signs every request/);
    const signed = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20240101/us-east-1/sts/aws4_request';
    const built = build(aws, { key: null, headers: [['Authorization', signed]] });
    expect(built.request.method).toBe('POST');
    expect(built.request.url.href).not.toMatch(PLACEHOLDER);
    expect(built.credential?.placedByUs).toBe(false);
  });
});

describe('values the validation request needs', () => {
  const p = (id: string) => providerById(id) as Provider;

  it.each([
    ['twilio', /--param AccountSID=/],
    ['algolia', /--param APP_ID=/],
    ['dockerhub', /--param username=/],
    ['bitbucket', /--param email=… \(or --param user=…\)/],
  ])('%s without them: a usage error naming the value', (id, message) => {
    expect(() => build(p(id), { params: {} })).toThrow(message);
  });

  it('twilio: the Account SID goes in the path and is the Basic user; --param user wins', () => {
    const sid = 'AC0123456789abcdef0123456789abcdef';
    const built = build(p('twilio'), { params: { AccountSID: sid, user: 'SKabc' } });
    expect(built.request.url.pathname).toBe(`/2010-04-01/Accounts/${sid}.json`);
    expect(built.request.headers).toContainEqual([
      'Authorization',
      `Basic ${Buffer.from(`SKabc:${KEY}`).toString('base64')}`,
    ]);
  });

  it('a key in a path or query without a key to place: usage error, never a literal', () => {
    expect(() => build(p('algolia'), { key: null })).toThrow(/carries the key/);
    const mapbox = build(p('mapbox'), { key: null });
    expect(mapbox.request.url.search).toBe('');
    expect(mapbox.credential).toBeNull();
    const telegram = build(p('telegram'), { key: null });
    expect(telegram.request.url.pathname).toBe('/bot/getMe');
  });

  it('rejects a --param value that would be a header line', () => {
    expect(() => build(p('algolia'), { params: { APP_ID: 'a\r\nX-Evil: 1' } })).toThrow(
      /control character/,
    );
  });
});

describe('validation requests without --base-url', () => {
  const p = (id: string) => providerById(id) as Provider;
  const noBase = (id: string, params: Record<string, string> = {}) =>
    build(p(id), { baseUrl: undefined, params: { ...PARAMS[id], ...params } });

  it.each([
    ['mapbox', `https://api.mapbox.com/tokens/v2?access_token=${KEY}`],
    ['firebase', `https://identitytoolkit.googleapis.com/v1/accounts:createAuthUri?key=${KEY}`],
    ['telegram', `https://api.telegram.org/bot${KEY}/getMe`],
    ['google-oauth-vertex', `https://oauth2.googleapis.com/tokeninfo?access_token=${KEY}`],
  ])('%s: a fixed host needs no --base-url', (id, href) => {
    expect(noBase(id).request.url.href).toBe(href);
  });

  it('every provider with a fixed host resolves to it', () => {
    for (const provider of PROVIDERS) {
      if (SIGNED.has(provider.id) || /^https:\/\/[^/]*</.test(provider.validate.url)) continue;
      const built = noBase(provider.id);
      expect(built.request.url.origin, provider.id).toBe(new URL(provider.validate.url).origin);
    }
  });

  it('a host placeholder: --param fills it, else a usage error says which', () => {
    expect(noBase('azure-openai', { resource: 'myres' }).request.url.origin).toBe(
      'https://myres.openai.azure.com',
    );
    expect(() => noBase('azure-openai')).toThrow(/--param resource=… \(or --base-url/);
    expect(() => noBase('shopify', { shop: 'evil.example/x' })).toThrow(/host name label/);
    expect(noBase('algolia').request.url.origin).toBe('https://myapp01.algolia.net');
  });
});

describe('--base-url with an absolute URL', () => {
  it('replaces the origin, keeps path and query, puts the base path in front', () => {
    const target = resolveTarget(
      { url: 'https://api.openai.com/v1/models?limit=1', baseUrl: `${BASE}/proxy/` },
      null,
    );
    expect(target.url.href).toBe(`${BASE}/proxy/v1/models?limit=1`);
    expect(target.hostUrl.hostname).toBe('api.openai.com');
  });

  it('a schemeless host is a URL too', () => {
    const target = resolveTarget({ url: 'api.github.com/user', baseUrl: BASE }, null);
    expect(target.url.href).toBe(`${BASE}/user`);
    expect(target.hostUrl.hostname).toBe('api.github.com');
  });
});

describe('the key in the URL path (Telegram)', () => {
  const telegram = providerById('telegram') as Provider;
  const token = '123456:AAH-x_y/z';

  it('is encoded as one segment, found again as sent, and removed by withCredential', () => {
    const input: RequestInput = { key: new Secret(token, 'arg') };
    const built = buildRequest(input, new URL('https://api.telegram.org/getMe'), telegram);
    expect(built.request.url.pathname).toBe('/bot123456:AAH-x_y%2Fz/getMe');
    expect(built.request.headers.map(([n]) => n)).toEqual(['User-Agent']);
    const found = findCredential([], built.request.url, telegram);
    expect(found?.secret.reveal()).toBe(token);
    expect(found?.spot).toEqual({ in: 'path', prefix: 'bot' });
    const without = withCredential(built.request, found?.spot, undefined, null);
    const segments = without.url.pathname.split('/');
    expect(segments[pathSegmentIndex(segments, 'bot')]).toBe('bot');
  });
});

describe('the key in a body field (Docker Hub)', () => {
  it('is set, replaced and removed in the JSON body', () => {
    const dockerhub = providerById('dockerhub') as Provider;
    const built = build(dockerhub);
    expect(JSON.parse(built.request.body ?? '')).toEqual({ identifier: 'alice', secret: KEY });
    const spot = built.credential?.spot;
    const moved = withCredential(built.request, spot, spot, 'other');
    expect(JSON.parse(moved.body ?? '')).toEqual({ identifier: 'alice', secret: 'other' });
    const without = withCredential(built.request, spot, undefined, null);
    expect(JSON.parse(without.body ?? '')).toEqual({ identifier: 'alice' });
  });
});

describe('companion headers of a URL given', () => {
  it('never sends a literal placeholder: <any> is why401 own User-Agent, <APP_ID> without a value is left out', () => {
    for (const id of ['github', 'resend', 'algolia']) {
      const built = buildRequest({ key: key() }, new URL('https://example.com/x'), {
        ...(providerById(id) as Provider),
      });
      for (const [name, value] of built.request.headers)
        expect(`${name}: ${value}`, id).not.toMatch(/[<>]/);
    }
  });

  it('mailgun: Basic api:<key> on any URL', () => {
    const built = buildRequest(
      { key: key() },
      new URL('https://api.mailgun.net/v3/example.com/messages'),
      providerById('mailgun') as Provider,
    );
    expect(built.request.headers).toContainEqual([
      'Authorization',
      `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`,
    ]);
  });

  it('azure: a required api-version goes as a value, not its description', () => {
    const built = buildRequest(
      { key: key() },
      new URL('https://r.openai.azure.com/openai/deployments'),
      providerById('azure-openai') as Provider,
    );
    expect(built.request.url.searchParams.get('api-version')).toBe('2023-03-15-preview');
  });
});

describe('an OAuth token goes where the provider reads OAuth tokens', () => {
  it('anthropic: sk-ant-oat01- goes as Authorization: Bearer, not in x-api-key', () => {
    const anthropic = providerById('anthropic') as Provider;
    const token = `sk-ant-oat01-${'Ab3_'.repeat(16)}`;
    const built = build(anthropic, { key: new Secret(token, 'test') });
    const names = built.request.headers.map(([n]) => n.toLowerCase());
    expect(built.request.headers).toContainEqual(['Authorization', `Bearer ${token}`]);
    expect(names).not.toContain('x-api-key');
    expect(names).toContain('anthropic-version');
  });
});
