import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectEnv } from './index.js';
import { MAX_FILE_BYTES } from './read-text.js';
import { findFiles } from './walk.js';

const root = mkdtempSync(join(tmpdir(), 'why401-collect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(root, name);
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('findFiles', () => {
  it('walks two levels, never node_modules or .git, and survives a symlink loop', async () => {
    const dir = project('walk', {
      'compose.yaml': '',
      'a/Dockerfile': '',
      'a/b/compose.yml': '',
      'a/b/c/compose.yml': '',
      'node_modules/x/compose.yml': '',
      '.git/compose.yml': '',
    });
    symlinkSync(dir, join(dir, 'a', 'loop'));
    const found = await findFiles(dir, (n) => /compose|Dockerfile/.test(n));
    expect(found.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      'a/Dockerfile',
      'a/b/compose.yml',
      'compose.yaml',
    ]);
  });
});

describe('collectEnv', () => {
  const env = { OPENAI_API_KEY: 'sk-env-101aaaaaaaaaaaaaaaa' };

  it('reads every kind of source and never throws on bad files', async () => {
    const dir = project('all', {
      '.env': 'OPENAI_API_KEY=sk-dot-202bbbbbbbbbbbbbbbb\nnot a line\n',
      'home/.bashrc': 'export OPENAI_API_KEY=sk-sh-303cccccccccccccccc\n',
      'home/.netrc': 'machine api.openai.com login x password sk-net-404dddddddddddddddd\n',
      Dockerfile: 'FROM node\nENV OPENAI_API_KEY=sk-img-505eeeeeeeeeeeeeeee\nENV\n',
      'compose.yaml':
        'services:\n  api:\n    environment:\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n',
      'deploy/secret.yaml':
        'kind: Secret\nmetadata:\n  name: s\nstringData:\n  OPENAI_API_KEY: sk-k8s-606ffffffffffffffff\n',
      'deploy/broken.yaml': 'kind: Secret\ndata: [\n',
      'deploy/compose.yaml': `services:\n${'#'.repeat(MAX_FILE_BYTES)}`,
      'deploy/big.yaml': `kind: Secret\n${'#'.repeat(MAX_FILE_BYTES)}`,
      'deploy/Dockerfile.bin': Buffer.from([0, 1, 2, 3]),
    });
    const c = await collectEnv({ dir, home: join(dir, 'home'), env });
    const kinds = c.definitions
      .filter((d) => d.name === 'OPENAI_API_KEY')
      .map((d) => [d.kind, d.file, d.line]);
    expect(kinds).toEqual([
      ['process', null, null],
      ['dotenv', '.env', 1],
      ['shell', '~/.bashrc', 1],
      ['dockerfile', 'Dockerfile', 2],
      ['compose', 'compose.yaml', 4],
      ['k8s', 'deploy/secret.yaml', 5],
    ]);
    // compose interpolates from the shell first, then .env
    expect(c.definitions.find((d) => d.kind === 'compose')?.value).toBe(env.OPENAI_API_KEY);
    expect(c.netrc).toHaveLength(1);
    expect(c.warnings).toEqual(
      expect.arrayContaining([
        '.env:2: not a NAME=value line; dotenv skips it',
        'Dockerfile:3: ENV without a name',
        expect.stringMatching(/^deploy\/broken\.yaml:\d+: not valid YAML/),
        'deploy/compose.yaml: skipped, larger than 1 MiB',
        'deploy/Dockerfile.bin: skipped, a binary file',
      ]),
    );
    for (const w of c.warnings) expect(w).not.toMatch(/sk-[a-z]+-\d{3}/);
    // a big YAML file that may not be a manifest at all is skipped quietly
    expect(c.warnings.join('\n')).not.toContain('big.yaml');
  });

  it('detects Next.js and reads its .env files in order', async () => {
    const dir = project('next', {
      'package.json': '{"dependencies":{"next":"14"}}',
      '.env': 'K=a\n',
      '.env.local': 'K=b\n',
      '.env.production': 'K=c\n',
    });
    const c = await collectEnv({ dir, home: '', env: {}, mode: 'production' });
    expect(c.framework?.id).toBe('next');
    expect(c.loader.files).toEqual([
      '.env.production.local',
      '.env.local',
      '.env.production',
      '.env',
    ]);
    expect(c.definitions.map((d) => [d.file, d.rank])).toEqual([
      ['.env', 3],
      ['.env.production', 2],
      ['.env.local', 1],
    ]);
  });

  it('an invalid package.json is a warning', async () => {
    const dir = project('badpkg', { 'package.json': '{ nope' });
    const c = await collectEnv({ dir, home: '', env: {} });
    expect(c.framework).toBeNull();
    expect(c.warnings).toContain('package.json: not valid JSON, framework not detected');
  });

  it('reads env_file with dotenv rules and records the compose line', async () => {
    const dir = project('envfile', {
      'docker-compose.yml':
        'services:\n  w:\n    env_file:\n      - ./w.env\n      - missing.env\n',
      'w.env': 'TOKEN="sk-ef-707gggggggggggggggg"\n',
    });
    const c = await collectEnv({ dir, home: '', env: {} });
    const d = c.definitions.find((x) => x.name === 'TOKEN');
    expect(d).toMatchObject({
      kind: 'compose',
      file: 'w.env',
      line: 1,
      via: 'env_file',
      composeRef: 'docker-compose.yml:4',
      quotedInFile: true,
    });
    expect(d?.value).toBe('sk-ef-707gggggggggggggggg');
    expect(c.warnings).toContain('docker-compose.yml:5: env_file missing.env not found');
  });

  it('an unquoted # inside a value: dotenv cuts it (a note), compose env_file keeps it', async () => {
    const dir = project('hash', {
      '.env': 'TOKEN=sk-hash-808hhhh#hhhhhhhhh\n',
      'compose.yaml': 'services:\n  w:\n    env_file: app.env\n',
      'app.env': 'TOKEN=sk-hash-808hhhh#hhhhhhhhh # a comment\nPLAIN=abc # a comment\n',
    });
    const c = await collectEnv({ dir, home: '', env: {} });
    const value = (kind: string, name = 'TOKEN') =>
      c.definitions.find((d) => d.kind === kind && d.name === name)?.value;
    expect(value('dotenv')).toBe('sk-hash-808hhhh');
    expect(value('compose')).toBe('sk-hash-808hhhh#hhhhhhhhh');
    expect(value('compose', 'PLAIN')).toBe('abc');
    expect(c.warnings).toContain(
      '.env:1: dotenv ends the unquoted value of TOKEN at its #; quote the value if the # belongs to it (compose and python-dotenv keep it)',
    );
  });

  it('a UTF-16 .env file (Windows PowerShell `>`) is named as such, not as binary', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('API_TOKEN=sk-u16-909uuuuuuuuuuuuuuuu\r\n', 'utf16le'),
    ]);
    const dir = project('utf16', { '.env': utf16 });
    const c = await collectEnv({ dir, home: '', env: {} });
    expect(c.definitions).toEqual([]);
    expect(c.warnings).toEqual([
      ".env: skipped, UTF-16 text (Windows PowerShell's `>` writes it): env loaders read no usable variables from it; save it as UTF-8",
    ]);
  });

  it('substitutes ${VAR} in env_file values as Compose v2 does (not in single quotes)', async () => {
    const dir = project('envfile-interp', {
      '.env': 'BASE_TOKEN=sk-base-111bbbbbbbbbbbbbbbb\n',
      'compose.yaml': 'services:\n  w:\n    env_file: [first.env, app.env]\n',
      'first.env': 'FIRST=one\n',
      'app.env': [
        'API_TOKEN=${BASE_TOKEN}',
        'QUOTED_TOKEN="${FIRST}-${OWN:-dflt}"',
        "LITERAL_TOKEN='${BASE_TOKEN}'",
        'ESCAPED_TOKEN=$${BASE_TOKEN}',
        'OWN=mine',
        'LATER_TOKEN=${OWN}',
        'HOLE_TOKEN=sk-hole-222$hhhhhhhhhhh',
        '',
      ].join('\n'),
    });
    const c = await collectEnv({ dir, home: '', env: { FIRST: 'shell-loses' } });
    const value = (name: string) =>
      c.definitions.find((d) => d.kind === 'compose' && d.name === name)?.value;
    expect(value('API_TOKEN')).toBe('sk-base-111bbbbbbbbbbbbbbbb');
    expect(value('QUOTED_TOKEN')).toBe('one-dflt');
    expect(value('LITERAL_TOKEN')).toBe('${BASE_TOKEN}');
    expect(value('ESCAPED_TOKEN')).toBe('${BASE_TOKEN}');
    expect(value('LATER_TOKEN')).toBe('mine');
    expect(value('HOLE_TOKEN')).toBe('sk-hole-222');
    const notes = c.warnings.filter((w) => w.startsWith('app.env'));
    expect(notes).toEqual([
      'app.env:7: in the value of HOLE_TOKEN, a $ starts a reference to a variable set nowhere: compose puts an empty string (write $$ for a literal $)',
    ]);
  });

  it('an ENV of a stage the final stage is built FROM reaches the image; a sibling stage does not', async () => {
    const dir = project('multistage', {
      Dockerfile: [
        'FROM node:20 AS base',
        'ENV BASE_TOKEN=sk-base-121bbbbbbbbbbbbbbbb',
        'FROM node:20 AS build',
        'ENV BUILD_TOKEN=sk-build-131cccccccccccccccc',
        'FROM base',
        'RUN true',
        '',
      ].join('\n'),
    });
    const c = await collectEnv({ dir, home: '', env: {} });
    const def = (name: string) => c.definitions.find((d) => d.name === name);
    expect(def('BASE_TOKEN')).toMatchObject({
      canWin: true,
      finalStage: true,
      tool: 'Dockerfile ENV (stage 1 of 3, a base of the final stage)',
    });
    expect(def('BUILD_TOKEN')).toMatchObject({
      canWin: false,
      finalStage: false,
      tool: 'Dockerfile ENV (stage 2 of 3)',
    });
  });

  it('a .env file with a byte-order mark: a note names the variable other parsers lose', async () => {
    const dir = project('bom', { '.env': '\ufeffAPI_TOKEN=sk-bom-141bbbbbbbbbbbbbbbbb\r\n' });
    const c = await collectEnv({ dir, home: '', env: {} });
    expect(c.definitions.find((d) => d.kind === 'dotenv')?.name).toBe('API_TOKEN');
    expect(c.warnings).toEqual([
      '.env: starts with a byte-order mark (U+FEFF): dotenv skips it, but `node --env-file` (Node 20), `source .env` and other parsers read the first name as U+FEFF + API_TOKEN, so API_TOKEN is never set; save the file as UTF-8 without BOM',
    ]);
  });

  it('reads $NETRC instead of ~/.netrc', async () => {
    const dir = project('netrc', { 'custom-netrc': 'default password x1' });
    const c = await collectEnv({ dir, home: '', env: { NETRC: join(dir, 'custom-netrc') } });
    expect(c.netrc).toEqual([
      { machine: null, password: 'x1', hasLogin: false, line: 1, file: 'custom-netrc' },
    ]);
  });

  it('a folder that does not exist gives an empty result', async () => {
    const c = await collectEnv({ dir: join(root, 'nope'), home: join(root, 'nope'), env: {} });
    expect(c.definitions).toEqual([]);
  });
});
