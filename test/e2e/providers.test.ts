/**
 * Providers' own answers, emulated on loopback after shared/research/providers.json (error shapes,
 * statuses, where the key goes): cases an audit of 20 more providers found read wrong.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sampleKey } from '../support/key-samples.js';
import { check, expectAccepted, expectDiagnosis, expectNoLeak } from './run-cli.js';
import { serve, type TestServer } from './servers.js';

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** One server per provider-like API; `handle` answers with the key it expects. */
function emulate(handle: (req: IncomingMessage, res: ServerResponse, key: string) => void) {
  return (key: string): Promise<TestServer> => serve((req, res) => handle(req, res, key));
}

const postmarkLike = emulate((req, res, key) => {
  const server = req.headers['x-postmark-server-token'];
  const account = req.headers['x-postmark-account-token'];
  if (server === undefined && account === undefined)
    return json(res, 401, {
      ErrorCode: 10,
      Message: 'No Account or Server API tokens were supplied in the HTTP headers.',
    });
  if (server !== key)
    return json(res, 401, {
      ErrorCode: 10,
      Message: 'Request does not contain a valid Server token.',
    });
  json(res, 200, { ID: 1, Name: 'server' });
});

const replicateLike = emulate((req, res, key) => {
  const auth = req.headers.authorization;
  if (auth === undefined)
    return json(res, 401, {
      title: 'Unauthenticated',
      detail: 'You did not pass an authentication token',
      status: 401,
    });
  if (auth !== `Bearer ${key}`)
    return json(res, 401, {
      title: 'Unauthenticated',
      detail: 'You did not pass a valid authentication token',
      status: 401,
    });
  json(res, 200, { type: 'user', username: 'someone' });
});

const datadogLike = emulate((req, res, key) => {
  if (req.headers['dd-api-key'] !== key) return json(res, 403, { errors: ['Forbidden'] });
  json(res, 200, { valid: true });
});

const telegramLike = emulate((req, res, key) => {
  if (req.url === `/bot${key}/getMe`) return json(res, 200, { ok: true, result: { id: 1 } });
  if (/^\/bot[^/]+\/getMe$/.test(req.url ?? ''))
    return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
  json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
});

const discordLike = emulate((req, res, key) => {
  if (req.headers.authorization !== `Bot ${key}`)
    return json(res, 401, { message: '401: Unauthorized', code: 0 });
  json(res, 403, { message: 'Missing Permissions', code: 50013 });
});

const newRelicLike = emulate((req, res, key) => {
  if (req.headers['api-key'] !== key)
    return json(res, 200, {
      data: { requestContext: null },
      errors: [{ message: 'Invalid API key', extensions: { errorClass: 'UNAUTHORIZED' } }],
    });
  json(res, 200, { data: { requestContext: { userId: '1' } } });
});

const airtableLike = emulate((req, res, key) => {
  if (req.headers.authorization !== `Bearer ${key}`)
    return json(res, 401, {
      error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' },
    });
  json(res, 200, { id: 'usr1' });
});

const vercelLike = emulate((req, res, key) => {
  const auth = req.headers.authorization;
  if (auth === undefined)
    return json(res, 403, {
      error: { code: 'forbidden', message: 'Not authorized', missingToken: true },
    });
  if (auth !== `Bearer ${key}`)
    return json(res, 403, {
      error: { code: 'forbidden', message: 'Not authorized', invalidToken: true },
    });
  json(res, 200, { user: { id: 'u' } });
});

const cohereLike = emulate((req, res, key) => {
  if (req.method !== 'POST') return json(res, 405, { message: 'method not allowed' });
  if (req.headers.authorization !== `Bearer ${key}`)
    return json(res, 401, { message: 'invalid api token' });
  json(res, 200, { valid: true });
});

const twilioLike = (sid: string) =>
  emulate((req, res, key) => {
    const expected = `Basic ${Buffer.from(`${sid}:${key}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Basic realm="Twilio API"',
      });
      res.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
      return;
    }
    json(res, 200, { sid, status: 'active' });
  });

describe('providers: answers read the way each provider means them', () => {
  const servers: TestServer[] = [];
  const start = async (f: (key: string) => Promise<TestServer>, key: string) => {
    const s = await f(key);
    servers.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('Postmark: a server token in the account-token header → header.wrong-name, confirmed by the server-token header', async () => {
    const key = sampleKey('postmark');
    const api = await start(postmarkLike, key);
    const run = await check(
      [
        `${api.origin}/server`,
        '--provider',
        'postmark',
        '-H',
        `X-Postmark-Account-Token: ${key}`,
        '-H',
        'Accept: application/json',
      ],
      { secrets: [key] },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'header.wrong-name' });
    expect(JSON.stringify(run.json?.findings[0]?.evidence)).toMatch(
      /X-Postmark-Server-Token: …: accepted/,
    );
  });

  it('Twilio: the auth token as Bearer → header.wrong-scheme, confirmed as Basic AccountSID:token with --param', async () => {
    const key = sampleKey('twilio', 2);
    const sid = sampleKey('twilio', 0);
    const api = await start(twilioLike(sid), key);
    const run = await check(
      [
        `${api.origin}/2010-04-01/Accounts/${sid}.json`,
        '--provider',
        'twilio',
        '--param',
        `AccountSID=${sid}`,
        '-H',
        `Authorization: Bearer ${key}`,
      ],
      { secrets: [key] },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'header.wrong-scheme' });
    expect(JSON.stringify(run.json?.findings[0]?.evidence)).toMatch(/\(accepted\)/);
  });

  it('Airtable: a wrong token answered "Authentication required", like none → inconclusive, the summary says Airtable documents it (issue 14: never credential.invalid on the same answer)', async () => {
    const key = sampleKey('airtable');
    const wrong = sampleKey('airtable', 0, 1);
    const api = await start(airtableLike, key);
    const run = await check(
      [`${api.origin}/v0/meta/whoami`, '--provider', 'airtable', '--key', wrong],
      {
        secrets: [key, wrong],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'inconclusive', cause: null });
    expect(run.json?.verdict.summary).toMatch(/Airtable documents this answer for invalid token/);
  });

  it('Vercel: 403 "Not authorized" with invalidToken: true → credential.invalid, not status.forbidden', async () => {
    const key = sampleKey('vercel');
    const wrong = sampleKey('vercel', 0, 1);
    const api = await start(vercelLike, key);
    const run = await check([`${api.origin}/v2/user`, '--provider', 'vercel', '--key', wrong], {
      secrets: [key, wrong],
    });
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'credential.invalid' });
  });

  it("Cohere: the provider's own POST validation request (no URL) is sent again cleaned: key.quoted confirmed", async () => {
    const key = sampleKey('cohere');
    const api = await start(cohereLike, key);
    const run = await check(
      ['--provider', 'cohere', '--base-url', api.origin, '--key', `"${key}"`],
      {
        secrets: [key],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'key.quoted' });
    expect(JSON.stringify(run.json?.findings[0]?.evidence)).toMatch(/accepted \(200\)/);
    expect(run.json?.exchanges.find((x) => x.label === 'probe: sanitized')?.request.method).toBe(
      'POST',
    );
  });

  it("New Relic: the REST header X-Api-Key on NerdGraph (a 200 'An API key is required') → header.wrong-name, confirmed in API-Key", async () => {
    const key = sampleKey('newrelic');
    const api = await start(newRelicLike, key);
    const run = await check(
      ['--provider', 'newrelic', '--base-url', api.origin, '-H', `X-Api-Key: ${key}`],
      {
        secrets: [key],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'header.wrong-name' });
    expect(JSON.stringify(run.json?.findings[0]?.evidence)).toMatch(/API-Key: …: accepted/);
  });

  it('Replicate: "You did not pass a valid authentication token" → credential.invalid', async () => {
    const key = sampleKey('replicate');
    const api = await start(replicateLike, key);
    const wrong = sampleKey('replicate', 0, 1);
    const run = await check(
      [`${api.origin}/v1/account`, '--provider', 'replicate', '--key', wrong],
      {
        secrets: [key, wrong],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'credential.invalid' });
  });

  it('Datadog: a wrong key gets the same bare 403 as none → inconclusive (Datadog documents it), neither credential.invalid nor status.forbidden', async () => {
    const key = sampleKey('datadog');
    const api = await start(datadogLike, key);
    const wrong = sampleKey('datadog', 0, 1);
    const run = await check(
      [`${api.origin}/api/v1/validate`, '--provider', 'datadog', '--key', wrong],
      {
        secrets: [key, wrong],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'inconclusive', cause: null });
    expect(run.json?.verdict.summary).toMatch(/Datadog documents this answer for invalid API key/);
    expect(run.json?.findings.map((f) => f.id)).not.toContain('status.forbidden');
  });

  it('Telegram: the token in a header instead of the path → header.wrong-name (accepted in the path), not status.no-route', async () => {
    const key = sampleKey('telegram');
    const api = await start(telegramLike, key);
    const run = await check(
      [`${api.origin}/getMe`, '--provider', 'telegram', '-H', `Authorization: Bearer ${key}`],
      {
        secrets: [key],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'header.wrong-name' });
  });

  it('Telegram: the token in the path on a local URL, no --provider → found there, accepted, never printed', async () => {
    const key = sampleKey('telegram');
    const api = await start(telegramLike, key);
    expectAccepted(await check([`${api.origin}/bot${key}/getMe`], { secrets: [key] }));
    const wrong = sampleKey('telegram', 0, 1);
    const refused = await check([`${api.origin}/bot${wrong}/getMe`], { secrets: [key, wrong] });
    expectDiagnosis(refused, { exit: 1, status: 'rejected', cause: 'credential.invalid' });
  });

  it('Telegram: a token pasted without its bot prefix is still never printed', async () => {
    const key = sampleKey('telegram');
    const api = await start(telegramLike, key);
    const run = await check([`${api.origin}/${key}/getMe`, '--provider', 'telegram'], {
      secrets: [key],
    });
    expect(run.code).toBe(1);
    expectNoLeak(run);
  });

  it('Discord: 403 "Missing Permissions" → credential.insufficient-scope, no gateway', async () => {
    const key = sampleKey('discord');
    const api = await start(discordLike, key);
    const run = await check(
      [`${api.origin}/api/v10/users/@me`, '--provider', 'discord', '--key', key],
      {
        secrets: [key],
      },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'credential.insufficient-scope' });
    expect(run.json?.findings.map((f) => f.id)).not.toContain('layer.gateway');
  });

  it('New Relic: a GraphQL 200 whose errors are classed UNAUTHORIZED → status.error-in-body, exit 1', async () => {
    const key = sampleKey('newrelic');
    const api = await start(newRelicLike, key);
    const wrong = sampleKey('newrelic', 0, 1);
    const run = await check(
      [
        `${api.origin}/graphql`,
        '--provider',
        'newrelic',
        '--key',
        wrong,
        '-X',
        'POST',
        '-d',
        '{"query":"{ requestContext { userId } }"}',
      ],
      { secrets: [key, wrong] },
    );
    expectDiagnosis(run, { exit: 1, status: 'rejected', cause: 'status.error-in-body' });
  });
});
