import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskSecretLike, registerSecretValue, resetScrubber, scrub, scrubJson } from './scrub.js';
import { Secret } from './secret.js';

const fake = (length: number) => randomBytes(length).toString('base64url').slice(0, length);

function runsOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 9 <= secret.length; i++) {
    const run = secret.slice(i, i + 9);
    if (text.includes(run)) found.push(run);
  }
  return found;
}

beforeEach(() => resetScrubber());

describe('scrub', () => {
  it('leaves text alone when no credential is registered', () => {
    const text = `nothing to hide ${fake(40)}`;
    expect(scrub(text)).toBe(text);
  });

  it('replaces a registered credential', () => {
    const key = fake(40);
    registerSecretValue(key);
    expect(scrub(`Authorization: Bearer ${key}\n`)).toBe('Authorization: Bearer [redacted]\n');
  });

  it('replaces any run of 9 or more of its characters, not 8', () => {
    const key = fake(40);
    registerSecretValue(key);
    expect(scrub(`a ${key.slice(5, 14)} b`)).toBe('a [redacted] b');
    expect(scrub(`a ${key.slice(5, 13)} b`)).toBe(`a ${key.slice(5, 13)} b`);
    expect(scrub(`a ${key.slice(0, 20)}…${key.slice(-4)} b`)).toBe(
      `a [redacted]…${key.slice(-4)} b`,
    );
  });

  it('collapses adjacent and overlapping runs into one marker', () => {
    const key = fake(30);
    registerSecretValue(key);
    expect(scrub(`${key}${key}`)).toBe('[redacted]');
    expect(scrub(`x${key.slice(0, 15)}${key.slice(10)}y`)).toBe('x[redacted]y');
  });

  it('catches every occurrence', () => {
    const key = fake(30);
    registerSecretValue(key);
    const out = scrub(`1:${key} 2:${key} 3:${key}`);
    expect(out).toBe('1:[redacted] 2:[redacted] 3:[redacted]');
  });

  it('scrubs the trimmed, URI-encoded and base64 forms too', () => {
    const key = `${fake(20)}/+=${fake(20)}`;
    registerSecretValue(` ${key}\n`);
    expect(runsOf(key, scrub(key))).toEqual([]);
    expect(scrub(encodeURIComponent(key))).not.toContain(encodeURIComponent(key).slice(0, 12));
    const b64 = Buffer.from(` ${key}\n`, 'utf8').toString('base64');
    expect(scrub(`Basic ${b64}`)).toBe('Basic [redacted]');
  });

  it('replaces a short secret (6 to 8 chars) whole', () => {
    registerSecretValue('pw1234');
    expect(scrub('password is pw1234.')).toBe('password is [redacted].');
    expect(scrub('pw123')).toBe('pw123');
  });

  it('ignores values shorter than 6 chars (too common to scrub)', () => {
    registerSecretValue('abc');
    expect(scrub('abc abcdef')).toBe('abc abcdef');
  });

  it('handles lone surrogates and non-ASCII credentials', () => {
    const odd = `${fake(12)}\ud800${fake(12)}`;
    expect(() => registerSecretValue(odd)).not.toThrow();
    expect(scrub(`x ${odd} y`)).toBe('x [redacted] y');
    const cyr = `${fake(10)}\u0430${fake(10)}`;
    registerSecretValue(cyr);
    expect(runsOf(cyr, scrub(cyr))).toEqual([]);
  });

  it('every Secret registers itself', () => {
    const key = fake(40);
    const secret = new Secret(key, 'test');
    expect(scrub(`leaked ${secret.reveal()}`)).toBe('leaked [redacted]');
  });

  it('resetScrubber forgets every credential', () => {
    const key = fake(40);
    registerSecretValue(key);
    resetScrubber();
    expect(scrub(key)).toBe(key);
  });

  it('keeps the text around a credential intact', () => {
    const key = fake(40);
    registerSecretValue(key);
    const text = `{"key":"${key}","ok":true}\n⟨LF⟩ é 東京`;
    expect(scrub(text)).toBe('{"key":"[redacted]","ok":true}\n⟨LF⟩ é 東京');
  });
});

describe('bounded memory', () => {
  it('keeps the newest 1024 values and still scrubs them', () => {
    resetScrubber();
    const values = Array.from(
      { length: 1100 },
      (_, i) => `bounded-secret-${String(i).padStart(6, '0')}-zz`,
    );
    for (const v of values) registerSecretValue(v);
    const last = values[values.length - 1] ?? '';
    expect(scrub(`x ${last} y`)).not.toContain(last.slice(0, 12));
    resetScrubber();
  });
});

describe('parameter lists (Digest, AWS SigV4, OAuth 1)', () => {
  afterEach(() => resetScrubber());

  it.each([
    [
      'Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef',
      ['AKIAIOSFODNN7EXAMPLE', '0123456789abcdef0123456789abcdef'],
    ],
    [
      'Digest username="bob", realm="api@example.com", nonce="dcd98b7102dd2f0e", uri="/v1/resource", response="6629fae49393a05397450978507c4ef1"',
      ['6629fae49393a05397450978507c4ef1'],
    ],
    [
      // a cleaned copy (edge quotes dropped) is still a list
      'username="bob", uri="/v1/resource", response="6629fae49393a05397450978507c4ef1',
      ['6629fae49393a05397450978507c4ef1'],
    ],
    [
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D"',
      ['370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb', 'tnnArxj06cWHq44gCs1OSKk%2FjLY%3D'],
    ],
  ])('only the secret parameters of %s', (value, secrets) => {
    registerSecretValue(value);
    const out = scrub(
      `credential.invalid at http://127.0.0.1:1/v1/resource in us-east-1 ${secrets.join(' ')}`,
    );
    expect(out).toContain('credential.invalid');
    expect(out).toContain('/v1/resource');
    expect(out).toContain('us-east-1');
    for (const secret of secrets) expect(out).not.toContain(secret.slice(0, 9));
  });

  it.each([['sk-proj-abc123def456ghi789'], ['dXNlcjpwYXNzd29yZA=='], ['a=b']])(
    '%s is not a list: registered whole',
    (value) => {
      registerSecretValue(value);
      expect(scrub(`x ${value} y`)).not.toContain(value.length >= 9 ? value.slice(0, 9) : '\u0000');
    },
  );
});

describe('scrubJson', () => {
  /** Every string of a parsed value, names included. */
  const strings = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : v !== null && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
        : [];

  it.each([
    ['a backslash', `sk-proj-${fake(8)}\\${fake(24)}`],
    ['a quote', `sk-proj-${fake(8)}"${fake(24)}`],
    ['both', `${fake(6)}"${fake(3)}\\${fake(20)}`],
    ['a literal \\n', `${fake(6)}\\n${fake(20)}`],
  ])('a credential holding %s: still JSON, no run in the text or in any value', (_, key) => {
    registerSecretValue(key);
    const value = {
      body: `bad key ${key} / ${key.slice(4)} / ${JSON.stringify({ k: key })}`,
      headers: { 'x-echo': key, [key]: 'as a name' },
      list: [key.slice(0, 12), key.slice(-12), key.replace('\\n', '\n')],
    };
    for (const space of [undefined, 2]) {
      const text = scrubJson(value, space);
      const parsed: unknown = JSON.parse(text);
      expect(runsOf(key, text)).toEqual([]);
      expect(runsOf(key, strings(parsed).join('\n'))).toEqual([]);
    }
  });

  it('a credential stored with its quotes: the JSON around a redacted form stays JSON, unchanged', () => {
    // `"sk-proj-…` in the text is 9 characters of `"sk-proj-…"`: the quote is JSON's, not the key's
    const key = `"sk-proj-${fake(40)}"`;
    registerSecretValue(key);
    const value = { redacted: `sk-proj-…${key.slice(-5, -1)}`, visible: 'sk-proj-…', n: 1 };
    for (const space of [undefined, 2]) {
      const text = scrubJson(value, space);
      expect(JSON.parse(text)).toEqual(value);
      expect(runsOf(key, text)).toEqual([]);
      expect(scrub(text)).toBe(text); // writeOut scrubs again: nothing left to cut
    }
  });

  it('without a credential registered: plain JSON.stringify', () => {
    const value = { a: 'x"y\\z', b: [1, null, true] };
    expect(scrubJson(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
});

describe('maskSecretLike', () => {
  it.each([
    "Algolia's validation request (https://<APP_ID>.algolia.net/1/keys/<key>) needs --param APP_ID=…",
    'https://api.example.com/v1/models and ./config/settings.json',
  ])('leaves URLs, templates and paths alone: %s', (text) => {
    expect(maskSecretLike(text)).toBe(text);
  });

  it.each([
    `sk-proj-${fake(40)}`,
    `.${fake(30)}`,
    `${fake(20)}.${fake(20)}.${fake(20)}`,
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ])('cuts a pasted key to 4 characters: %s', (key) => {
    expect(maskSecretLike(`got "${key}"`)).toBe(`got "${key.slice(0, 4)}…"`);
  });
});
