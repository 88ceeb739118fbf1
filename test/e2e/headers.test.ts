/** How the credential is sent, against what the server expects (hd-*, px-03, sc-07). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBinary, startNginxStripper, type Layer } from '../support/layers.js';
import { sampleKey } from '../support/key-samples.js';
import { check, expectAccepted, expectDiagnosis } from './run-cli.js';
import {
  makeKey,
  startAnthropicLikeApi,
  startBearerApi,
  startCaseSensitiveBearerApi,
  startEitherHeaderApi,
  startUnderscoreHeaderApi,
  startWordedDifferentlyApi,
  type TestServer,
} from './servers.js';

const VERSION = 'anthropic-version: 2023-06-01';

describe('headers: an Anthropic-style API (x-api-key, anthropic-version)', () => {
  const key = sampleKey('anthropic');
  let api: TestServer;
  beforeAll(async () => {
    api = await startAnthropicLikeApi(key);
  });
  afterAll(() => api?.stop());

  it('the API key sent as Authorization: Bearer → header.wrong-name', async () => {
    const run = await check(
      [
        `${api.origin}/v1/models`,
        '--provider',
        'anthropic',
        '-H',
        `Authorization: Bearer ${key}`,
        '-H',
        VERSION,
      ],
      { secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.wrong-name',
      findings: ['header.wrong-name'],
    });
  });

  it('x-api-key without anthropic-version, as sent → header.required-missing', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--provider', 'anthropic', '-H', `x-api-key: ${key}`],
      { secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.required-missing',
      findings: ['header.required-missing'],
    });
  });

  it('control: x-api-key and anthropic-version as documented → accepted', async () => {
    const run = await check(
      [
        `${api.origin}/v1/models`,
        '--provider',
        'anthropic',
        '-H',
        `x-api-key: ${key}`,
        '-H',
        VERSION,
      ],
      { secrets: [key] },
    );
    expectAccepted(run);
  });

  it('control: --key-env alone, why401 places the key as Anthropic expects → accepted', async () => {
    const run = await check(
      [`${api.origin}/v1/models`, '--provider', 'anthropic', '--key-env', 'ANTHROPIC_API_KEY'],
      { env: { ANTHROPIC_API_KEY: key }, secrets: [key] },
    );
    expectAccepted(run);
  });
});

describe('headers: a Bearer API with an unknown provider', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('the raw key in Authorization (no Bearer) → header.wrong-scheme', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `Authorization: ${key}`], {
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.wrong-scheme',
      findings: ['header.wrong-scheme'],
    });
  });

  it('no credential at all → header.missing', async () => {
    const run = await check([`${api.origin}/v1/items`], { secrets: [key] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.missing',
      findings: ['header.missing'],
    });
  });

  it('control: Authorization: Bearer key → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `Authorization: Bearer ${key}`], {
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('headers: two credential headers that disagree', () => {
  const key = makeKey();
  const stale = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startEitherHeaderApi(key);
  });
  afterAll(() => api?.stop());

  it('Authorization: Bearer (current) plus x-api-key (stale), x-api-key read first → header.duplicate', async () => {
    const run = await check(
      [`${api.origin}/v1/items`, '-H', `Authorization: Bearer ${key}`, '-H', `x-api-key: ${stale}`],
      { secrets: [key, stale] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.duplicate',
      findings: ['header.duplicate'],
    });
  });

  it('control: the current key alone → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `Authorization: Bearer ${key}`], {
      secrets: [key, stale],
    });
    expectAccepted(run);
  });
});

describe.skipIf(!hasBinary('nginx'))('headers: x_api_key through a real nginx (px-03)', () => {
  const key = makeKey();
  let api: TestServer;
  let nginx: Layer;
  beforeAll(async () => {
    api = await startUnderscoreHeaderApi(key);
    nginx = await startNginxStripper({ upstreamPort: api.port });
  });
  afterAll(async () => {
    await nginx?.stop();
    await api?.stop();
  });

  it('nginx drops the underscore header; the API says none arrived → header.underscore-name', async () => {
    const run = await check([`${nginx.url}/v1/items`, '-H', `x_api_key: ${key}`], {
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.underscore-name',
      findings: ['header.underscore-name'],
    });
  });

  it('control: the same header sent straight to the API → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `x_api_key: ${key}`], {
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('headers: the answer says where the key belongs (worded differently from ours)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startWordedDifferentlyApi(key);
  });
  afterAll(() => api?.stop());
  const opts = { env: { API_KEY: key }, secrets: [key] };

  it('401 "Missing X-Auth-Token header" to a Bearer key → header.wrong-name naming X-Auth-Token', async () => {
    const run = await check([`${api.origin}/edge`, '--key-env', 'API_KEY'], opts);
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.wrong-name',
      findings: ['header.wrong-name'],
    });
    expect(run.json?.findings[0]?.fix).toContain('X-Auth-Token');
    // the header the answer names was tried, and the key worked there: confirmed, not read off
    expect(run.json?.findings[0]?.evidence).toContain('accepted');
  });

  it('control: the key in X-Auth-Token → accepted', async () => {
    expectAccepted(await check([`${api.origin}/edge`, '-H', `X-Auth-Token: ${key}`], opts));
  });

  it('DRF-style 403 "credentials were not provided" (no proxy in front) → header.wrong-name', async () => {
    expectDiagnosis(await check([`${api.origin}/drf`, '--key-env', 'API_KEY'], opts), {
      exit: 1,
      // issue 14: the same answer with and without the key: nothing shows the server read it
      status: 'inconclusive',
      cause: 'header.wrong-name',
      findings: ['header.wrong-name'],
    });
  });

  it('WWW-Authenticate: Basic realm="api" to a Bearer key → header.wrong-scheme', async () => {
    const run = await check([`${api.origin}/basic`, '--key-env', 'API_KEY'], opts);
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.wrong-scheme',
      findings: ['header.wrong-scheme'],
    });
    const errors = run.json?.findings.filter((f) => f.severity === 'error').map((f) => f.id);
    expect(errors).toEqual(['header.wrong-scheme']);
  });
});

describe('headers: an API that only reads `Bearer` in that exact case (issue 14)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startCaseSensitiveBearerApi(key);
  });
  afterAll(() => api?.stop());

  it('`authorization: bearer <key>` → header.wrong-scheme, confirmed by one probe with `Bearer`', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `authorization: bearer ${key}`], {
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'header.wrong-scheme',
      findings: ['header.wrong-scheme'],
    });
    const found = run.json?.findings.find((f) => f.id === 'header.wrong-scheme');
    expect(JSON.stringify(found?.evidence)).toMatch(/accepted \(200\)/);
    expect(found?.fix).toMatch(/Bearer <key>/);
    expect(run.json?.findings.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual([
      'header.wrong-scheme',
    ]);
    expect(run.json?.exchanges.length ?? 99).toBeLessThanOrEqual(6);
  });

  it('control: `Authorization: Bearer <key>` → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '-H', `Authorization: Bearer ${key}`], {
      secrets: [key],
    });
    expectAccepted(run);
  });
});
