import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlUrlencode, parseCurlArgs } from './curl-args.js';
import { CURL_OPTIONS } from './curl-options.js';

const files: Record<string, string> = {
  'body.json': '{"a":1}\n',
  'lines.txt': 'a=1\r\nb=2\n',
  'h.txt': 'X-One: 1\nX-Two: 2\n',
};
const readFile = (path: string) =>
  files[path] === undefined ? undefined : Buffer.from(files[path] ?? '', 'utf8');
const parse = (argv: string[]) => parseCurlArgs(argv, { readFile });
const header = (r: ReturnType<typeof parse>, name: string) =>
  r.headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);

describe('parseCurlArgs: what curl itself would send', () => {
  it.each([
    [['curl', '-d', 'a=1', 'https://x.io/y'], { data: 'a=1', form: true, url: 'https://x.io/y' }],
    [['curl', '-d', 'a=1', '-d', 'b=2', 'https://x.io'], { data: 'a=1&b=2', method: 'POST' }],
    [['curl', '--json', '{"a":1}', 'https://x.io'], { data: '{"a":1}', form: false }],
    [['curl', '--json', '{"a":1}', '--json', '[2]', 'https://x.io'], { data: '{"a":1}[2]' }],
    [['curl', '-d', 'x=1', '--json', '{}', 'https://x.io'], { data: 'x=1{}' }],
    [['curl', '--json', '{}', '-d', 'x=1', 'https://x.io'], { data: '{}&x=1' }],
    [['curl', '-d', '@body.json', 'https://x.io'], { data: '{"a":1}' }],
    [['curl', '-d', '@lines.txt', 'https://x.io'], { data: 'a=1b=2' }],
    [['curl', '--data-binary', '@lines.txt', 'https://x.io'], { data: 'a=1\r\nb=2\n' }],
    [['curl', '--data-raw', '@literal', 'https://x.io'], { data: '@literal' }],
    [
      ['curl', '-G', '-d', 'q=1', 'https://x.io/s?a=b'],
      { url: 'https://x.io/s?a=b&q=1', data: undefined, method: 'GET', form: false },
    ],
    [
      ['curl', '-G', '--data-urlencode', 'q=hi there', 'https://x.io/s'],
      { url: 'https://x.io/s?q=hi+there' },
    ],
    [['curl', '-G', '-I', '-d', 'a', 'https://x.io/'], { url: 'https://x.io/?a', method: 'HEAD' }],
    [
      ['curl', '--url-query', 'q=a b', '--url-query', '+r=a%20b', 'https://x.io/'],
      { url: 'https://x.io/?q=a+b&r=a%20b' },
    ],
    [['curl', '--data-urlencode', 'a=b c&d', 'https://x.io'], { data: 'a=b+c%26d' }],
    [['curl', '--data-urlencode', '=x y', 'https://x.io'], { data: 'x+y' }],
    [['curl', '--data-urlencode', 'é/~', 'https://x.io'], { data: '%C3%A9%2F~' }],
    [
      ['curl', '--data-urlencode', 'n@body.json', 'https://x.io'],
      { data: 'n=%7B%22a%22%3A1%7D%0A' },
    ],
    [
      ['curl', '-XPOST', '-HAuthorization: Bearer k', 'https://x.io'],
      { method: 'POST', methodGiven: true },
    ],
    [['curl', '-sSLk', 'https://x.io'], { insecure: true, follow: true, errors: [] }],
    [['curl', '-sd', 'a=b', 'https://x.io'], { data: 'a=b', url: 'https://x.io' }],
    [['curl', '-sda=b', 'https://x.io'], { data: 'a=b' }],
    [
      ['curl', '-c', 'jar', '-o', 'out', '-w', '%{http_code}', 'x.io/a'],
      { url: 'http://x.io/a', urlCount: 1 },
    ],
    [['curl', '--trace-ascii', 'trace.txt', 'https://x.io'], { url: 'https://x.io', urlCount: 1 }],
    [['curl', '127.0.0.1:8080/v1'], { url: 'http://127.0.0.1:8080/v1' }],
    [['curl', 'localhost/x#frag'], { url: 'http://localhost/x' }],
    [['curl', '--', '-weird.example.com'], { errors: [expect.stringMatching(/plainly a URL/)] }],
    [
      ['curl', '--noproxy', '*', '-H', 'Authorization: Bearer k', 'http://127.0.0.1:8080/v1'],
      { noProxy: '*', url: 'http://127.0.0.1:8080/v1', errors: [] },
    ],
    [
      ['curl', '-x', 'proxy:3128', '-U', 'me:pw', 'https://x.io/'],
      { proxy: 'proxy:3128', proxyUser: 'me:pw', url: 'https://x.io/', secrets: ['me:pw'] },
    ],
    [
      ['curl', '--proxy-header', 'Proxy-Authorization: Basic abc', 'https://x.io/'],
      { url: 'https://x.io/', errors: [] },
    ],
    [['curl', 'https://a.io/1', 'https://a.io/2'], { url: 'https://a.io/1', urlCount: 2 }],
    [
      ['curl', 'https://a.io/1', '--next', '-d', 'x', 'https://a.io/2'],
      { url: 'https://a.io/1', data: undefined },
    ],
    [['curl', '-L', '--no-location', 'https://a.io/'], { follow: false }],
  ])('%j', (argv, expected) => {
    expect(parse(argv)).toMatchObject(expected);
  });

  it('--oauth2-bearer is Authorization: Bearer, a secret, and never the URL', () => {
    const r = parse(['curl', '--oauth2-bearer', 'TOKEN-abc', 'https://x.io/me']);
    expect(r.url).toBe('https://x.io/me');
    expect(header(r, 'authorization')).toEqual(['Bearer TOKEN-abc']);
    expect(r.secrets).toContain('TOKEN-abc');
    const alone = parse(['curl', '--oauth2-bearer', 'TOKEN-abc']);
    expect(alone.url).toBeUndefined();
  });

  it("curl's own headers: defaults, -H replacing or removing them, -A, -e, -r, -b, --compressed", () => {
    const r = parse([
      '-u',
      'u:p',
      '-e',
      'http://r.io/;auto',
      '-r',
      '5',
      '-b',
      'a=b',
      '-b',
      'c=d',
      '--compressed',
      'https://x.io',
    ]);
    expect(header(r, 'authorization')).toEqual([`Basic ${Buffer.from('u:p').toString('base64')}`]);
    expect(header(r, 'accept')).toEqual(['*/*']);
    expect(header(r, 'referer')).toEqual(['http://r.io/']);
    expect(header(r, 'range')).toEqual(['bytes=5-']);
    expect(header(r, 'cookie')).toEqual(['a=b;c=d']);
    expect(header(r, 'accept-encoding')).toEqual(['deflate, gzip, br, zstd']);
    expect(header(r, 'user-agent')).toEqual(['curl/8.5.0']);
    const h = parse([
      '-H',
      'Accept:',
      '-H',
      'X-E;',
      '-H',
      'Cookie: z=1',
      '-b',
      'a=b',
      '-A',
      '',
      'https://x.io',
    ]);
    expect(header(h, 'accept')).toEqual([]);
    expect(header(h, 'x-e')).toEqual(['']);
    expect(header(h, 'cookie')).toEqual(['z=1']);
    expect(header(h, 'user-agent')).toEqual([]);
    expect(h.removed).toEqual(expect.arrayContaining(['accept', 'user-agent']));
    const j = parse(['--json', '{}', 'https://x.io']);
    expect(header(j, 'content-type')).toEqual(['application/json']);
    expect(header(j, 'accept')).toEqual(['application/json']);
    const f = parse(['-H', '@h.txt', 'https://x.io']);
    expect(f.headers.slice(-2)).toEqual([
      ['X-One', '1'],
      ['X-Two', '2'],
    ]);
  });

  it('curl -b FILE is not a URL, and the cookie file is noted, not read', () => {
    const r = parse(['-b', 'jar.txt', 'https://x.io']);
    expect(r).toMatchObject({ url: 'https://x.io', urlCount: 1 });
    expect(r.notes.join()).toMatch(/cookie files/);
  });

  it.each([
    [['--frobnicate', 'https://x.io']],
    [['--header=X: y', 'https://x.io']],
    [['-K', 'cfg', 'https://x.io']],
    [['--config', 'cfg', 'https://x.io']],
    [['-F', 'a=b', 'https://x.io']],
    [['-T', 'f', 'https://x.io']],
    [['--digest', '-u', 'u:p', 'https://x.io']],
    [['-sW', 'https://x.io']],
    [['-', 'https://x.io']],
    [['--no-header', 'https://x.io']],
    [['-I', '-d', 'a', 'https://x.io']],
    [['ftp://x.io/f']],
    [['ftp.x.io/f']],
    [['https://x.io/[1-3]']],
    [['-d', 'missing', '-d', '@nofile', 'https://x.io']],
    [['-H']],
  ])('refused: %j', (argv) => {
    expect(parse(argv).errors).not.toEqual([]);
  });

  it('a word that is not plainly a URL is refused, never taken for a host', () => {
    for (const word of [
      'TOKEN',
      'sk_live_abc123',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      'a.b.c',
    ]) {
      const r = parse(['-H', 'Authorization:', 'Bearer', word, 'https://x.io']);
      expect(r.errors.length, word).toBeGreaterThan(0);
    }
    expect(parse(['api.example.com/v1']).url).toBe('http://api.example.com/v1');
    expect(parse(['myhost:8080/v1']).url).toBe('http://myhost:8080/v1');
    expect(parse(['[::1]:8080/']).url).toBe('http://[::1]:8080/');
  });

  it('errors and notes name options, never their values', () => {
    const secret = 'Zq9-secret-value-7781';
    const cases = [
      ['--oauth2-bearer', secret],
      ['-d', secret],
      ['-H', `X${secret}`],
      [`--${secret}`, 'https://x.io'],
      [`--header=${secret}`, 'https://x.io'],
      ['-F', `a=${secret}`, 'https://x.io'],
      ['-u', secret, 'https://x.io'],
      [secret],
      ['-b', secret, 'https://x.io'],
      ['-d', `@${secret}`, 'https://x.io'],
    ];
    for (const argv of cases) {
      const r = parse(argv);
      const out = [...r.errors, ...r.notes, ...r.ignored].join('\n');
      expect(out, argv.join(' ')).not.toContain(secret.slice(0, 9));
      expect(out, argv.join(' ')).not.toContain(secret.slice(-9));
    }
  });

  it("curl's escaping: unreserved kept, space as +, the rest %XX upper-case", () => {
    expect(curlUrlencode(Buffer.from('a b+c&d=é~._-'))).toBe('a+b%2Bc%26d%3D%C3%A9~._-');
  });
});

describe("curl's option table (curl-options.ts)", () => {
  it('every option the installed curl shows with an <argument> takes a value in the table', () => {
    const help = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    const lines = help.stdout.split('\n').filter((l) => /^\s+(-\S, )?--\S/.test(l));
    expect(lines.length).toBeGreaterThan(200);
    for (const line of lines) {
      const m = /^\s+(?:-(\S), )?--(\S+)( [<[])?/.exec(line);
      if (!m) continue;
      const [, short, name, arg] = m;
      // curl lists a few switches by their off form (--no-alpn, --no-buffer)
      const o =
        CURL_OPTIONS.long.get(name ?? '') ??
        CURL_OPTIONS.long.get((name ?? '').replace(/^no-/, ''));
      expect(o, name).toBeDefined();
      if (name === 'help' || name === 'include') continue; // why401 answers -h itself; -i is output
      expect(o?.value, name).toBe(arg !== undefined);
      if (short) expect(CURL_OPTIONS.short.get(short)?.value, short).toBe(arg !== undefined);
    }
  });

  it('curl marks its credential options secret', () => {
    for (const name of ['user', 'proxy-user', 'oauth2-bearer', 'pass', 'proxy-pass'])
      expect(CURL_OPTIONS.long.get(name)?.secret, name).toBe(true);
  });
});
