/** Key hygiene in context: the key string itself breaks the call (designs 1, 2, 3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, expectAccepted, expectDiagnosis, ids } from './run-cli.js';
import {
  makeKey,
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
