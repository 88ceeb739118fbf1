import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanAllEnv, traceEnv } from '../trace-env.js';

const root = mkdtempSync(join(tmpdir(), 'why401-trace-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

const A = 'sk-aaa-101aaaaaaaaaaaaaaaa';
const B = 'sk-bbb-202bbbbbbbbbbbbbbbb';
const C = 'sk-ccc-303cccccccccccccccc';

const wins = (r: Awaited<ReturnType<typeof traceEnv>>) =>
  r.sources.filter((s) => s.wins).map((s) => `${s.kind}:${s.file ?? 'env'}:${s.line ?? ''}`);

describe('traceEnv', () => {
  it('compose: environment beats env_file; the image ENV loses to compose', async () => {
    const dir = project('compose', {
      'compose.yaml':
        'services:\n  api:\n    env_file: [a.env, b.env]\n    environment:\n      KEY_TOKEN: ' +
        C +
        '\n  web:\n    env_file: [a.env, b.env]\n',
      'a.env': `KEY_TOKEN=${A}\n`,
      'b.env': `KEY_TOKEN=${B}\n`,
      Dockerfile: `FROM node\nENV KEY_TOKEN=${A}\n`,
    });
    const r = await traceEnv('KEY_TOKEN', { dir, home: '', env: {} });
    expect(wins(r).sort()).toEqual(['compose:b.env:1', 'compose:compose.yaml:5']);
  });

  it('the override file beats the base compose file', async () => {
    const dir = project('override', {
      'docker-compose.yml': `services:\n  api:\n    environment:\n      KEY_TOKEN: ${A}\n`,
      'docker-compose.override.yml': `services:\n  api:\n    environment:\n      KEY_TOKEN: ${B}\n`,
    });
    const r = await traceEnv('KEY_TOKEN', { dir, home: '', env: {} });
    expect(wins(r)).toEqual(['compose:docker-compose.override.yml:4']);
  });

  it('a PEM private key in a variable is not a key with line breaks; a broken one still is', async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC${A}\n-----END PRIVATE KEY-----\n`;
    const dir = project('pem', {
      '.env': `GOOGLE_PRIVATE_KEY="${pem.replace(/\n/g, '\\n')}"\nAPI_TOKEN="${A}\\n"\n`,
    });
    const ids = async (name: string) =>
      (await traceEnv(name, { dir, home: '', env: {} })).findings.map((f) => f.id);
    const pemIds = await ids('GOOGLE_PRIVATE_KEY');
    for (const id of ['key.newline', 'key.wrong-type', 'key.whitespace'])
      expect(pemIds).not.toContain(id);
    expect(await ids('API_TOKEN')).toContain('key.newline');
  });

  it('a $ in a key that Next.js expands to nothing is a note that never shows the key', async () => {
    const key = 'sk-dlr-404dddd$ddddddddddd';
    const dir = project('next-dollar', {
      '.env': `API_TOKEN=${key}\nOK_TOKEN=x\\$${A}\n`,
      'package.json': '{"dependencies":{"next":"14"}}',
    });
    const r = await traceEnv('API_TOKEN', { dir, home: '', env: {} });
    expect(r.warnings).toContain(
      '.env:1: in the value of API_TOKEN, a $ starts a reference to a variable set nowhere: Next.js expands it to an empty string (write \\$ for a literal $)',
    );
    expect(r.warnings.join('\n')).not.toContain('ddddddddd');
    expect((await traceEnv('OK_TOKEN', { dir, home: '', env: {} })).warnings).toEqual([]);
    const all = await scanAllEnv({ dir, home: '', env: {} });
    expect(all.warnings.filter((w) => w.includes('API_TOKEN'))).toHaveLength(1);
    const plain = project('plain-dollar', { '.env': `API_TOKEN=${key}\n` });
    expect((await traceEnv('API_TOKEN', { dir: plain, home: '', env: {} })).warnings).toEqual([]);
  });

  it('Vite expands ${VAR} in .env; plain dotenv does not (key.unexpanded)', async () => {
    const files = { '.env': `BASE_TOKEN=${A}\nAPI_TOKEN=\${BASE_TOKEN}\n` };
    const vite = project('vite', { ...files, 'package.json': '{"devDependencies":{"vite":"5"}}' });
    const plain = project('plain', files);
    const v = await traceEnv('API_TOKEN', { dir: vite, home: '', env: {} });
    expect(v.sources[0]?.value.fingerprint).toBe(
      (await traceEnv('BASE_TOKEN', { dir: vite, home: '', env: {} })).sources[0]?.value
        .fingerprint,
    );
    const p = await traceEnv('API_TOKEN', { dir: plain, home: '', env: {} });
    expect(p.findings.map((f) => f.id)).toContain('key.unexpanded');
  });

  it('a problem in a value nobody sees is a warning, not an error', async () => {
    const dir = project('losing', { '.env': `OPENAI_API_KEY="${A}\n` });
    const r = await traceEnv('OPENAI_API_KEY', { dir, home: '', env: { OPENAI_API_KEY: A } });
    expect(r.findings.find((f) => f.id === 'key.quoted')?.severity).toBe('warning');
  });

  it('no key.* checks on a variable that holds no credential', async () => {
    const dir = project('nodeenv', { '.env': 'NODE_ENV=test\n' });
    const r = await traceEnv('NODE_ENV', { dir, home: '', env: { NODE_ENV: 'test' } });
    expect(r.findings.filter((f) => f.id.startsWith('key.'))).toEqual([]);
  });

  it('finds base-URL overrides only when they leave the provider', async () => {
    const dir = project('baseurl', {
      '.env': `OPENAI_API_KEY=${A}\nOPENAI_BASE_URL=https://api.openai.com/v1\nOPENAI_API_BASE=http://localhost:4000\n`,
    });
    const r = await traceEnv('OPENAI_API_KEY', { dir, home: '', env: {} });
    const f = r.findings.find((x) => x.id === 'env.base-url-override');
    expect(f?.evidence).toEqual([
      'OPENAI_API_BASE is set in .env:3: requests go to localhost, not api.openai.com (read by openai-python before 1.0 and LangChain; current OpenAI SDKs ignore it)',
    ]);
  });

  it('never throws on a folder full of broken files', async () => {
    const dir = project('broken', {
      '.env': 'OPENAI_API_KEY sk-nope\n',
      'compose.yaml': 'services: [\n',
      Dockerfile: 'FROM\nENV "\n',
      'k8s.yaml': 'kind: Secret\ndata:\n  OPENAI_API_KEY: "%%%"\n',
    });
    const r = await traceEnv('OPENAI_API_KEY', { dir, home: dir, env: {} });
    expect(r.warnings.map((w) => w.split(':')[0])).toEqual(
      expect.arrayContaining(['.env', 'compose.yaml', 'Dockerfile', 'k8s.yaml']),
    );
    for (const w of r.warnings) expect(w).toMatch(/^[^:]+(:\d+)?: /);
  });
});

describe('scanAllEnv', () => {
  it('traces credential-looking names only, problems first', async () => {
    const dir = project('all', { '.env': `A_TOKEN=${A}\nZ_TOKEN="${B}\nPORT=3000\n` });
    const r = await scanAllEnv({ dir, home: '', env: { A_TOKEN: A, Z_TOKEN: C } });
    expect(r.variables.map((v) => v.name)).toEqual(['Z_TOKEN', 'A_TOKEN']);
  });

  it('a name that says secret anywhere, or a value shaped like a key, counts; plain settings do not', async () => {
    const dir = project('all-names', {
      '.env': [
        `DB_PASSWORD_PROD=${B}`,
        `MYSQL_PWD=${C}`,
        `SESSION_SIGNING=${A}x`,
        `AUTH_HEADER_VALUE=Bearer ${A}`,
        `GOOGLE_APPLICATION_CREDENTIALS_JSON=${B}y`,
        'SOMETHING=Qk9yA7cXw2LmZp4RtV8nB3sD',
        'KEYTIMEOUT=1',
        'SESSION_DIR=/var/lib/sessions',
        'PORT=3000',
        'GREETING=hello world',
        '',
      ].join('\n'),
    });
    const r = await scanAllEnv({ dir, home: '', env: {} });
    expect(r.variables.map((v) => v.name).sort()).toEqual([
      'AUTH_HEADER_VALUE',
      'DB_PASSWORD_PROD',
      'GOOGLE_APPLICATION_CREDENTIALS_JSON',
      'MYSQL_PWD',
      'SESSION_SIGNING',
      'SOMETHING',
    ]);
  });
});
