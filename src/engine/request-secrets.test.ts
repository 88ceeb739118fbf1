import { beforeEach, describe, expect, it } from 'vitest';
import { resetScrubber, scrub } from '../secret/scrub.js';
import {
  bodyMayHoldCredential,
  bodySecrets,
  crossOriginHeaders,
  registerAnswerSecrets,
  registerRequestSecrets,
  withoutCredentials,
} from './request-secrets.js';

// Built at run time: nothing key-shaped is written down whole.
const key = () => `Zq7${Math.random().toString(36).slice(2, 10)}aB3${'x9L'.repeat(4)}`;

beforeEach(() => resetScrubber());

describe('registerRequestSecrets: every possible credential of a request is scrubbed', () => {
  const cases: {
    name: string;
    build: (k: string) => Parameters<typeof registerRequestSecrets>[0];
  }[] = [
    {
      name: 'an invented header name',
      build: (k) => ({ url: new URL('http://h/'), headers: [['X-Shop-Key', k]] }),
    },
    {
      name: 'a header of no telling name, by its shape',
      build: (k) => ({ url: new URL('http://h/'), headers: [['X-Tenant', k]] }),
    },
    {
      name: 'a Basic pair: the password half',
      build: (k) => ({
        url: new URL('http://h/'),
        headers: [['Authorization', `Basic ${Buffer.from(`me:${k}`).toString('base64')}`]],
      }),
    },
    {
      name: 'a query parameter of an invented name',
      build: (k) => ({ url: new URL(`http://h/x?accessCode=${k}`), headers: [] }),
    },
    {
      name: 'the fragment (#access_token=)',
      build: (k) => ({ url: new URL(`http://h/cb#access_token=${k}&state=xyz`), headers: [] }),
    },
    {
      name: 'a path segment',
      build: (k) => ({ url: new URL(`http://h/bot123456:${k}/getMe`), headers: [] }),
    },
    {
      name: 'a host label',
      build: (k) => ({ url: new URL(`http://${k.toLowerCase()}.hooks.example/`), headers: [] }),
    },
    {
      name: 'userinfo',
      build: (k) => ({ url: new URL(`http://deploy:${k}@h/`), headers: [] }),
    },
    {
      name: 'a form body field',
      build: (k) => ({
        url: new URL('http://h/'),
        headers: [],
        body: `grant_type=x&client_secret=${k}`,
      }),
    },
    {
      name: 'a nested JSON field',
      build: (k) => ({
        url: new URL('http://h/'),
        headers: [],
        body: `{"auth":{"phrase":"${k}"}}`,
      }),
    },
    {
      name: 'a word of a plain-text body',
      build: (k) => ({ url: new URL('http://h/'), headers: [], body: `token is ${k} here` }),
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const k = key();
      const parts = c.build(k);
      registerRequestSecrets(parts);
      const shown = c.name === 'a host label' ? k.toLowerCase() : k;
      expect(scrub(`seen: ${shown}!`)).toBe('seen: [redacted]!');
    });

  it('leaves harmless values readable', () => {
    registerRequestSecrets({
      url: new URL('http://h/v1/chat/completions?limit=100&api-version=2024-02-01'),
      headers: [
        ['Content-Type', 'application/json'],
        ['anthropic-version', '2023-06-01'],
        ['X-Client-Name', 'production-dashboard'],
      ],
      body: '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there"}]}',
    });
    const text =
      'application/json 2023-06-01 production-dashboard gpt-4o-mini /v1/chat/completions';
    expect(scrub(text)).toBe(text);
  });
});

describe('crossOriginHeaders: only what is known harmless goes to another origin', () => {
  it('drops every header not on the allow-list, Host too', () => {
    const kept = crossOriginHeaders([
      ['Content-Type', 'application/json'],
      ['Accept', '*/*'],
      ['User-Agent', 'app/1'],
      ['Host', 'first.example'],
      ['Authorization', 'Bearer x'],
      ['X-Custom-Key', 'abc'],
      ['X-Tenant', 'acme'],
      ['Cookie', 'a=b'],
    ]);
    expect(kept.map(([n]) => n)).toEqual(['Content-Type', 'Accept', 'User-Agent']);
  });
});

describe('bodyMayHoldCredential', () => {
  it.each([
    ['client_secret=abcdefgh&grant_type=client_credentials', true],
    ['{"model":"m","input":"hello world"}', false],
    ['{"apiKey":"abcdefghij"}', true],
    ['x=1', false],
    ['plain words only', false],
  ])('%s → %s', (body, expected) => expect(bodyMayHoldCredential(body)).toBe(expected));

  it('a field of a harmless name keeps its value out', () =>
    expect(bodySecrets(`model=${key()}`)).toEqual([]));
});

describe('withoutCredentials', () => {
  it('drops every possible credential: a stale query key beside a header key, userinfo', () => {
    const k1 = key();
    const k2 = key();
    const out = withoutCredentials({
      method: 'GET',
      url: new URL(`http://u:p@h/x?limit=5&api_key=${k1}`),
      headers: [
        ['x-api-key', k2],
        ['Accept', 'application/json'],
        ['X-Request-Id', 'abc'],
      ],
      body: undefined,
    });
    expect(out.url.href).toBe('http://h/x?limit=5');
    expect(out.headers).toEqual([
      ['Accept', 'application/json'],
      ['X-Request-Id', 'abc'],
    ]);
  });
});

describe('registerAnswerSecrets: tokens an answer issues', () => {
  it('an access_token in a JSON body, a Set-Cookie session; error codes stay readable', () => {
    const t = key();
    const s = key();
    registerAnswerSecrets(
      { 'set-cookie': `session=${s}; Path=/; HttpOnly` },
      JSON.stringify({ access_token: t, token_type: 'Bearer', error_code: 'invalid_api_key' }),
    );
    expect(scrub(`${t} ${s} invalid_api_key`)).toBe('[redacted] [redacted] invalid_api_key');
  });
});
