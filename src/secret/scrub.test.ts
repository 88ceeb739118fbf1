import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leakedRuns } from '../../test/security/decoded-forms.js';
import {
  holdsSecret,
  maskSecretLike,
  pinSecretValue,
  registerSecretValue,
  resetScrubber,
  scrub,
  scrubJson,
} from './scrub.js';
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
  const junk = (n: number, prefix = 'junk') =>
    Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}-${fake(30)}`);

  it('keeps the newest values and still scrubs them', () => {
    const values = junk(1100, 'bounded');
    for (const v of values) registerSecretValue(v);
    const last = values[values.length - 1] ?? '';
    expect(scrub(`x ${last} y`)).not.toContain(last.slice(0, 12));
  });

  it('a pinned credential (a capture call in flight) survives thousands of token-like values', () => {
    // issue 13: a few calls with hundreds of token-like headers flushed the 1,024-value memory
    const key = `sk-live-${fake(40)}`;
    pinSecretValue(key);
    for (const v of junk(6000)) registerSecretValue(v);
    for (const v of junk(3000, 'other')) void new Secret(v, 'header:x-other-token');
    const text = `leaked ${key} / ${Buffer.from(key).toString('hex')} / ${key.toUpperCase()}`;
    const out = scrub(text);
    expect(out).toBe('leaked [redacted] / [redacted] / [redacted]');
    expect(leakedRuns(key, out)).toEqual([]);
  });

  it("a Secret (the user's key) survives thousands of plain values", () => {
    const key = fake(40);
    const secret = new Secret(key, 'arg');
    for (const v of junk(8000)) registerSecretValue(v);
    expect(scrub(`leaked ${secret.reveal()}`)).toBe('leaked [redacted]');
  });

  it('a plain value seen again is kept over values seen once', () => {
    const key = fake(40);
    registerSecretValue(key);
    registerSecretValue(key);
    for (const v of junk(1500)) registerSecretValue(v);
    expect(scrub(`leaked ${key}`)).toBe('leaked [redacted]');
  });

  it('memory is bounded: the least useful values are forgotten, runs shared with kept ones stay', () => {
    const key = fake(40);
    const sharing = `${key.slice(0, 20)}${fake(20)}`; // shares runs with the key
    const values = junk(20000);
    registerSecretValue(sharing);
    pinSecretValue(key);
    for (const v of values) registerSecretValue(v);
    const first = values[0] ?? '';
    expect(scrub(first)).toBe(first); // forgotten: the bound holds
    expect(scrub(`${sharing.slice(20)}`)).toBe(sharing.slice(20));
    expect(scrub(`a ${key} b`)).toBe('a [redacted] b'); // its runs shared with a forgotten value
    expect(holdsSecret(key.slice(0, 9))).toBe(true);
  });
});

describe('a credential echoed in another form (issue 13: the scrubber could be defeated)', () => {
  const key = `sk-live-${fake(40)}`;
  const between = (sep: string) => [...key].join(sep);
  const hex = (s: string | Buffer) => Buffer.from(s).toString('hex');
  const b64 = (offset: number, url = false) =>
    Buffer.concat([randomBytes(offset), Buffer.from(key), randomBytes(7)]).toString(
      url ? 'base64url' : 'base64',
    );
  const u = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const pct = (c: string, upper: boolean) => {
    const h = `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    return upper ? h.toUpperCase() : h;
  };

  it.each<[string, () => string]>([
    ['a zero-width space between its characters', () => between('\u200b')],
    ['a soft hyphen between them', () => between('\u00ad')],
    [
      'zero-width spaces in UTF-8 read as Latin-1',
      () => Buffer.from(between('\u200b')).toString('latin1'),
    ],
    [
      'soft hyphens in UTF-8 read as Latin-1',
      () => Buffer.from(between('\u00ad')).toString('latin1'),
    ],
    ['ESC[0m between them', () => between('\u001b[0m')],
    ['an SGR colour around each', () => [...key].map((c) => `\u001b[1;31m${c}\u001b[0m`).join('')],
    [
      'a truecolor SGR around each',
      () => [...key].map((c) => `\u001b[38;2;255;99;71m${c}\u001b[0m`).join(''),
    ],
    ['an OSC title between them', () => between('\u001b]0;x\u0007')],
    ['bidi controls between them', () => between('\u202e\u2066')],
    ['word joiners and BOMs', () => between('\u2060\ufeff')],
    ['NBSP and CR', () => between('\u00a0\r')],
    ['tag characters', () => between('\udb40\udc41')],
    [
      'UTF-16LE read as text (NUL after each)',
      () => Buffer.from(key, 'utf16le').toString('latin1'),
    ],
    [
      'UTF-16BE read as text (NUL before each)',
      () => Buffer.from(key, 'utf16le').swap16().toString('latin1'),
    ],
    [
      'UTF-16LE in JSON (\\u0000 after each)',
      () => JSON.stringify(Buffer.from(key, 'utf16le').toString('latin1')),
    ],
    ['our marks between them', () => between('⟨ZERO WIDTH SPACE⟩')],
    ['marked ESC[0m between them', () => between('⟨CTRL U+001B⟩[0m')],
    ['hex', () => hex(key)],
    ['HEX', () => hex(key).toUpperCase()],
    [
      'hex inside a larger dump',
      () => hex(Buffer.concat([randomBytes(5), Buffer.from(key), randomBytes(5)])),
    ],
    ['base64 at offset 0 of a blob', () => b64(0)],
    ['base64 at offset 1 of a blob', () => b64(1)],
    ['base64 at offset 2 of a blob', () => b64(2)],
    ['base64url at offset 1', () => b64(1, true)],
    ['base64url at offset 2', () => b64(2, true)],
    ['base64 percent-encoded', () => encodeURIComponent(b64(2))],
    ['\\uXXXX escapes of every character', () => [...key].map(u).join('')],
    [
      '\\uXXXX escapes of every other character',
      () => [...key].map((c, i) => (i % 2 ? u(c) : c)).join(''),
    ],
    ['\\uXXXX escapes escaped again (\\\\u0073)', () => [...key].map((c) => `\\${u(c)}`).join('')],
    ['\\u{XX} escapes', () => [...key].map((c) => `\\u{${c.charCodeAt(0).toString(16)}}`).join('')],
    ['\\xXX escapes', () => [...key].map((c) => `\\x${c.charCodeAt(0).toString(16)}`).join('')],
    ['decimal entities', () => [...key].map((c) => `&#${c.charCodeAt(0)};`).join('')],
    ['hex entities', () => [...key].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join('')],
    [
      'entities of every third character',
      () => [...key].map((c, i) => (i % 3 ? c : `&#${c.charCodeAt(0)};`)).join(''),
    ],
    ['named entities between them', () => between('&shy;')],
    ['percent-encoding of every character', () => [...key].map((c) => pct(c, false)).join('')],
    ['PERCENT-ENCODING of every character', () => [...key].map((c) => pct(c, true)).join('')],
    [
      'entities escaped again (&amp;#115;)',
      () => [...key].map((c) => `&amp;#${c.charCodeAt(0)};`).join(''),
    ],
    [
      'percent-encoding encoded again (%2573)',
      () => [...key].map((c) => `%25${c.charCodeAt(0).toString(16)}`).join(''),
    ],
    ['combining marks on each character', () => between('\u0301')],
    [
      'fullwidth letters',
      () =>
        [...key]
          .map((c) => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
          .join(''),
    ],
    ['upper case', () => key.toUpperCase()],
    ['lower case', () => key.toLowerCase()],
  ])('%s', (_, encode) => {
    registerSecretValue(key);
    const text = `HTTP 401: invalid key ${encode()} (request req_1a2b3c)`;
    expect(leakedRuns(key, text).length).toBeGreaterThan(0); // the form does spell the key
    const out = scrub(text);
    expect(leakedRuns(key, out)).toEqual([]);
    expect(out).toMatch(/^HTTP 401: invalid key .*\[redacted\].* \(request req_1a2b3c\)$/s);
    const json = scrubJson({ body: text, [text]: text }, 2);
    expect(leakedRuns(key, json)).toEqual([]);
    expect(leakedRuns(key, scrub(json))).toEqual([]);
  });

  it.each([
    ['a zero-width space', '\u200b'],
    ['a soft hyphen', '\u00ad'],
    ['a NUL', '\u0000'],
    ['a combining mark', '\u0301'],
  ])('a key holding %s between two 8-character halves is still caught as it is', (_, hidden) => {
    const held = `${fake(8)}${hidden}${fake(8)}`;
    registerSecretValue(held);
    expect(scrub(`x ${held} y`)).toBe('x [redacted] y');
    expect(scrub(`x ${held.replace(hidden, '')} y`)).toBe('x [redacted] y');
  });

  it.each([
    [
      'an OSC 8 link',
      (k: string) => `\u001b]8;;https://x.test/?k=${k}\u001b\\link\u001b]8;;\u001b\\`,
    ],
    [
      'an OSC 52 clipboard write',
      (k: string) => `\u001b]52;c;${Buffer.from(k).toString('base64')}\u0007`,
    ],
    ['an unterminated OSC title', (k: string) => `\u001b]0;${k}`],
  ])('a key inside %s (hidden by a terminal, not from a log)', (_, wrap) => {
    const key = fake(40);
    registerSecretValue(key);
    const out = scrub(`x ${wrap(key)} y`);
    expect(leakedRuns(key, out)).toEqual([]);
    expect(out).toContain('[redacted]');
  });

  it('a numeric key inside CSI parameters (hidden by a terminal, not from a log)', () => {
    const digits = [...randomBytes(20)].map((b) => b % 10).join('');
    registerSecretValue(digits);
    const out = scrub(`x \u001b[${digits}m y`);
    expect(out).toBe('x \u001b[[redacted]m y');
  });

  it('a key inside ⟨…⟩ is not taken for one of our marks', () => {
    const key = fake(20)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'Q');
    registerSecretValue(key);
    expect(scrub(`x ⟨${key}⟩ y`)).toBe('x ⟨[redacted]⟩ y');
  });

  it('long runs of escapes, entities and unterminated sequences are read in linear time', () => {
    registerSecretValue(fake(40));
    for (const unit of ['\\', '&amp;', '\u001b]', '\u001b[', '⟨', '%25', '\u00e2\u0080'])
      expect(scrub(unit.repeat(40_000))).toBe(unit.repeat(40_000));
  });

  it('a key holding & is caught with its named entity', () => {
    const amp = `${fake(5)}&${fake(5)}&${fake(5)}&${fake(5)}`;
    registerSecretValue(amp);
    const out = scrub(`echo: ${amp.replace(/&/g, '&amp;')}!`);
    expect(out).toBe('echo: [redacted]!');
  });
});

describe('the normalised view does not mangle ordinary text', () => {
  it.each([
    'credential.invalid key.whitespace-trailing net.unreachable auth.scheme-mismatch',
    'https://api.example.com/v1/models?limit=10&order=desc#frag %20 %E2%9C%94 &amp; &#8230;',
    '{"error":{"message":"Incorrect API key provided: sk-proj-…x9Qz","code":"invalid_api_key"}}',
    String.raw`sk-live-…⟨ZERO WIDTH SPACE⟩ at 12 ⟨LF⟩ \u001b[0m \u200b\"quoted\" C:\new\table`,
    'sk-live-…⟨ZERO WIDTH SPACE⟩ at 12 ⟨LF⟩ \u001b[0m \u200b"quoted"',
    'fingerprint sha256:1a2b3c4d, request id 5f2c9a7e-0b1d-4c3e-9f8a-7b6c5d4e3f2a',
    'Zm9vYmFyYmF6cXV4IGZvb2Jhcg== dGhlIHF1aWNrIGJyb3duIGZveA',
    'ＡＰＩ key 東京 é ✔ Accepted ✘ refused \t tab',
  ])('%s', (text) => {
    for (let i = 0; i < 20; i++) registerSecretValue(`sk-live-${fake(40)}`);
    registerSecretValue('pw1234');
    expect(scrub(text)).toBe(text);
    expect(holdsSecret(text)).toBe(false);
  });

  it('text sharing 8 characters of a key, in any form, is left alone', () => {
    const key = fake(40);
    registerSecretValue(key);
    const part = key.slice(10, 18);
    const text = [
      `a ${part} b`,
      `a ${part.toUpperCase()} b`,
      `a ${[...part].join('\u200b')} b`,
      `a ${[...part].map((c) => `&#${c.charCodeAt(0)};`).join('')} b`,
      `a ${Buffer.from(key.slice(10, 14)).toString('hex')}zz b`,
    ];
    for (const t of text) expect(scrub(t)).toBe(t);
  });

  it('redacts the whole span in the text, escapes and invisible characters included', () => {
    const key = fake(30);
    registerSecretValue(key);
    expect(scrub(`<${[...key].join('\u200b')}>`)).toBe('<[redacted]>');
    expect(scrub(`<${[...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}>`)).toBe(
      '<[redacted]>',
    );
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

  it('a run across a string quote is cut inside the string: still JSON, no run, none in the view', () => {
    const key = `${fake(8)}"${fake(30)}`;
    registerSecretValue(key);
    const value = { a: `x ${key.slice(0, 8)}`, b: [key.slice(0, 8)], [key.slice(0, 8)]: 1 };
    for (const space of [undefined, 2]) {
      const text = scrubJson(value, space);
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(runsOf(key, text)).toEqual([]);
      expect(holdsSecret(text)).toBe(false);
      expect(scrub(text)).toBe(text);
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
