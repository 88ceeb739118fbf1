/** Key hygiene in context: the key string itself breaks the call (designs 1, 2, 3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  check,
  describeRun,
  expectAccepted,
  expectDiagnosis,
  expectNoLeak,
  ids,
} from './run-cli.js';
import {
  makeKey,
  serve,
  startBearerApi,
  startOpenAiLikeApi,
  startQueryKeyApi,
  type TestServer,
} from './servers.js';

describe('key hygiene: trailing whitespace in a query parameter (ws-09)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startQueryKeyApi(key);
  });
  afterAll(() => api?.stop());

  it('a key ending in a space travels as %20 and is refused → key.whitespace', async () => {
    const url = `${api.origin}/api/volumes?api_key=${encodeURIComponent(`${key} `)}&format=json`;
    const run = await check([url], { secrets: [key] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.whitespace',
      findings: ['key.whitespace'],
    });
  });

  it('control: the clean key in the query is accepted', async () => {
    const url = `${api.origin}/api/volumes?api_key=${encodeURIComponent(key)}&format=json`;
    expectAccepted(await check([url], { secrets: [key] }));
  });
});

describe('key hygiene: trailing newline in a header (ws-02, ws-03)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('the client refuses to send "Bearer key\\n" → key.newline', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: `${key}\n` },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.newline',
      findings: ['key.newline'],
    });
  });

  it('control: a trailing space in the header is trimmed by the server and accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: `${key} ` },
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('key hygiene: quotes stored in the value, echoed masked (qt-01, qt-02)', () => {
  const key = makeKey('sk-e2e-');
  let api: TestServer;
  beforeAll(async () => {
    api = await startOpenAiLikeApi(key);
  });
  afterAll(() => api?.stop());
  const body = JSON.stringify({ model: 'e2e-model', messages: [{ role: 'user', content: 'hi' }] });

  it('"key" with its quotes → 401 echoing a masked key starting with a quote → key.quoted', async () => {
    const run = await check(
      [
        `${api.origin}/v1/chat/completions`,
        '-X',
        'POST',
        '-d',
        body,
        '--key-env',
        'OPENAI_API_KEY',
      ],
      { env: { OPENAI_API_KEY: `"${key}"` }, secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.quoted',
      findings: ['key.quoted'],
    });
  });

  it('“key” in typographic quotes: the client refuses to send them → key.quoted, not key.non-ascii', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { OPENAI_API_KEY: `\u201c${key}\u201d` },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.quoted',
      findings: ['key.quoted'],
    });
    expect(ids(run)).not.toContain('key.non-ascii');
  });

  it('control: the unquoted key is accepted', async () => {
    const run = await check(
      [
        `${api.origin}/v1/chat/completions`,
        '-X',
        'POST',
        '-d',
        body,
        '--key-env',
        'OPENAI_API_KEY',
      ],
      { env: { OPENAI_API_KEY: key }, secrets: [key] },
    );
    expectAccepted(run);
  });
});

describe('key hygiene: an unset variable stringified (en-01, en-02)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('"Authorization: Bearer undefined" as the app sends it → key.missing', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', 'Authorization: Bearer undefined'], {
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.missing',
      findings: ['key.missing'],
    });
  });

  it('control: the real key in the same header is accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `Authorization: Bearer ${key}`], {
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('key hygiene: a docs placeholder never replaced (wv-05, gw-01)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('the variable holds "your-api-key-here" → key.placeholder', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: 'your-api-key-here' },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.placeholder',
      findings: ['key.placeholder'],
    });
  });

  it('control: the variable holds the real key → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('issue 14: a Basic pair, each half linted and named (item 3)', () => {
  // A key of Stripe's shape (random, never a real key) behind a user name, as curl -u sends it.
  const key = makeKey('sk_live_', 24);
  const user = 'dev@acme.dev';
  const pairOf = (u: string) => Buffer.from(`${u}:${key}`).toString('base64');
  let api: TestServer;
  beforeAll(async () => {
    api = await serve((req, res) => {
      const ok = req.headers.authorization === `Basic ${pairOf(user)}`;
      res.writeHead(ok ? 200 : 401, {
        'content-type': 'application/json',
        ...(ok ? {} : { 'www-authenticate': 'Basic realm="api"' }),
      });
      res.end(JSON.stringify(ok ? { items: [] } : { error: 'invalid credentials' }));
    });
  });
  afterAll(() => api?.stop());

  /** The header value exactly as a shell builds it: printf 'dev@acme.dev :%s' KEY | base64. */
  const shellBasic = (format: string): string =>
    execFileSync('sh', ['-c', `printf '${format}' "$K" | base64`], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', K: key },
      encoding: 'utf8',
    }).trim();

  it('"dev@acme.dev :KEY" → key.whitespace in the user half, confirmed by the cleaned pair', async () => {
    const run = await check(
      [`${api.origin}/v1/items`, '-H', `Authorization: Basic ${shellBasic('dev@acme.dev :%s')}`],
      { secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.whitespace',
      findings: ['key.whitespace'],
    });
    const ws = run.json?.findings.find((f) => f.id === 'key.whitespace') as
      { evidence: unknown; confidence?: string } | undefined;
    expect(JSON.stringify(ws?.evidence)).toContain("the Basic pair's user: SPACE (U+0020) at 12");
    expect(ws?.confidence, describeRun(run)).toBe('confirmed');
    expect(ids(run)).not.toContain('credential.invalid');
  });

  it('control: the clean pair is accepted', async () => {
    const run = await check(
      [`${api.origin}/v1/items`, '-H', `Authorization: Basic ${shellBasic('dev@acme.dev:%s')}`],
      { secrets: [key] },
    );
    expectAccepted(run);
  });
});

describe('issue 14: a key wrapped in Basic is moved decoded, not as base64 (item 3)', () => {
  const key = makeKey('t0k-', 40);
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('curl -u ":$KEY" to a Bearer API: the probe sends Bearer KEY, which is accepted', async () => {
    const run = await check(
      [
        `${api.origin}/v1/items`,
        '-H',
        `Authorization: Basic ${Buffer.from(`:${key}`).toString('base64')}`,
      ],
      { secrets: [key] },
    );
    expect(run.json?.verdict.cause, describeRun(run)).toBe('header.wrong-scheme');
    // the base64 of ":KEY" sent as a Bearer token was refused: the decoded key is accepted
    const bearer = run.json?.exchanges.find((e) => e.label === 'probe: Authorization Bearer');
    expect(bearer?.response?.status, describeRun(run)).toBe(200);
    const scheme = run.json?.findings.find((f) => f.id === 'header.wrong-scheme') as
      { confidence?: string } | undefined;
    expect(scheme?.confidence).toBe('confirmed');
    expect(ids(run)).not.toContain('credential.invalid');
    expectNoLeak(run);
  });
});

describe('issue 14: why401 curl -u ":$KEY" to a Bearer API (item 3)', () => {
  const key = makeKey('t0k-', 40);
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('the decoded key is what the Bearer probe sends, and it is accepted', async () => {
    const run = await check(['-u', `:${key}`, `${api.origin}/v1/items`], {
      command: 'curl',
      secrets: [key],
    });
    expect(run.json?.verdict.cause, describeRun(run)).toBe('header.wrong-scheme');
    const bearer = run.json?.exchanges.find((e) => e.label === 'probe: Authorization Bearer');
    expect(bearer?.response?.status, describeRun(run)).toBe(200);
    expectNoLeak(run);
  });
});

describe('issue 14: a malformed key is said offline, never "create a new key" (item 4)', () => {
  const key = makeKey('t0k-', 40);
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('two GitHub-shaped tokens pasted together → key.malformed is the cause', async () => {
    const pasted = `${makeKey('ghp_', 36)}${makeKey('ghp_', 36)}`;
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: pasted },
      secrets: [pasted],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.malformed',
      findings: ['key.malformed'],
    });
  });

  it('sk_live_ and 12 characters → key.truncated is the cause', async () => {
    const short = makeKey('sk_live_', 12);
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: short },
      secrets: [short],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'key.truncated',
      findings: ['key.truncated'],
    });
  });
});
