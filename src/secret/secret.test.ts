import { createHash, randomBytes } from 'node:crypto';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret, escapeHidden, fingerprint, redact, shownPrefix } from './secret.js';

/** A random fake key of `length` base64url chars, made at run time. */
const fake = (length: number, prefix = '') =>
  prefix +
  randomBytes(length)
    .toString('base64url')
    .slice(0, length - prefix.length);

/** Every run of 9 consecutive characters of `secret` that `text` contains. */
function runsOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 9 <= secret.length; i++) {
    const run = secret.slice(i, i + 9);
    if (text.includes(run)) found.push(run);
  }
  return found;
}

const sha8 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

describe('redact', () => {
  it('shows the public prefix and the last 4 characters', () => {
    const key = fake(60, 'sk-proj-');
    expect(redact(key, 'sk-proj-')).toBe(`sk-proj-…${key.slice(-4)}`);
  });

  it('shows no prefix when none is known', () => {
    const key = fake(40);
    expect(redact(key)).toBe(`…${key.slice(-4)}`);
  });

  it('never shows more than 8 prefix characters', () => {
    const key = fake(108, 'sk-ant-api03-');
    const shown = redact(key, 'sk-ant-api03-');
    expect(shown.split('…')[0]?.length).toBeLessThanOrEqual(8);
    expect(runsOf(key, shown)).toEqual([]);
  });

  it('ignores a prefix the key does not start with', () => {
    const key = fake(40);
    expect(redact(key, 'ghp_')).toBe(`…${key.slice(-4)}`);
  });

  it('drops the prefix when prefix and tail would be more than a third of the key', () => {
    const key = fake(20, 'sk-proj-');
    expect(redact(key, 'sk-proj-')).toBe(`…${key.slice(-4)}`);
  });

  it.each([
    [0, '(empty)'],
    [1, '…'],
    [8, '…'],
    [11, '…'],
  ])('shows nothing of a %d-char key', (length, expected) => {
    expect(redact(fake(length))).toBe(expected);
  });

  it('shows 2 tail characters of a 12 to 19 char key, 4 from 20 on', () => {
    const k12 = fake(12);
    const k19 = fake(19);
    const k20 = fake(20);
    expect(redact(k12)).toBe(`…${k12.slice(-2)}`);
    expect(redact(k19)).toBe(`…${k19.slice(-2)}`);
    expect(redact(k20)).toBe(`…${k20.slice(-4)}`);
  });

  it('escapes hidden characters in the shown tail', () => {
    const key = `${fake(40)}\n`;
    expect(redact(key)).toBe(`…${key.slice(-4, -1)}\\n`);
    expect(redact(`${fake(40)}\r\n`).endsWith('\\r\\n')).toBe(true);
    expect(redact(`${fake(40)} `).endsWith('␠')).toBe(true);
    expect(redact(`${fake(40)}\u200b`).endsWith('\\u200B')).toBe(true);
  });

  it('never shows 9 consecutive characters of any key (random keys of every length)', () => {
    const prefixes = ['', 'sk-', 'sk-proj-', 'ghp_', 'sk-ant-api03-', 'xoxb-', 'AKIA'];
    for (let length = 0; length <= 120; length++) {
      for (const prefix of prefixes) {
        if (prefix.length > length) continue;
        const key = fake(length, prefix);
        for (const shown of [redact(key), redact(key, prefix), redact(key, key.slice(0, 12))]) {
          expect(runsOf(key, shown), `${length} ${prefix}`).toEqual([]);
          const [head = '', tail = ''] = shown.split('…');
          expect(head.length).toBeLessThanOrEqual(8);
          expect(tail.length).toBeLessThanOrEqual(4);
        }
      }
    }
  });
});

describe('shownPrefix', () => {
  it.each([
    ['sk-', 'sk-'],
    ['sk-proj-', 'sk-proj-'],
    ['sk-ant-api03-', 'sk-ant-…'],
    ['github_pat_', 'github_…'],
    ['sb_publishable_', 'sb_…'],
    ['ATCTT3xFfG', 'ATCTT3xF…'],
  ])('%s → %s', (prefix, expected) => {
    expect(shownPrefix(prefix)).toBe(expected);
    expect(shownPrefix(prefix).replace('…', '').length).toBeLessThanOrEqual(8);
  });
});

describe('fingerprint', () => {
  it('is sha256: and the first 8 hex digits of SHA-256 of the exact bytes', () => {
    const key = fake(51, 'sk-proj-');
    expect(fingerprint(key)).toBe(`sha256:${sha8(Buffer.from(key, 'utf8'))}`);
    expect(new Secret(key, 'test').fingerprint).toBe(fingerprint(key));
    expect(fingerprint(key)).toMatch(/^sha256:[0-9a-f]{8}$/);
  });

  it('tells a trailing newline, a BOM or a non-ASCII char apart', () => {
    const key = fake(40);
    const forms = [key, `${key}\n`, `${key}\r\n`, `\ufeff${key}`, `${key} `, `${key}é`];
    expect(new Set(forms.map(fingerprint)).size).toBe(forms.length);
    expect(fingerprint(`${key}é`)).toBe(`sha256:${sha8(Buffer.from(`${key}é`, 'utf8'))}`);
  });

  it('is the same for the same value from two sources', () => {
    const key = fake(40);
    expect(new Secret(key, 'env:A').fingerprint).toBe(new Secret(key, 'file:./a').fingerprint);
  });

  it('is the SHA-256 of the empty string for an empty value', () => {
    expect(fingerprint('')).toBe('sha256:e3b0c442');
  });
});

describe('Secret', () => {
  const key = fake(56, 'sk-proj-');
  const secret = new Secret(key, 'env:OPENAI_API_KEY', 'sk-proj-');

  it('reveals the exact value only through reveal()', () => {
    expect(secret.reveal()).toBe(key);
    expect(secret.length).toBe(56);
    expect(secret.isEmpty).toBe(false);
    expect(new Secret('', 'test').isEmpty).toBe(true);
    expect(secret.source).toBe('env:OPENAI_API_KEY');
  });

  it.each([
    ['String()', () => String(secret)],
    ['a template literal', () => `${secret}`],
    ['concatenation', () => 'key=' + secret],
    ['JSON.stringify', () => JSON.stringify({ key: secret, list: [secret] })],
    ['util.inspect', () => inspect(secret)],
    ['util.inspect, nested', () => inspect({ deep: { secret } }, { depth: 10 })],
    ['util.inspect, showHidden', () => inspect(secret, { showHidden: true })],
    ['util.inspect without custom inspect', () => inspect(secret, { customInspect: false })],
    ['util.format %s %o %O %j', () => format('%s %o %O %j', secret, secret, secret, secret)],
    ['Object.entries', () => JSON.stringify(Object.entries(secret))],
    ['spread', () => inspect({ ...secret })],
    ['an Error message', () => new Error(`bad key ${secret}`).message],
  ])('%s is redacted', (_name, render) => {
    const text = render();
    expect(runsOf(key, text)).toEqual([]);
    expect(text).not.toContain(key);
  });

  it('prints its redacted form and fingerprint', () => {
    expect(String(secret)).toBe(`sk-proj-…${key.slice(-4)}`);
    expect(JSON.stringify(secret)).toBe(JSON.stringify(secret.redacted));
    expect(inspect(secret)).toBe(`Secret(${secret.redacted}, ${secret.fingerprint})`);
  });

  it('derive keeps the source and the prefix, with a note', () => {
    const trimmed = new Secret(`${key}\n`, 'file:./key', 'sk-proj-').derive(key, 'trimmed');
    expect(trimmed.reveal()).toBe(key);
    expect(trimmed.source).toBe('file:./key (trimmed)');
    expect(trimmed.redacted.startsWith('sk-proj-…')).toBe(true);
  });

  it('withPublicPrefix changes only the redacted form', () => {
    const plain = new Secret(key, 'test');
    const withPrefix = plain.withPublicPrefix('sk-proj-');
    expect(plain.redacted).toBe(`…${key.slice(-4)}`);
    expect(withPrefix.redacted).toBe(`sk-proj-…${key.slice(-4)}`);
    expect(withPrefix.equals(plain)).toBe(true);
    expect(withPrefix.equals(new Secret(`${key} `, 'test'))).toBe(false);
  });
});

describe('escapeHidden', () => {
  it.each([
    ['a\nb', 'a\\nb'],
    ['a\rb', 'a\\rb'],
    ['a\tb', 'a\\tb'],
    ['a b', 'a␠b'],
    ['a\u200bb', 'a\\u200Bb'],
    ['\ufeffa', '\\uFEFFa'],
    ['a\u00a0', 'a\\u00A0'],
    ['plain-ASCII_123', 'plain-ASCII_123'],
    ['é', 'é'],
  ])('%j → %j', (input, expected) => {
    expect(escapeHidden(input)).toBe(expected);
  });
});
