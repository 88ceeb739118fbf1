/**
 * Issue 13, item 4: a key pasted where a name belongs (a variable, a provider id, a finding id, a
 * command, an option, a --param name, a header name, a URL or a host) is never echoed, and never
 * looked up in DNS. Random canaries in each key shape, in every such place: a usage error (exit
 * 2, so nothing was sent: exit 3 would mean the network was tried), with no run of 9 characters
 * of the key anywhere in stdout or stderr (compared lower-cased: a URL's host is lower-cased).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runsOf, STACK, why401 } from './helpers.js';

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const b62 = (n: number) => [...randomBytes(n)].map((b) => B62[b % 62]).join('');
const digits = (n: number) => [...randomBytes(n)].map((b) => String(b % 10)).join('');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One canary per shape; a UUID starting with a letter once passed for a lower-kebab name. */
const SHAPES: Record<string, string> = {
  uuid: randomUUID(),
  'uuid, a letter first': `${'abcdef'[randomBytes(1)[0]! % 6]}${randomUUID().slice(1)}`,
  hex32: hex(16),
  hex64: hex(32),
  base64: randomBytes(32).toString('base64'),
  'sk-proj-': `sk-proj-${randomBytes(36).toString('base64url')}`,
  ghp_: `ghp_${b62(36)}`,
  'xoxb-': `xoxb-${digits(12)}-${digits(12)}-${b62(24)}`,
};

const CLOSED = 'http://127.0.0.1:9/v1/models';

/** Every place a name, a URL or a header name is typed; `k` is the pasted key. */
const PLACES: [string, (k: string) => string[]][] = [
  ['check --key-env KEY', (k) => ['check', CLOSED, '--key-env', k]],
  ['key --key-env KEY', (k) => ['key', '--key-env', k]],
  ['env KEY', (k) => ['env', k]],
  ['explain KEY', (k) => ['explain', k]],
  ['providers KEY', (k) => ['providers', k]],
  ['check --provider KEY', (k) => ['check', CLOSED, '--provider', k, '--key', 'x']],
  ['key --provider KEY', (k) => ['key', '--key', 'abc', '--provider', k]],
  ['capture --provider KEY', (k) => ['capture', '--target', CLOSED, '--provider', k]],
  ['run --provider KEY', (k) => ['run', '--provider', k, '--', 'node', '-e', '0']],
  ['check --param NAME=KEY', (k) => ['check', '--provider', 'twilio', '--param', `NAME=${k}`]],
  ['check --param KEY', (k) => ['check', '--provider', 'twilio', '--param', k]],
  ['check --param KEY=x', (k) => ['check', '--provider', 'twilio', '--param', `${k}=x`]],
  ['why401 KEY (unknown command)', (k) => [k]],
  ['why401 --KEY', (k) => [`--${k}`]],
  ['check --KEY (unknown option)', (k) => ['check', CLOSED, `--${k}`]],
  ['env --KEY (unknown option)', (k) => ['env', `--${k}`]],
  ['key KEY (unexpected word)', (k) => ['key', '--key', 'abc', k]],
  ['check -H "KEY: 1"', (k) => ['check', CLOSED, '-H', `${k}: 1`]],
  ['check -H KEY (no colon)', (k) => ['check', CLOSED, '-H', k]],
  ['key -H "KEY: 1"', (k) => ['key', '-H', `${k}: 1`]],
  ['check KEY (as the URL)', (k) => ['check', k]],
  ['check --url KEY', (k) => ['check', '--url', k]],
  ['check KEY/v1/models', (k) => ['check', `${k}/v1/models`]],
  ['check --proxy KEY', (k) => ['check', CLOSED, '--proxy', k]],
  ['check --base-url KEY', (k) => ['check', '--provider', 'openai', '--base-url', k]],
  ['key --url KEY', (k) => ['key', '--key', 'abc', '--url', k]],
  ['capture --target KEY', (k) => ['capture', '--target', k]],
];

/** https://KEY: a key-like host with a scheme is refused too (not for base64: it holds a '/'). */
const WITH_SCHEME: [string, (k: string) => string[]][] = [
  ['check https://KEY', (k) => ['check', `https://${k}/v1`]],
  ['check --proxy http://KEY:3128', (k) => ['check', CLOSED, '--proxy', `http://${k}:3128`]],
];

function expectNoLeak(key: string, out: string): void {
  expect(runsOf(key.toLowerCase(), out.toLowerCase())).toEqual([]);
}

function expectUsageError(args: string[], key: string): void {
  const run = why401(args);
  const out = `${run.stdout}${run.stderr}`;
  expectNoLeak(key, out);
  expect(run.status, out).toBe(2);
  expect(run.stderr).toMatch(/^why401: /);
  expect(run.stderr).not.toMatch(STACK);
}

describe('a key pasted where a name, URL or header name belongs: exit 2, never echoed', () => {
  for (const [shape, key] of Object.entries(SHAPES)) {
    describe(shape, () => {
      it.each(PLACES)('%s', (_place, argsOf) => expectUsageError(argsOf(key), key));
      if (!key.includes('/'))
        it.each(WITH_SCHEME)('%s', (_place, argsOf) => expectUsageError(argsOf(key), key));
    });
  }
});

describe('a password that breaks URL parsing is not echoed in "not a valid URL"', () => {
  const secret = b62(12);
  // each character that ends the userinfo early when it is not percent-encoded (a space does
  // not: URL parsers encode it as %20, and the password is then registered as a credential)
  const passwords = ['/', '#', '?', '\\'].map((c) => `${secret.slice(0, 6)}${c}${secret.slice(6)}`);
  const places: [string, (pw: string) => string[]][] = [
    ['check URL', (pw) => ['check', `https://user:${pw}@api.example.com/v1`]],
    ['check --proxy', (pw) => ['check', CLOSED, '--proxy', `http://u:${pw}@127.0.0.1:1`]],
    [
      'check --base-url',
      (pw) => ['check', '--provider', 'openai', '--base-url', `https://u:${pw}@h.example.com`],
    ],
    ['key --url', (pw) => ['key', '--key', 'abc', '--url', `https://u:${pw}@h.example.com`]],
    ['capture --target', (pw) => ['capture', '--target', `https://u:${pw}@h.example.com`]],
  ];
  for (const pw of passwords)
    it.each(places)(`%s, a password with ${JSON.stringify(pw[6])}`, (_p, argsOf) => {
      const run = why401(argsOf(pw));
      const out = `${run.stdout}${run.stderr}`;
      // the halves around the breaking character: neither may show (6 characters each)
      expect(out).not.toContain(secret.slice(0, 6));
      expect(out).not.toContain(secret.slice(6));
      expect(run.status, out).toBe(2);
    });
});

describe('a plain name is still echoed, with a "did you mean"', () => {
  it.each([
    [['providers', 'opnai'], 'unknown provider "opnai". Did you mean: openai?'],
    [['check', CLOSED, '--provider', 'opnai'], 'Did you mean: openai?'],
    [['explain', 'key.newlin'], 'Did you mean: key.newline?'],
    [['chek'], 'unknown command "chek". Did you mean: check?'],
    [['check', 'myhost'], '"myhost" is not plainly a host name'],
    [['check', CLOSED, '-H', 'Authorization'], '"Authorization" without a colon'],
    [['check', '--provider', 'twilio', '--param', 'AccountSID'], '"AccountSID" without ='],
  ])('%j', (args, message) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('--key-env OPENAI_KEY (unset) names the variable', () => {
    const run = why401(['key', '--key-env', 'WHY401_TEST_UNSET_KEY']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('WHY401_TEST_UNSET_KEY');
  });

  it('a header name of words and digits is a header name (X-Amz-Content-Sha256)', () => {
    const run = why401(['key', '-H', 'X-Amz-Content-Sha256: 1', '-H', `X-Api-Key: ${b62(32)}`]);
    expect(run.status).not.toBe(2);
  });
});
