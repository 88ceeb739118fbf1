import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FINDING_IDS } from '../../src/findings/ids.js';
import { ROOT, STACK, json, runsOf, sha8, why401, type Run } from './helpers.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'env');
const OLD = 'sk-old-111aaaaaaaaaaaaaaaa';
const NEW = 'sk-new-777bbbbbbbbbbbbbbbb';
const SIMILAR = 'sk-sim-222kkkkkkkkkkkkkkkk';

interface EnvJson {
  schema: string;
  name: string;
  sources: {
    kind: string;
    file: string | null;
    line: number | null;
    redacted: string;
    fingerprint: string;
    wins: boolean;
  }[];
  findings: { id: string; severity: string; title: string; evidence: string; fix: string }[];
}

/** `why401 env …` on a fixture folder, HOME inside it, with only `vars` in the environment. */
function env(fixture: string, args: readonly string[], vars: Record<string, string> = {}): Run {
  const dir = join(FIXTURES, fixture);
  return why401(['env', ...args, '--dir', dir], { env: { HOME: join(dir, 'home'), ...vars } });
}

/** Every fake secret of the fixtures (base64 data decoded) and of the test's environments. */
function fixtureSecrets(): string[] {
  const found = new Set([OLD, NEW, SIMILAR]);
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    const text = readFileSync(path, 'utf8');
    const decoded = [...text.matchAll(/:\s+([A-Za-z0-9+/]{16,}={0,2})\s*$/gm)].map((m) =>
      Buffer.from(m[1] ?? '', 'base64').toString('utf8'),
    );
    for (const t of [text, ...decoded])
      for (const m of t.matchAll(/sk-[a-z0-9]+-\d{3}[a-z]+/g)) found.add(m[0]);
  };
  visit(FIXTURES);
  return [...found];
}

function noLeak(run: Run): void {
  const out = run.stdout + run.stderr;
  for (const secret of fixtureSecrets()) expect(runsOf(secret, out), secret).toEqual([]);
}

interface Case {
  readonly fixture: string;
  readonly id: string;
  readonly name?: string;
  readonly vars?: Record<string, string>;
  readonly status: 0 | 1;
  readonly also?: readonly string[];
}

// One fixture per env.* id, built from the ST, EN, QT, WS and AM cases.
const CASES: readonly Case[] = [
  { fixture: 'unset', id: 'env.unset', status: 1 },
  { fixture: 'similar-name', id: 'env.similar-name', vars: { OPENAI_KEY: SIMILAR }, status: 1 },
  { fixture: 'framework-prefix', id: 'env.framework-prefix', name: 'PUBLIC_API_TOKEN', status: 1 },
  {
    fixture: 'not-loaded',
    id: 'env.not-loaded',
    name: 'BEARER_TOKEN',
    status: 1,
    also: ['env.unset'],
  },
  { fixture: 'stale', id: 'env.stale', vars: { OPENAI_API_KEY: OLD }, status: 1 },
  { fixture: 'shadowed', id: 'env.shadowed', vars: { OPENAI_API_KEY: OLD }, status: 1 },
  { fixture: 'duplicate', id: 'env.duplicate', vars: { OPENAI_API_KEY: NEW }, status: 0 },
  { fixture: 'crlf', id: 'env.crlf', vars: { OPENAI_API_KEY: NEW }, status: 0 },
  { fixture: 'quotes-kept', id: 'env.quotes-kept', status: 1, also: ['key.quoted'] },
  { fixture: 'file-precedence', id: 'env.file-precedence', status: 0 },
  { fixture: 'docker-baked', id: 'env.docker-baked', vars: { OPENAI_API_KEY: NEW }, status: 0 },
  {
    fixture: 'compose-mismatch',
    id: 'env.compose-mismatch',
    vars: { OPENAI_API_KEY: NEW },
    status: 0,
  },
  { fixture: 'k8s-newline', id: 'env.k8s-newline', status: 1, also: ['key.newline'] },
  { fixture: 'netrc', id: 'env.netrc', vars: { OPENAI_API_KEY: NEW }, status: 0 },
  {
    fixture: 'base-url-override',
    id: 'env.base-url-override',
    vars: { OPENAI_API_KEY: NEW },
    status: 0,
  },
];

describe('why401 env: one fixture per env.* id', () => {
  it('covers every env.* id', () => {
    const ids = FINDING_IDS.filter((id) => id.startsWith('env.'));
    expect(CASES.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const name = c.name ?? 'OPENAI_API_KEY';
    const run = env(c.fixture, [name, '--json'], c.vars);
    expect(run.stderr).toBe('');
    const out = json<EnvJson>(run);
    const ids = out.findings.map((f) => f.id);
    expect(ids).toContain(c.id);
    for (const id of c.also ?? []) expect(ids).toContain(id);
    expect(run.status).toBe(c.status);
    expect(run.status === 1).toBe(out.findings.some((f) => f.severity === 'error'));
    noLeak(run);
    const human = env(c.fixture, [name], c.vars);
    expect(human.status).toBe(c.status);
    expect(human.stdout.split('\n')[0]).toMatch(new RegExp(`^[✖▲✔] ${name}: `));
    expect(human.stdout).toContain(c.id);
    noLeak(human);
  });
});

describe('why401 env: controls raise no error', () => {
  it.each([
    ['control-clean', { OPENAI_API_KEY: NEW }],
    ['control-compose-map', { OPENAI_API_KEY: NEW }],
    ['control-k8s-stringdata', {}],
    ['control-next-server', {}],
  ] as const)('%s', (fixture, vars) => {
    const run = env(fixture, ['OPENAI_API_KEY', '--json'], vars);
    expect(run.status).toBe(0);
    const out = json<EnvJson>(run);
    expect(out.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(out.sources.some((s) => s.wins)).toBe(true);
    noLeak(run);
  });

  it('control-clean has no finding at all', () => {
    expect(
      json<EnvJson>(env('control-clean', ['OPENAI_API_KEY', '--json'], { OPENAI_API_KEY: NEW }))
        .findings,
    ).toEqual([]);
  });
});

describe('why401 env --json', () => {
  it('prints one why401/env@1 object: sources with kind, file, line, redacted, fingerprint, wins', () => {
    const out = json<EnvJson>(
      env('shadowed', ['OPENAI_API_KEY', '--json'], { OPENAI_API_KEY: OLD }),
    );
    expect(out.schema).toBe('why401/env@1');
    expect(out.name).toBe('OPENAI_API_KEY');
    expect(out.sources.map((s) => [s.kind, s.file, s.line, s.fingerprint, s.wins])).toEqual([
      ['process', null, null, sha8(OLD), true],
      ['dotenv', '.env', 1, sha8(NEW), false],
      ['shell', '~/.bashrc', 3, sha8(OLD), false],
    ]);
    for (const s of out.sources) expect(s.redacted).toMatch(/^sk-…[a-z]{4}$/);
    const f = out.findings.find((x) => x.id === 'env.shadowed');
    expect(f?.severity).toBe('error');
    expect(f?.evidence).toContain('~/.bashrc:3');
    expect(typeof f?.title).toBe('string');
    expect(typeof f?.fix).toBe('string');
  });

  it('dotenv never overrides: .env wins only when the environment lacks the name', () => {
    const out = json<EnvJson>(env('control-clean', ['OPENAI_API_KEY', '--json']));
    expect(out.sources).toEqual([expect.objectContaining({ kind: 'dotenv', wins: true })]);
  });

  it('names the file and line of a key.* problem (quotes kept by compose)', () => {
    const out = json<EnvJson>(env('quotes-kept', ['OPENAI_API_KEY', '--json']));
    const quoted = out.findings.find((f) => f.id === 'key.quoted');
    expect(quoted?.evidence).toContain('docker-compose.yml:5');
    expect(out.findings.find((f) => f.id === 'env.quotes-kept')?.evidence).toContain(
      'worker.env:1',
    );
  });

  it('--mode picks the .env files of another mode', () => {
    const out = json<EnvJson>(
      env('file-precedence', ['OPENAI_API_KEY', '--mode', 'test', '--json']),
    );
    // Next.js skips .env.local in test mode: .env wins
    expect(out.sources.find((s) => s.wins)?.file).toBe('.env');
  });

  it('--host looks .netrc up for another host', () => {
    const run = env('netrc', ['OPENAI_API_KEY', '--host', 'api.example.org', '--json'], {
      OPENAI_API_KEY: NEW,
    });
    expect(json<EnvJson>(run).findings.map((f) => f.id)).not.toContain('env.netrc');
  });

  it('a .netrc entry is listed under related, not among the sources of the contract', () => {
    const run = env('netrc', ['OPENAI_API_KEY', '--json'], { OPENAI_API_KEY: NEW });
    const out = json<EnvJson & { related: { kind: string }[] }>(run);
    expect(out.findings.map((f) => f.id)).toContain('env.netrc');
    expect(out.sources.map((s) => s.kind)).not.toContain('netrc');
    expect(out.related.map((s) => s.kind)).toEqual(['netrc']);
  });
});

describe('why401 env --all', () => {
  it('lists every credential-looking variable, problems first', () => {
    const run = env('shadowed', ['--all', '--json'], {
      OPENAI_API_KEY: OLD,
      GITHUB_TOKEN: SIMILAR,
      PATH_EXTRA: 'x',
    });
    expect(run.status).toBe(1);
    const out = json<{ schema: string; variables: EnvJson[] }>(run);
    expect(out.schema).toBe('why401/env@1');
    expect(out.variables.map((v) => v.name)).toEqual(['OPENAI_API_KEY', 'GITHUB_TOKEN']);
    expect(out.variables[0]?.findings.map((f) => f.id)).toContain('env.shadowed');
    noLeak(run);
  });

  it('exits 1 when any variable has an error, in human form too', () => {
    const run = env('quotes-kept', ['--all']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('env.quotes-kept');
    noLeak(run);
  });
});

describe('why401 env: usage errors (exit 2, one line on stderr)', () => {
  it.each([
    ['no name', ['env']],
    ['a name and --all', ['env', 'OPENAI_API_KEY', '--all']],
    ['two names', ['env', 'A', 'B']],
    ['a value instead of a name', ['env', 'sk-abc def']],
    ['an unknown flag', ['env', 'A', '--bogus']],
    ['a --dir that does not exist', ['env', 'A', '--dir', '/nonexistent/why401']],
    ['a bad --mode', ['env', 'A', '--mode', '../x']],
  ])('%s', (_name, args) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^why401: /);
    expect(run.stderr).not.toMatch(STACK);
  });

  // Root may open any folder: the check only means something for other users.
  it.skipIf(process.getuid?.() === 0)('a --dir this user may not enter', () => {
    const dir = mkdtempSync(join(tmpdir(), 'why401-locked-'));
    try {
      chmodSync(dir, 0o600);
      const run = why401(['env', 'A', '--dir', dir]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^why401: --dir .*: permission denied/);
    } finally {
      chmodSync(dir, 0o700);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help exits 0 with examples', () => {
    const run = why401(['env', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('why401 env --all');
    expect(run.stdout).toContain('--dir DIR');
  });

  it('the top-level help lists env', () => {
    expect(why401(['--help']).stdout).toMatch(/^\s+env <NAME>/m);
  });
});

describe('why401 env on projects in temp folders (issue 14, item 6)', () => {
  const root = mkdtempSync(join(tmpdir(), 'why401-env-projects-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  /** A project folder and a HOME beside it whose ~/.bashrc holds `bashrc`. */
  function project(files: Record<string, string>, bashrc = '# nothing\n') {
    const dir = join(root, `p${n++}`);
    mkdirSync(join(dir, 'home'), { recursive: true });
    mkdirSync(join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'home', '.bashrc'), bashrc);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, 'app', path)), { recursive: true });
      writeFileSync(join(dir, 'app', path), text);
    }
    return { dir: join(dir, 'app'), home: join(dir, 'home') };
  }
  const run = (
    p: { dir: string; home: string },
    args: string[],
    vars: Record<string, string> = {},
  ) => why401(['env', ...args, '--dir', p.dir], { env: { HOME: p.home, ...vars } });

  it.each([
    ['imports dotenv/config', { 'src/index.js': "import 'dotenv/config';\nfetch('x');\n" }],
    ['requires dotenv', { 'server.cjs': "require('dotenv').config();\n" }],
    ['depends on dotenv', { 'package.json': '{"dependencies":{"dotenv":"^16.4.5"}}' }],
    [
      'starts with node --env-file',
      { 'package.json': '{"scripts":{"start":"node --env-file=.env app.js"}}' },
    ],
    ['calls load_dotenv', { 'app.py': 'from dotenv import load_dotenv\nload_dotenv()\n' }],
  ])(
    'a healthy dotenv project (%s): no error, exit 0, an info that the app loads it',
    (_why, files) => {
      const p = project({ '.env': `OPENAI_API_KEY=${NEW}\n`, ...files });
      const out = run(p, ['OPENAI_API_KEY', '--json']);
      expect(out.stderr).toBe('');
      const report = json<EnvJson>(out);
      expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(report.findings.find((f) => f.id === 'env.unset')?.evidence).toContain(
        'when it starts',
      );
      expect(out.status).toBe(0);
      noLeak(out);
    },
  );

  it('control: nothing in the project loads .env → env.not-loaded, exit 1', () => {
    const p = project({ '.env': `OPENAI_API_KEY=${NEW}\n`, 'index.js': 'console.log(1);\n' });
    const out = run(p, ['OPENAI_API_KEY', '--json']);
    expect(json<EnvJson>(out).findings.map((f) => f.id)).toContain('env.not-loaded');
    expect(out.status).toBe(1);
  });

  it('a CRLF .env loaded with `set -a; . ./.env`: env.crlf (error), not env.stale', () => {
    const p = project({ '.env': `OPENAI_API_KEY=${NEW}\r\nPORT=3000\r\n` });
    const out = run(p, ['OPENAI_API_KEY', '--json'], { OPENAI_API_KEY: `${NEW}\r` });
    const ids = json<EnvJson>(out).findings.map((f) => [f.id, f.severity]);
    expect(ids).toContainEqual(['env.crlf', 'error']);
    expect(ids.map(([id]) => id)).not.toContain('env.stale');
    expect(out.status).toBe(1);
    noLeak(out);
  });

  it('env --all: names that say secret anywhere, and key-shaped values, count', () => {
    const p = project(
      {
        '.env': [
          `DB_PASSWORD_PROD=${OLD}`,
          `MYSQL_PWD=${SIMILAR}`,
          `SESSION_COOKIE_VALUE=${NEW}x`,
          'UNNAMED=Qk9yA7cXw2LmZp4RtV8nB3sD',
          'PORT=3000',
          'SESSION_DIR=/var/lib/s',
          '',
        ].join('\n'),
        'index.js': "import 'dotenv/config';\n",
      },
      'export KEYTIMEOUT=1\n',
    );
    const out = run(p, ['--all', '--json']);
    const names = json<{ variables: EnvJson[] }>(out).variables.map((v) => v.name);
    expect(names.sort()).toEqual([
      'DB_PASSWORD_PROD',
      'MYSQL_PWD',
      'SESSION_COOKIE_VALUE',
      'UNNAMED',
    ]);
    expect(out.status).toBe(0);
  });
});
