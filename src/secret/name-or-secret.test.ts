import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  camelWords,
  isPlainName,
  looksLikeSecretValue,
  maskPasted,
  shownUrl,
} from './name-or-secret.js';

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const b62 = (n: number) => [...randomBytes(n)].map((b) => B62[b % 62]).join('');
const digits = (n: number) => [...randomBytes(n)].map((b) => String(b % 10)).join('');

/** Names users type: variables, provider and finding ids, header names, commands, typos. */
const NAMES = [
  'OPENAI_KEY',
  'OPENAI_API_KEY',
  'openai',
  'opnai',
  'key.newline',
  'key.newlin',
  'net.proxy-auth',
  'google-oauth-vertex',
  '401',
  'X-RapidAPI-Key',
  'X-Amz-Content-Sha256',
  'Ocp-Apim-Subscription-Key',
  'CF-Access-Client-Id',
  'x-goog-api-key',
  'X-B3-TraceId',
  'x-ms-client-request-id',
  'AccountSID',
  'APP_ID',
  'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'AZURE_OPENAI_API_KEY_EASTUS2',
  'GOOGLE_CLOUD_PROJECT_ID_2024',
  'XMLHttpRequestUpload',
  'accessTokenSecret',
  'api.openai.com',
  'my-service',
  'v20240101',
  'sha256',
];

/** Fresh random keys of every common shape. */
function keys(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 200; i++)
    out.push(
      randomUUID(),
      `a${randomUUID().slice(1)}`,
      randomBytes(16).toString('hex'),
      randomBytes(32).toString('hex'),
      randomBytes(32).toString('base64'),
      randomBytes(24).toString('base64url'),
      `sk-proj-${randomBytes(36).toString('base64url')}`,
      `ghp_${b62(36)}`,
      `xoxb-${digits(12)}-${digits(12)}-${b62(24)}`,
      `glpat-${randomBytes(15).toString('base64url')}`,
      b62(32),
    );
  return out;
}

describe('isPlainName', () => {
  it.each(NAMES)('%s is a name', (name) => {
    expect(isPlainName(name)).toBe(true);
  });

  it('no random key of a common shape is a name', () => {
    expect(keys().filter(isPlainName)).toEqual([]);
  });

  it.each(['', 'not a name', 'a'.repeat(65), 'https://x.example.com', '$OPENAI_KEY'])(
    '%j is not',
    (word) => {
      expect(isPlainName(word)).toBe(false);
    },
  );
});

describe('looksLikeSecretValue', () => {
  it('every random key of a common shape looks like one', () => {
    expect(keys().filter((k) => !looksLikeSecretValue(k))).toEqual([]);
  });

  it.each([
    ...NAMES,
    '/tmp/why401-XaB3kq/key.txt',
    'https://api.example.com/v1/models',
    'http://127.0.0.1:4000/v1',
    'sha256:1a2b3c4d',
    '2010-04-01',
    'why401/diagnosis@1',
    "'--key-env'",
  ])('%s does not', (word) => {
    expect(looksLikeSecretValue(word)).toBe(false);
  });
});

describe('maskPasted', () => {
  it('cuts a pasted key to 4 characters, leaves names and URLs', () => {
    const uuid = `a${randomUUID().slice(1)}`;
    expect(maskPasted(`unknown provider "${uuid}"; known: openai, github`)).toBe(
      `unknown provider "${uuid.slice(0, 4)}…"; known: openai, github`,
    );
    expect(maskPasted('cannot reach https://api.example.com/v1')).toBe(
      'cannot reach https://api.example.com/v1',
    );
  });
});

describe('shownUrl', () => {
  it.each([
    ['https://user:pa/ss@host', 'https://…@host'],
    ['http://u:p#w@h.example.com:1', 'http://…@h.example.com:1'],
    ['https://api.example.com/v1', 'https://api.example.com/v1'],
    ['https://user:secret/x', 'https://… (13 characters)'],
  ])('%s → %s', (value, shown) => {
    expect(shownUrl(value)).toBe(shown);
  });
});

describe('camelWords', () => {
  // The single pattern it replaces: right, but exponential on a long run that fails at its end.
  const OLD = /^(?:[a-z]{3,}|[A-Z][a-z]{2,}|[A-Z]{2,5}(?![a-z]))+\d{0,4}$/;

  it.each([
    ['AccessTokenSecret', true],
    ['HTTPServer2', true],
    ['getUserIdentifier', true],
    ['getUserByIdentifier', false],
    ['xKqPmZrTbWuVnLsA', false],
    ['ABcd', false],
    ['accessToken12345', false],
  ])('%s → %s', (part, want) => {
    expect(camelWords(part)).toBe(want);
  });

  it('says what the old pattern said, on every short mix of cases and digits', () => {
    const part = fc
      .array(fc.constantFrom('a', 'b', 'c', 'A', 'B', 'C', '1', '2'), { maxLength: 12 })
      .map((cs) => cs.join(''));
    fc.assert(fc.property(part, (p) => camelWords(p) === OLD.test(p)));
  });

  it('a long run of letters that fails at its end is answered (the old pattern never returned)', () => {
    expect(camelWords(`${'aaaB'.repeat(2000)}x!`)).toBe(false);
    expect(looksLikeSecretValue(`https://x.test/${'abcD'.repeat(3000)}ab`)).toBeTypeOf('boolean');
  });
});
