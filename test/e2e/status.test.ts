/** What the answer really means: 403, 404, 429, 500 and 2xx that are not what they seem. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleKey } from '../support/key-samples.js';
import { check, expectAccepted, expectDiagnosis, ids } from './run-cli.js';
import {
  makeKey,
  startApiGatewayLike,
  startBrokenApi,
  startGitHubLikeApi,
  startOpenAiLikeApi,
  startRateLimitedApi,
  startSlackLikeApi,
  startWafApi,
  startWordedDifferentlyApi,
  type TestServer,
} from './servers.js';

describe('status: a Cloudflare-style WAF blocking library User-Agents (design 12, wf-01)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startWafApi(key);
  });
  afterAll(() => api?.stop());

  it('User-Agent: node → 403 "error code: 1010" → status.waf-blocked', async () => {
    const run = await check(
      [`${api.origin}/v1/items`, '--key-env', 'API_KEY', '-H', 'User-Agent: node'],
      { env: { API_KEY: key }, secrets: [key] },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.waf-blocked',
      findings: ['status.waf-blocked'],
    });
  });

  it("control: why401's own descriptive User-Agent → accepted", async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('status: 429', () => {
  const key = makeKey('sk-e2e-');
  let limited: TestServer;
  let broke: TestServer;
  beforeAll(async () => {
    limited = await startRateLimitedApi(key);
    broke = await startOpenAiLikeApi(key, { quota: true });
  });
  afterAll(async () => {
    await limited?.stop();
    await broke?.stop();
  });

  it('429 with Retry-After → status.rate-limited, inconclusive', async () => {
    const run = await check([`${limited.origin}/v1/models`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'inconclusive',
      cause: 'status.rate-limited',
      findings: ['status.rate-limited'],
    });
  });

  it('429 insufficient_quota → status.quota-exceeded (qb-01)', async () => {
    const run = await check([`${broke.origin}/v1/models`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.quota-exceeded',
      findings: ['status.quota-exceeded'],
    });
  });
});

describe('status: a Slack-style 200 with ok:false (wv-05)', () => {
  const key = makeKey('xt-');
  const wrong = makeKey('xt-');
  let api: TestServer;
  beforeAll(async () => {
    api = await startSlackLikeApi(key);
  });
  afterAll(() => api?.stop());

  it('200 {ok:false, error:"invalid_auth"} → status.error-in-body', async () => {
    const run = await check(
      [`${api.origin}/api/auth.test`, '-X', 'POST', '--key-env', 'SLACK_TOKEN'],
      {
        env: { SLACK_TOKEN: wrong },
        secrets: [key, wrong],
      },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.error-in-body',
      findings: ['status.error-in-body'],
    });
  });

  it('control: the right token → 200 {ok:true} → accepted', async () => {
    const run = await check(
      [`${api.origin}/api/auth.test`, '-X', 'POST', '--key-env', 'SLACK_TOKEN'],
      {
        env: { SLACK_TOKEN: key },
        secrets: [key, wrong],
      },
    );
    expectAccepted(run);
  });
});

describe('status: API Gateway "Missing Authentication Token" for an unknown route (gw-06)', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startApiGatewayLike(key);
  });
  afterAll(() => api?.stop());

  it('a typo in the path, key sent → 403 x-amzn-ErrorType → status.no-route', async () => {
    const run = await check([`${api.origin}/prod/item`, '-H', `x-api-key: ${key}`], {
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.no-route',
      findings: ['status.no-route'],
    });
  });

  it('control: the existing route with the key → accepted', async () => {
    const run = await check([`${api.origin}/prod/items`, '-H', `x-api-key: ${key}`], {
      secrets: [key],
    });
    expectAccepted(run);
  });
});

describe('status: GitHub-style hidden resources and SSO (design 11, sp-01, ex-02)', () => {
  const readOrg = sampleKey('github', 0, 0);
  const repo = sampleKey('github', 0, 1);
  const sso = sampleKey('github', 0, 2);
  const secrets = [readOrg, repo, sso];
  let api: TestServer;
  beforeAll(async () => {
    api = await startGitHubLikeApi(
      { [readOrg]: 'read:org', [repo]: 'repo, read:org', [sso]: 'repo' },
      { ssoOrg: 'acme' },
    );
  });
  afterAll(() => api?.stop());

  it('404 identical with and without the token → status.not-found-masked', async () => {
    const run = await check(
      [`${api.origin}/repos/acme/private`, '--provider', 'github', '--key-env', 'GITHUB_TOKEN'],
      { env: { GITHUB_TOKEN: readOrg }, secrets },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'status.not-found-masked',
      findings: ['status.not-found-masked'],
    });
  });

  it('control: a token with the repo scope → accepted', async () => {
    const run = await check(
      [`${api.origin}/repos/acme/private`, '--provider', 'github', '--key-env', 'GITHUB_TOKEN'],
      { env: { GITHUB_TOKEN: repo }, secrets },
    );
    expectAccepted(run);
  });

  it('403 with X-GitHub-SSO → credential.sso-required', async () => {
    const run = await check(
      [`${api.origin}/orgs/acme/repos`, '--provider', 'github', '--key-env', 'GITHUB_TOKEN'],
      { env: { GITHUB_TOKEN: sso }, secrets },
    );
    expectDiagnosis(run, {
      exit: 1,
      status: 'rejected',
      cause: 'credential.sso-required',
      findings: ['credential.sso-required'],
    });
  });
});

describe('status: 500', () => {
  const key = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startBrokenApi();
  });
  afterAll(() => api?.stop());

  it('500 → status.server-error, inconclusive', async () => {
    const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
      env: { API_KEY: key },
      secrets: [key],
    });
    expectDiagnosis(run, {
      exit: 1,
      status: 'inconclusive',
      cause: 'status.server-error',
      findings: ['status.server-error'],
    });
  });
});

describe('status: servers worded differently from ours (GraphQL, a sign-in page, Express, a 403 rate limit)', () => {
  const key = makeKey();
  const wrong = makeKey();
  let api: TestServer;
  beforeAll(async () => {
    api = await startWordedDifferentlyApi(key);
  });
  afterAll(() => api?.stop());
  const run = (path: string, value: string) =>
    check([`${api.origin}${path}`, '--key-env', 'API_KEY'], {
      env: { API_KEY: value },
      secrets: [key, wrong],
    });

  it('GraphQL 200 with errors[].extensions.code UNAUTHENTICATED → status.error-in-body, not accepted', async () => {
    expectDiagnosis(await run('/graphql', wrong), {
      exit: 1,
      status: 'rejected',
      cause: 'status.error-in-body',
      findings: ['status.error-in-body'],
    });
  });

  it('control: GraphQL with the right key → accepted', async () => {
    expectAccepted(await run('/graphql', key));
  });

  it('a 200 HTML sign-in form at an API URL → status.login-redirect, not accepted', async () => {
    expectDiagnosis(await run('/portal/api', key), {
      exit: 1,
      status: 'rejected',
      cause: 'status.login-redirect',
      findings: ['status.login-redirect'],
    });
  });

  it('Express 404 "Cannot GET /v1/resource" from an unknown server → status.no-route, not masked', async () => {
    const r = await run('/v1/resource', key);
    expectDiagnosis(r, {
      exit: 1,
      status: 'rejected',
      cause: 'status.no-route',
      findings: ['status.no-route'],
    });
    expect(ids(r)).not.toContain('status.not-found-masked');
  });

  it('403 "API rate limit exceeded", X-RateLimit-Limit 60, Remaining 0 → status.rate-limited, inconclusive', async () => {
    const r = await run('/search', key);
    expectDiagnosis(r, {
      exit: 1,
      status: 'inconclusive',
      cause: 'status.rate-limited',
      findings: ['status.rate-limited'],
    });
    expect(ids(r)).not.toContain('status.forbidden');
    expect(JSON.stringify(r.json?.findings[0]?.evidence)).toMatch(/anonymous/);
    expect(r.json?.verdict.summary).toMatch(/^Inconclusive/);
  });
});
