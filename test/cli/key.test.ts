import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { FINDING_IDS } from '../../src/findings/ids.js';
import { PROVIDERS } from '../../src/providers/catalog/index.js';
import { ALNUM, fill, mainSample, sampleKey } from '../support/key-samples.js';
import { STACK, json, sha8, tempDir, why401, type KeyJson, type Run } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const openai = sampleKey('openai');
const anthropic = sampleKey('anthropic');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const seg = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const nowS = () => Math.floor(Date.now() / 1000);
const jwt = (claims: Record<string, unknown>) =>
  `${seg({ alg: 'HS256', typ: 'JWT' })}.${seg({ sub: 'user-1', ...claims })}.${randomBytes(32).toString('base64url')}`;

/** `why401 key` with the key in $WHY401_TEST_KEY. */
const keyEnv = (value: string, ...args: string[]): Run =>
  why401(['key', '--key-env', 'WHY401_TEST_KEY', ...args], { env: { WHY401_TEST_KEY: value } });
const keyFile = (data: string | Buffer, ...args: string[]): Run =>
  why401(['key', '--key-file', tmp.file(`key-${randomBytes(4).toString('hex')}`, data), ...args]);

const ids = (run: Run) => json<KeyJson>(run).findings.map((f) => f.id);
const errors = (run: Run) =>
  json<KeyJson>(run)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.id}: ${f.evidence}`);

function oneLineError(run: Run): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^why401: /);
  expect(run.stderr).not.toMatch(STACK);
}

describe('why401 key --json', () => {
  it('prints one why401/key@1 object with the contract fields', () => {
    const run = keyEnv(openai, '--json');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const out = json<KeyJson>(run);
    expect(out.schema).toBe('why401/key@1');
    expect(out.credential).toEqual({
      source: 'env:WHY401_TEST_KEY',
      redacted: `sk-proj-…${openai.slice(-4)}`,
      length: openai.length,
      fingerprint: sha8(openai),
    });
    expect(out.provider).toBe('openai');
    expect(out.kind).toBe('secret');
    expect(out.kinds).toEqual(['secret', 'project']);
    expect(out.candidates).toContain('openai');
    expect(out.findings).toEqual([]);
  });

  it('gives every finding id, severity, title, evidence and fix', () => {
    const out = json<KeyJson>(keyEnv(`"${openai}"\n`, '--json'));
    expect(out.findings.length).toBeGreaterThanOrEqual(2);
    for (const f of out.findings) {
      expect(FINDING_IDS).toContain(f.id);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(typeof f.title).toBe('string');
      expect(typeof f.evidence).toBe('string');
      expect(typeof f.fix).toBe('string');
      expect(f.title && f.fix).toBeTruthy();
    }
  });

  it('fingerprints the exact bytes of a key file, trailing newline included', () => {
    const out = json<KeyJson>(keyFile(`${openai}\n`, '--json'));
    expect(out.credential?.fingerprint).toBe(sha8(Buffer.from(`${openai}\n`)));
    expect(out.credential?.length).toBe(openai.length + 1);
    expect(out.credential?.source).toMatch(/^file:/);
    expect(out.findings.map((f) => f.id)).toContain('key.newline');
  });

  it('reads stdin and names it as the source', () => {
    const run = why401(['key', '--key-stdin', '--json'], { input: openai });
    expect(run.status).toBe(0);
    expect(json<KeyJson>(run).credential?.source).toBe('stdin');
  });

  it('reads --key and names it arg', () => {
    expect(json<KeyJson>(why401(['key', '--key', openai, '--json'])).credential?.source).toBe(
      'arg',
    );
  });
});

// One case (at least) per key.* row of the finding catalog.
const later = nowS();
const CASES: readonly {
  id: string;
  name: string;
  run: () => Run;
  status?: number;
}[] = [
  { id: 'key.missing', name: 'an empty variable', run: () => keyEnv('', '--json') },
  {
    id: 'key.missing',
    name: 'en-01: Bearer undefined',
    run: () => keyEnv('Bearer undefined', '--json'),
  },
  { id: 'key.missing', name: 'empty stdin', run: () => why401(['key', '--key-stdin', '--json']) },
  {
    id: 'key.whitespace',
    name: 'ws-09: a trailing space',
    run: () => keyEnv(`${openai} `, '--json'),
  },
  {
    id: 'key.newline',
    name: 'ws-02: a file ending in LF',
    run: () => keyFile(`${openai}\n`, '--json'),
  },
  { id: 'key.newline', name: 'ws-08: CRLF', run: () => keyFile(`${openai}\r\n`, '--json') },
  {
    id: 'key.invisible',
    name: 'a BOM-prefixed file',
    run: () => keyFile(`\ufeff${openai}`, '--json'),
  },
  {
    id: 'key.invisible',
    name: 'a zero-width space',
    run: () => keyEnv(`${openai.slice(0, 12)}\u200b${openai.slice(12)}`, '--json'),
  },
  {
    id: 'key.non-ascii',
    name: 'ch-01: a character above 255',
    run: () => keyEnv(`${openai.slice(0, 39)}\u2211${openai.slice(40)}`, '--json'),
  },
  { id: 'key.quoted', name: 'qt-01: cmd.exe quotes', run: () => keyEnv(`"${openai}"`, '--json') },
  { id: 'key.placeholder', name: 'wv-05: TOKEN', run: () => keyEnv('TOKEN', '--json') },
  { id: 'key.unexpanded', name: '${NAME}', run: () => keyEnv('${OPENAI_API_KEY}', '--json') },
  {
    id: 'key.masked',
    name: 'a dashboard copy',
    run: () => keyEnv(`sk-proj-\u2026${openai.slice(-4)}`, '--json'),
  },
  {
    id: 'key.scheme-included',
    name: 'hd-03: bearer in the value',
    run: () => keyEnv(`bearer ${openai}`, '--json'),
  },
  {
    id: 'key.truncated',
    name: 'wv-09 shape: cut short',
    run: () => keyEnv(anthropic.slice(0, 50), '--json'),
  },
  {
    id: 'key.truncated',
    name: 'issue 14: sk-proj- and 30 characters',
    run: () => why401(['key', '--key', `sk-proj-${fill(ALNUM, 30, 'proj30')}`, '--json']),
  },
  {
    id: 'key.malformed',
    name: 'issue 14: two Stripe keys pasted together (--key VALUE)',
    run: () =>
      why401([
        'key',
        '--key',
        `sk_live_${fill(ALNUM, 99, 'st1')}sk_live_${fill(ALNUM, 99, 'st2')}`,
        '--json',
      ]),
  },
  {
    id: 'key.malformed',
    name: 'a GitHub token with a dash in it',
    run: () => keyEnv(`ghp_${fill(ALNUM, 17, 'gh1')}-${fill(ALNUM, 18, 'gh2')}`, '--json'),
  },
  {
    id: 'key.truncated',
    name: 'a malformed JWT',
    run: () => keyEnv(`${jwt({ role: 'service_role' }).slice(0, 40)}.x`, '--json'),
  },
  {
    id: 'key.wrong-provider',
    name: 'bu-04: an OpenAI key for Azure',
    run: () => keyEnv(openai, '--provider', 'azure-openai', '--json'),
  },
  {
    id: 'key.wrong-type',
    name: 'a Stripe publishable key',
    run: () => keyEnv(sampleKey('stripe', 4), '--provider', 'stripe', '--json'),
  },
  {
    id: 'key.wrong-type',
    name: 'wv-04: a card token',
    run: () => keyEnv(`tok_${fill(ALNUM, 24, 'tok')}`, '--json'),
  },
  {
    id: 'key.expired',
    name: 'exp a day ago',
    run: () => keyEnv(jwt({ exp: later - 86400 }), '--json'),
  },
  {
    id: 'key.not-yet-valid',
    name: 'nbf a day ahead',
    run: () => keyEnv(jwt({ nbf: later + 86400, exp: later + 30 * 86400 }), '--json'),
  },
  {
    id: 'key.expiring-soon',
    name: 'exp in 2 days (a warning: exit 0)',
    run: () => keyEnv(jwt({ exp: later + 2 * 86400 }), '--json'),
    status: 0,
  },
  {
    id: 'key.basic-malformed',
    name: 'ws-13: echo user:pass | base64',
    run: () => keyEnv(`Basic ${b64('user:password\n')}`, '--json'),
  },
];

describe('why401 key raises every key.* finding', () => {
  it.each(CASES.map((c) => [c.id, c.name, c] as const))('%s: %s', (id, _name, c) => {
    const run = c.run();
    expect(run.stderr).toBe('');
    expect(ids(run)).toContain(id);
    expect(run.status).toBe(c.status ?? 1);
  });

  it('has a case for every key.* id but key.wrong-environment', () => {
    const covered = new Set(CASES.map((c) => c.id));
    const keyIds = FINDING_IDS.filter((id) => id.startsWith('key.'));
    expect(keyIds.filter((id) => !covered.has(id))).toEqual(['key.wrong-environment']); // raised below, with --url
  });

  it('key.wrong-environment: an admin key for a non-admin endpoint', () => {
    const url = 'https://api.openai.com/v1/models';
    expect(ids(keyEnv(sampleKey('openai', 4), '--url', url, '--json'))).toContain(
      'key.wrong-environment',
    );
  });

  it('prints the same finding ids in human form, with the same exit code', () => {
    const run = keyEnv(`${openai}\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('key.newline');
    expect(run.stdout).toContain(`LF (U+000A) at ${openai.length}`);
    expect(run.stdout).not.toContain(openai);
    expect(run.stdout).not.toMatch(/\u001b\[/); // NO_COLOR
  });
});

describe('a clean key of each of the 55 providers', () => {
  it('covers 55 providers', () => {
    expect(PROVIDERS).toHaveLength(55);
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s: no error finding', (id, p) => {
    const key = mainSample(p);
    for (const args of [[], ['--provider', id]]) {
      const run = keyEnv(key, ...args, '--json');
      expect(errors(run), `${id} ${args.join(' ')}`).toEqual([]);
      expect(run.status).toBe(0);
      const out = json<KeyJson>(run);
      expect(out.credential?.length).toBe(key.length);
      if (args.length > 0) {
        expect(out.provider).toBe(id);
        expect(out.candidates).toContain(id);
      }
    }
  });
});

describe('bad input', () => {
  it('empty stdin is key.missing', () => {
    const run = why401(['key', '--key-stdin', '--json'], { input: '' });
    expect(run.status).toBe(1);
    expect(ids(run)).toEqual(['key.missing']);
  });

  it('a binary garbage file: findings, no crash, no control characters printed', () => {
    const garbage = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (const args of [[], ['--json']]) {
      const run = keyFile(garbage, ...args);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('');
      expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    const found = ids(keyFile(garbage, '--json'));
    expect(found).toEqual(
      expect.arrayContaining(['key.invisible', 'key.non-ascii', 'key.newline']),
    );
  });

  it('a 1 MB key file is a usage error: exit 2, one line, no stack trace', () => {
    const run = keyFile(randomBytes(1024 * 1024));
    oneLineError(run);
    expect(run.stderr).toMatch(/bytes: no credential is that long/);
  });

  it('a 1 MB environment value is refused the same way', () => {
    oneLineError(keyEnv(fill(ALNUM, 70 * 1024, 'big')));
  });

  it('invalid UTF-8 bytes are reported, not a crash', () => {
    const run = keyFile(
      Buffer.concat([
        Buffer.from(openai.slice(0, 20)),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from(openai.slice(20)),
      ]),
      '--json',
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(ids(run)).toContain('key.non-ascii');
  });

  it('a malformed JWT is key.truncated, with the reason', () => {
    const token = jwt({ exp: nowS() + 3600 });
    const [h, c, s] = token.split('.');
    const run = keyEnv(`${h}.${c?.slice(0, 9)}${c?.slice(10)}.${s}`, '--json');
    expect(run.status).toBe(1);
    const f = json<KeyJson>(run).findings.find((x) => x.id === 'key.truncated');
    expect(f?.evidence).toContain('does not decode');
  });

  it('an unset variable is env.unset with a null credential (exit 1)', () => {
    const run = why401(['key', '--key-env', 'WHY401_SURELY_UNSET', '--json']);
    expect(run.status).toBe(1);
    const out = json<KeyJson>(run);
    expect(out.schema).toBe('why401/key@1');
    expect(out.credential).toBeNull();
    expect(out.findings.map((f) => f.id)).toEqual(['env.unset']);
  });
});

describe('why401 key -H (a header as the app sends it)', () => {
  it('Basic: the value is decoded as check does (a newline in the pair is key.basic-malformed)', () => {
    const run = why401(['key', '-H', `Authorization: Basic ${b64('user:pass\n')}`, '--json']);
    expect(run.status).toBe(1);
    const out = json<KeyJson>(run);
    expect(out.credential?.source).toBe('header:Authorization');
    expect(ids(run)).toContain('key.basic-malformed');
  });

  it('issue 14: Basic dev@acme.dev :KEY: key.whitespace names the user half, the key is linted', () => {
    const key = `sk_live_${fill(ALNUM, 99, 'basic-cli')}`;
    const run = why401([
      'key',
      '-H',
      `Authorization: Basic ${b64(`dev@acme.dev :${key}`)}`,
      '--json',
    ]);
    expect(run.status).toBe(1);
    const out = json<KeyJson>(run);
    expect(out.provider).toBe('stripe');
    expect(out.findings.map((f) => f.id)).toEqual(['key.whitespace']);
    expect(String(out.findings[0]?.evidence)).toContain("the Basic pair's user: SPACE");
    expect(run.stdout).not.toContain(key.slice(8, 20));
  });

  it('Basic -u ":KEY" with a too-short Stripe key inside: key.truncated of the decoded key', () => {
    const key = `sk_live_${fill(ALNUM, 12, 'basic-short')}`;
    const run = why401(['key', '-H', `Authorization: Basic ${b64(`:${key}`)}`, '--json']);
    expect(ids(run)).toContain('key.truncated');
  });

  it('Basic, well formed: no finding about the pair', () => {
    const run = why401(['key', '--header', `Authorization: Basic ${b64('user:pass')}`, '--json']);
    expect(ids(run)).not.toContain('key.basic-malformed');
  });

  it('Bearer: the key without its scheme is linted, its provider named', () => {
    const run = why401([
      'key',
      '-H',
      'Accept: application/json',
      '-H',
      `Authorization: Bearer ${openai}`,
      '--json',
    ]);
    expect(run.status).toBe(0);
    const out = json<KeyJson>(run);
    expect(out.provider).toBe('openai');
    expect(out.credential?.length).toBe(openai.length);
    expect(ids(run)).not.toContain('key.scheme-included');
  });

  it("the provider's own header, as --provider names it", () => {
    const run = why401([
      'key',
      '-H',
      `x-api-key: ${anthropic}`,
      '--provider',
      'anthropic',
      '--json',
    ]);
    expect(json<KeyJson>(run).provider).toBe('anthropic');
    expect(json<KeyJson>(run).credential?.source).toBe('header:x-api-key');
  });

  it.each([
    ['no credential header among them', ['key', '-H', 'Accept: application/json']],
    ['a header and a key', ['key', '-H', `Authorization: Bearer ${openai}`, '--key', openai]],
    ['not a header', ['key', '-H', 'no colon here']],
  ])('%s: a one-line usage error', (_name, args) => {
    oneLineError(why401(args));
  });
});

describe('usage errors (exit 2, one line on stderr)', () => {
  it.each([
    ['an unknown provider', ['key', '--key', openai, '--provider', 'nope']],
    ['a missing key file', ['key', '--key-file', '/nonexistent/why401/key.txt']],
    ['no credential', ['key']],
    ['two credential sources', ['key', '--key', openai, '--key-env', 'HOME']],
    ['an unknown flag', ['key', '--bogus']],
    ['a positional argument', ['key', 'extra']],
    ['--key-env given a value with spaces', ['key', '--key-env', 'not a name']],
    ['an unknown command', ['nope']],
  ])('%s', (_name, args) => {
    oneLineError(why401(args));
  });

  it('a key file that is a directory', () => {
    oneLineError(why401(['key', '--key-file', tmp.dir]));
  });

  it('a UTF-16 key file (Windows PowerShell `>`) says so, never showing the key', () => {
    const key = `${openai}\r\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(key, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    for (const data of [le, be]) {
      const run = keyFile(data);
      oneLineError(run);
      expect(run.stderr).toContain('is UTF-16 text');
      expect(run.stderr).not.toContain(openai.slice(-9));
    }
  });

  it('a key file that is a directory says so', () => {
    expect(why401(['key', '--key-file', tmp.dir]).stderr).toContain('is a directory');
  });

  it('--help exits 0 and shows the options', () => {
    const run = why401(['key', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--key-env NAME');
  });
});
