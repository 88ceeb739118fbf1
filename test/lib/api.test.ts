import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as why401 from '../../src/index.js';
import {
  detectProvider,
  diagnose,
  diagnoseExchange,
  explain,
  FINDING_IDS,
  isWhy401Error,
  lintKey,
  providerById,
  providers,
  Secret,
  traceEnv,
  Why401Error,
} from '../../src/index.js';
import { ROOT } from '../cli/helpers.js';

describe('the package root', () => {
  it('exports exactly the public API, each by name', () => {
    expect(Object.keys(why401).sort()).toEqual(
      [
        'FINDING_IDS',
        'Secret',
        'Why401Error',
        'attachWhy401',
        'detectProvider',
        'diagnose',
        'diagnoseExchange',
        'diagnoseTokenRequest',
        'diagnosisOf',
        'explain',
        'findingDocsUrl',
        'fingerprint',
        'formatDiagnosis',
        'isFindingId',
        'isWhy401Error',
        'lintKey',
        'providerById',
        'providers',
        'traceEnv',
        'why401AxiosInterceptor',
        'withWhy401',
      ].sort(),
    );
  });
});

let requests = 0;
let server: http.Server;
let origin: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    const ok = req.headers.authorization === 'Bearer tok_good_abcdefghijklmnop';
    res.writeHead(ok ? 200 : 401, {
      'Content-Type': 'application/json',
      ...(ok ? {} : { 'WWW-Authenticate': 'Bearer error="invalid_token"' }),
    });
    res.end(ok ? '{"me":"demo"}' : '{"error":"invalid_token"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('diagnose', () => {
  it('sends only the request unless probes are asked for (the CLI probes by default)', async () => {
    const headers = { Authorization: 'Bearer "tok_good_abcdefghijklmnop"' };
    requests = 0;
    const d = await diagnose({ url: `${origin}/v1/me`, headers }, { proxy: null });
    expect(requests).toBe(1);
    expect(d.exchanges).toHaveLength(1);
    expect(d.verdict.status).toBe('rejected');
    expect(Object.keys(d)).toEqual([
      'schema',
      'target',
      'credential',
      'verdict',
      'findings',
      'exchanges',
    ]);

    requests = 0;
    const probed = await diagnose(
      { url: `${origin}/v1/me`, headers },
      { proxy: null, probe: true },
    );
    expect(requests).toBeGreaterThan(1);
    expect(probed.verdict.cause).toBe('key.quoted');
    expect(probed.findings[0]?.confidence).toBe('confirmed');
  });

  it('a key given as a string is placed as Bearer and redacted', async () => {
    const d = await diagnose(
      { url: `${origin}/v1/me`, key: 'tok_good_abcdefghijklmnop' },
      { proxy: null },
    );
    expect(d.verdict.status).toBe('accepted');
    expect(d.credential?.redacted).toBe('…mnop');
    expect(JSON.stringify(d)).not.toContain('tok_good_abcd');
  });

  it('an unknown provider is a Why401Error with code WHY401_E_USAGE', async () => {
    const error: unknown = await diagnose({ url: origin }, { provider: 'nope' }).catch(
      (e: unknown) => e,
    );
    expect(isWhy401Error(error) && error.code).toBe('WHY401_E_USAGE');
  });
});

describe('diagnoseExchange', () => {
  it('the docs example: an answer some other client got, diagnosed without sending', async () => {
    requests = 0;
    const d = await diagnoseExchange(
      {
        url: 'https://api.example.com/v1/me',
        headers: { authorization: 'Bearer "tok_123456789"' },
      },
      { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: '' },
    );
    expect(d.verdict.cause).toBe('key.quoted');
    expect(requests).toBe(0);
  });

  it('a key the server echoes back is scrubbed from every text of the diagnosis', async () => {
    const key = 'qk_echo_abcdefghijklmnopqrstuvwx';
    const d = await diagnoseExchange(
      { url: `https://api.example.com/v1/me?api_key=${key}` },
      { status: 401, body: `{"error":"the key ${key} is not valid"}` },
    );
    expect(d.findings.length).toBeGreaterThan(0);
    const text = JSON.stringify(d);
    for (let i = 0; i + 9 <= key.length; i++) expect(text).not.toContain(key.slice(i, i + 9));
    expect(text).toContain('[redacted]');
  });

  it('a request the client refused to send', async () => {
    const d = await diagnoseExchange(
      {
        url: 'https://api.openai.com/v1/models',
        headers: { Authorization: 'Bearer sk-abc\u2026xyz' },
      },
      { error: { message: 'Cannot convert argument to a ByteString', kind: 'client-refused' } },
    );
    expect(d.verdict.summary).toMatch(/^Not sent/);
    expect(d.target.provider).toBe('openai');
  });
});

describe('lintKey, detectProvider, providers, explain, traceEnv', () => {
  it('lintKey takes a string or a Secret', () => {
    const fromString = lintKey('"sk-proj-abcdefghijklmnopqrstuvwxyz012345"', {
      provider: 'openai',
    });
    expect(fromString.findings.map((f) => f.id)).toContain('key.quoted');
    expect(fromString.credential.source).toBe('value');
    const fromSecret = lintKey(new Secret('ghp_short', 'env:GITHUB_TOKEN'), {
      url: 'https://api.github.com/user',
    });
    expect(fromSecret.credential.source).toBe('env:GITHUB_TOKEN');
    expect(fromSecret.findings.map((f) => f.id)).toContain('key.truncated');
    expect(() => lintKey('x', { provider: 'nope' })).toThrow(Why401Error);
  });

  it('detectProvider by host, then by key shape (a scheme is looked through)', () => {
    expect(detectProvider('https://api.anthropic.com/v1/messages').provider?.id).toBe('anthropic');
    expect(detectProvider(new URL('https://api.github.com/user')).by).toBe('host');
    const byKey = detectProvider(
      undefined,
      `Bearer xoxb-123456789012-123456789012-${'a'.repeat(24)}`,
    );
    expect([byKey.provider?.id, byKey.by]).toEqual(['slack', 'key']);
    expect(detectProvider('http://127.0.0.1:8080/').provider).toBeNull();
    expect(providers.length).toBeGreaterThan(50);
    expect(providerById('stripe')?.name).toBe('Stripe');
  });

  it('explain every id; an unknown id is WHY401_E_INPUT', () => {
    for (const id of FINDING_IDS) {
      const e = explain(id);
      expect(e.docs).toBe(`https://github.com/why401/why401/blob/main/docs/findings/${id}.md`);
      expect(e.meaning.length).toBeGreaterThan(40);
    }
    let error: unknown;
    try {
      explain('key.nope');
    } catch (e) {
      error = e;
    }
    expect(isWhy401Error(error) && error.code).toBe('WHY401_E_INPUT');
  });

  it('traceEnv: where a variable comes from', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'why401-api-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'API_TOKEN=tok_from_file_abcdefghij\n');
      const r = await traceEnv('API_TOKEN', { dir, home: dir, env: {} });
      expect(r.findings.map((f) => f.id)).toContain('env.not-loaded');
      expect(r.sources.map((s) => s.kind)).toEqual(['dotenv']);
      expect(JSON.stringify(r)).not.toContain('tok_from_file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Why401Error across duplicate copies of the package', () => {
  it('isWhy401Error and instanceof recognise an error made by another copy', () => {
    // Two installed copies (beside node_modules, so their dependencies resolve), and one module
    // loaded twice under two query strings.
    const cache = join(ROOT, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(join(cache, 'why401-copies-'));
    try {
      for (const copy of ['a', 'b']) {
        cpSync(join(ROOT, 'dist'), join(dir, copy), { recursive: true });
        writeFileSync(join(dir, copy, 'package.json'), '{"type":"module"}');
      }
      const url = (copy: string, file: string, query = '') =>
        `${pathToFileURL(join(dir, copy, file)).href}${query}`;
      const script = `
        const A = await import(${JSON.stringify(url('a', 'index.js'))});
        const B = await import(${JSON.stringify(url('b', 'index.js'))});
        const E1 = await import(${JSON.stringify(url('a', 'errors.js', '?one'))});
        const E2 = await import(${JSON.stringify(url('a', 'errors.js', '?two'))});
        const e = new A.Why401Error('WHY401_E_INPUT', 'made by copy a');
        const f = new E1.Why401Error('WHY401_E_USAGE', 'made by ?one');
        console.log(JSON.stringify({
          distinctClasses: A.Why401Error !== B.Why401Error && E1.Why401Error !== E2.Why401Error,
          guard: B.isWhy401Error(e) && E2.isWhy401Error(f) && A.isWhy401Error(f),
          instanceOf: e instanceof B.Why401Error && f instanceof E2.Why401Error,
          notOthers: !B.isWhy401Error(new Error('x')) && !(new Error('x') instanceof B.Why401Error)
            && !B.isWhy401Error({ code: 'WHY401_E_INPUT', name: 'Why401Error' }),
          code: e.code,
        }));
      `;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        distinctClasses: true,
        guard: true,
        instanceOf: true,
        notOthers: true,
        code: 'WHY401_E_INPUT',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
