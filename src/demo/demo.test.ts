import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { why401 } from '../../test/cli/helpers.js';
import { sendAndJudge } from '../engine/send-and-judge.js';
import { makeKeys, maskKey, startSandbox } from './sandbox.js';
import { demoScenarios } from './scenarios.js';

const sandbox = await startSandbox();
afterAll(() => sandbox.close());

function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.get(url, { headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
    },
  );
}

describe('the sandbox', () => {
  it('listens on 127.0.0.1 only', () => {
    for (const url of Object.values(sandbox.urls))
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('makes new random keys at each start, and the same ones for the same seed', () => {
    const a = makeKeys().keys;
    const b = makeKeys().keys;
    expect(a.openai).not.toBe(b.openai);
    expect(a.openai).toMatch(/^sk-demo-[A-Za-z0-9]{40}$/);
    expect(makeKeys('s').keys.anthropic).toBe(makeKeys('s').keys.anthropic);
  });

  it('answers like the APIs it emulates', async () => {
    const { urls, keys } = sandbox;
    const bad = await get(`${urls.openai}/v1/models`, {
      Authorization: 'Bearer sk-demo-wrongkey1234',
    });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'invalid_api_key' } });
    expect(bad.body).toContain(maskKey('sk-demo-wrongkey1234'));
    expect(maskKey('sk-demo-wrongkey1234')).toBe('sk-***1234');
    const ok = await get(`${urls.openai}/v1/models`, { Authorization: `Bearer ${keys.openai}` });
    expect(ok.status).toBe(200);

    const proxied = await get(`${urls.proxy}/v1/models`, {
      Authorization: `Bearer ${keys.openai}`,
    });
    expect(proxied.status).toBe(401);
    expect(proxied.headers['via']).toBe('1.1 demo-proxy');
    expect(proxied.headers['server']).toBe('nginx');

    const viaGateway = await get(`${urls.gateway}/v1/models`, {
      Authorization: `Bearer ${keys.gateway}`,
    });
    expect(viaGateway.status).toBe(200);

    const blocked = await get(`${urls.waf}/status`, { 'User-Agent': 'python-requests/2.32' });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toBe('error code: 1010');
    expect(blocked.headers['cf-ray']).toBeDefined();
    expect((await get(`${urls.waf}/status`, { 'User-Agent': 'acme-app/1.0' })).status).toBe(200);

    const hidden = await get(`${urls.github}/repos/acme/private`, {
      Authorization: `Bearer ${keys.githubReadOrg}`,
    });
    const anonymous = await get(`${urls.github}/repos/acme/private`);
    expect([hidden.status, anonymous.status]).toEqual([404, 404]);
    expect(hidden.body).toBe(anonymous.body);
    expect(hidden.headers['x-accepted-oauth-scopes']).toBe('repo');
    const allowed = await get(`${urls.github}/repos/acme/private`, {
      Authorization: `Bearer ${keys.githubRepo}`,
    });
    expect(allowed.status).toBe(200);

    const slack = await get(`${urls.slack}/api/auth.test`, {
      Authorization: `Bearer ${keys.slackRevoked}`,
    });
    expect(slack.status).toBe(200);
    expect(JSON.parse(slack.body)).toEqual({ ok: false, error: 'invalid_auth' });

    const skewed = await get(`${urls.clock}/v1/me`, { Authorization: `Bearer ${keys.jwt}` });
    expect(skewed.status).toBe(401);
    expect(skewed.headers['www-authenticate']).toContain('token used before issued');
    const behind = Date.now() - Date.parse(skewed.headers['date'] ?? '');
    expect(behind).toBeGreaterThan(85_000);
    expect(behind).toBeLessThan(95_000);
  });
});

describe('every demo scenario names its expected cause', () => {
  const scenarios = demoScenarios(sandbox);

  it('covers the failure modes of the README', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(13);
    expect(scenarios.at(-1)?.expectedCause).toBeNull();
  });

  it('covers OAuth (issue 16): an ID token, a rotated key, a wrong audience by RFC 9728', () => {
    const causes = scenarios.map((s) => s.expectedCause);
    expect(causes).toEqual(
      expect.arrayContaining(['token.id-token', 'token.unknown-key', 'token.wrong-audience']),
    );
  });

  it('the OAuth API publishes RFC 9728 metadata and names it in its challenge', async () => {
    const meta = await get(`${sandbox.urls.oauth}/.well-known/oauth-protected-resource`);
    expect(JSON.parse(meta.body)).toMatchObject({
      resource: `${sandbox.urls.oauth}/v1`,
      authorization_servers: [sandbox.urls.oauth],
    });
    const refused = await get(`${sandbox.urls.oauth}/v1/me`);
    expect(refused.headers['www-authenticate']).toContain(
      `resource_metadata="${sandbox.urls.oauth}/.well-known/oauth-protected-resource"`,
    );
  });

  for (const s of scenarios) {
    it(`${s.title} → ${s.expectedCause ?? 'accepted'}`, async () => {
      const { diagnosis: d } = await sendAndJudge(s.input, s.options);
      expect(d.verdict.status).toBe(s.expectedCause === null ? 'accepted' : 'rejected');
      expect(
        d.verdict.cause,
        `findings: ${d.findings.map((f) => `${f.id}[${f.confidence}]`).join(', ')}`,
      ).toBe(s.expectedCause);
    });
  }
});

describe('why401 demo (the built CLI)', () => {
  const SEED = 'why401-demo-test';
  const { keys } = makeKeys(SEED);
  const env = { WHY401_DEMO_SEED: SEED };

  /** No run of 9 characters of any demo key (spec/cli.md), nor any JWT. */
  function expectNoKeys(text: string) {
    for (const [name, key] of Object.entries(keys)) {
      if (name === 'jwt') continue; // its iat (hence payload and signature) differs in the CLI
      for (let i = 0; i + 9 <= key.length; i++)
        expect(text.includes(key.slice(i, i + 9)), `${name} leaked`).toBe(false);
    }
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{6,}/);
    expect(text).not.toMatch(/(sk-demo-|sk-gw-|sk-ant-|ghp_|xoxb-)[A-Za-z0-9]/);
  }

  it('--json: one object, a diagnosis per scenario, no key in the output', () => {
    const run = why401(['demo', '--json'], { env });
    expect(run.status, run.stderr).toBe(0);
    const { schema, scenarios: out } = JSON.parse(run.stdout) as {
      schema: string;
      scenarios: {
        title: string;
        expectedCause: string | null;
        matched: boolean;
        diagnosis: {
          schema: string;
          credential: { redacted: string } | null;
          verdict: { status: string; cause: string | null };
        } | null;
      }[];
    };
    expect(schema).toBe('why401/demo@1');
    expect(out.length).toBeGreaterThanOrEqual(13);
    for (const o of out) {
      expect(o.diagnosis?.schema).toBe('why401/diagnosis@1');
      expect(o.matched, o.title).toBe(true);
      if (o.matched) expect(o.diagnosis?.verdict.cause).toBe(o.expectedCause);
    }
    // the seed reached the CLI: its keys are the ones looked for (redacted forms end alike)
    const gateway = out.find((o) => o.title === 'The gateway wants its own key');
    expect(gateway?.diagnosis?.credential?.redacted.endsWith(keys.openai.slice(-4))).toBe(true);
    expectNoKeys(run.stdout + run.stderr);
  });

  it('exits 0: every scenario got its expected cause', () => {
    expect(why401(['demo', '--json'], { env }).status).toBe(0);
  });

  it('human output: numbered scenarios, verdicts, a summary table, no key', () => {
    const run = why401(['demo', '--no-color'], { env });
    expect(run.stdout).toMatch(/^ 1\/\d+ {2}Trailing newline in the key$/m);
    expect(run.stdout).toContain('cause: key.newline');
    expect(run.stdout).toMatch(/Summary\n/);
    expect(run.stdout).toMatch(/Healthy control\s+accepted\s+—\s+✔/);
    expect(run.stdout).not.toContain('\u001b[');
    expectNoKeys(run.stdout + run.stderr);
  });

  it('--help and usage errors', () => {
    const help = why401(['demo', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: why401 demo');
    expect(help.stdout).toContain('why401 demo --json');
    expect(why401(['demo', '--bogus']).status).toBe(2);
    expect(why401(['demo', 'extra']).status).toBe(2);
  });
});
