/** The provider rejected a well-formed credential: which way (ex-*, sc-02, sp-*, rs-01). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleKey } from '../support/key-samples.js';
import { check, expectAccepted, expectDiagnosis, ids } from './run-cli.js';
import {
  makeKey,
  startBearerApi,
  startGitHubLikeApi,
  startGoogleLikeApi,
  startOpenAiLikeApi,
  startWordedDifferentlyApi,
  type TestServer,
} from './servers.js';

describe('credential: an OpenAI-style API', () => {
  const key = makeKey('sk-e2e-');
  const revoked = makeKey('sk-e2e-');
  const org = 'org-e2eowner';
  let api: TestServer;
  beforeAll(async () => {
    api = await startOpenAiLikeApi(key, { org });
  });
  afterAll(() => api?.stop());

  it('a revoked key → 401 invalid_api_key → credential.invalid (ex-03)', async () => {
    const run = await check([`${api.origin}/v1/models`, '--key-env', 'OPENAI_API_KEY'], {
      env: { OPENAI_API_KEY: revoked },
      secrets: [key, revoked],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.invalid',
      findings: ['credential.invalid'],
    });
  });

  it('an OpenAI-Organization header for another org → 401 mismatched_organization → credential.wrong-account (sc-02)', async () => {
    const run = await check(
      [
        `${api.origin}/v1/models`,
        '-H',
        `Authorization: Bearer ${key}`,
        '-H',
        'OpenAI-Organization: org-someoneelse',
      ],
      { secrets: [key, revoked] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.wrong-account',
      findings: ['credential.wrong-account'],
    });
  });

  it('control: the key with its own organisation header → accepted', async () => {
    const run = await check(
      [
        `${api.origin}/v1/models`,
        '-H',
        `Authorization: Bearer ${key}`,
        '-H',
        `OpenAI-Organization: ${org}`,
      ],
      { secrets: [key, revoked] },
    );
    expectAccepted(run);
  });
});

describe('credential: an expired access token (WWW-Authenticate error_description)', () => {
  const key = makeKey();
  const expired = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startBearerApi(key, { expired });
  });
  afterAll(() => api?.stop());

  it('401 error="invalid_token", "The access token expired" → credential.expired', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'ACCESS_TOKEN'], {
      env: { ACCESS_TOKEN: expired },
      secrets: [key, expired],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.expired',
      findings: ['credential.expired'],
    });
  });

  it('control: a fresh token → accepted', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'ACCESS_TOKEN'], {
      env: { ACCESS_TOKEN: key },
      secrets: [key, expired],
    });
    expectAccepted(run);
  });
});

describe('credential: GitHub-style scopes (X-OAuth-Scopes vs X-Accepted-OAuth-Scopes)', () => {
  const readOrg = sampleKey('github', 0, 3);
  const repo = sampleKey('github', 0, 4);
  let api: TestServer;
  beforeAll(async () => {
    api = await startGitHubLikeApi({ [readOrg]: 'read:org', [repo]: 'repo' });
  });
  afterAll(() => api?.stop());

  it('403 naming the accepted scopes the token lacks → credential.insufficient-scope', async () => {
    const run = await check(
      [
        `${api.origin}/repos/acme/widgets/hooks`,
        '--provider',
        'github',
        '--key-env',
        'GITHUB_TOKEN',
      ],
      { env: { GITHUB_TOKEN: readOrg }, secrets: [readOrg, repo] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.insufficient-scope',
      findings: ['credential.insufficient-scope'],
    });
  });

  it('control: a token with the repo scope → accepted', async () => {
    const run = await check(
      [
        `${api.origin}/repos/acme/widgets/hooks`,
        '--provider',
        'github',
        '--key-env',
        'GITHUB_TOKEN',
      ],
      { env: { GITHUB_TOKEN: repo }, secrets: [readOrg, repo] },
    );
    expectAccepted(run);
  });
});

describe('credential: a Google-style key restricted to other IPs (rs-01)', () => {
  const open = makeKey('gk-', 35);
  const restricted = makeKey('gk-', 35);
  let api: TestServer;
  beforeAll(async () => {
    api = await startGoogleLikeApi({ open, ipRestricted: restricted });
  });
  afterAll(() => api?.stop());

  it('403 PERMISSION_DENIED naming the IP restriction → credential.restricted', async () => {
    const url = `${api.origin}/maps/api/geocode/json?address=Paris&key=${restricted}`;
    const run = await check([url], { secrets: [open, restricted] });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.restricted',
      findings: ['credential.restricted'],
    });
  });

  it('control: an unrestricted server key → accepted', async () => {
    const url = `${api.origin}/maps/api/geocode/json?address=Paris&key=${open}`;
    expectAccepted(await check([url], { secrets: [open, restricted] }));
  });
});

describe('credential: refusals worded differently from ours', () => {
  const key = makeKey();
  const wrong = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startWordedDifferentlyApi(key, { skewMs: 10 * 60_000 });
  });
  afterAll(() => api?.stop());
  const run = (path: string) =>
    check([`${api.origin}${path}`, '--key-env', 'API_KEY'], {
      env: { API_KEY: wrong },
      secrets: [key, wrong],
    });

  it('403 {"errors":["Invalid API key"]}, the very same without the key → inconclusive, never credential.invalid nor status.forbidden', async () => {
    const r = await run('/v1/widgets');
    expectDiagnosis(r, {
      exit: 1,
      // issue 14: the same answer with and without the key: nothing shows the server read it,
      // so "create a new key" is not even a candidate
      status: 'inconclusive',
      cause: null,
      findings: [],
    });
    expect(r.json?.verdict.summary).toMatch(/the very same answer without the credential/);
    expect(ids(r)).not.toContain('status.forbidden');
  });

  it('ASP.NET-style 401, empty body, a bare WWW-Authenticate: Bearer, the same without the key → inconclusive, never credential.invalid', async () => {
    const r = await run('/aspnet');
    expectDiagnosis(r, {
      exit: 1,
      // issue 14: the same answer with and without the key: nothing shows the server read it
      status: 'inconclusive',
      cause: null,
      findings: [],
    });
    expect(r.json?.verdict.summary).toMatch(/the very same answer without the credential/);
  });

  it('AWS-style 403 "Signature expired" with x-amzn-ErrorType, the server 10 min ahead → net.clock-skew, no gateway', async () => {
    const r = await run('/signed');
    expectDiagnosis(r, {
      exit: 1,
      status: 'rejected',
      cause: 'net.clock-skew',
      findings: ['net.clock-skew'],
    });
    expect(ids(r)).not.toContain('layer.gateway');
  });
});
