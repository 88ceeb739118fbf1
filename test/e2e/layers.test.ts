/** Who answered: real nginx, squid and tinyproxy in front of a scenario API (gw-*, px-*, pa-01). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasBinary,
  startNginxAccessRules,
  startNginxAuthRewriter,
  startNginxGateway,
  startNginxOwnRefusals,
  startNginxStripper,
  startSquidStripper,
  startTinyproxyAuth,
  type Layer,
} from '../support/layers.js';
import {
  check,
  describeRun,
  expectAccepted,
  expectDiagnosis,
  ids,
  type CliRun,
} from './run-cli.js';
import { makeKey, serve, startBearerApi, startOpenAiLikeApi, type TestServer } from './servers.js';

const key = makeKey();
let api: TestServer;
beforeAll(async () => {
  api = await startBearerApi(key);
});
afterAll(() => api?.stop());

describe.skipIf(!hasBinary('nginx'))(
  'layers: a real nginx gateway with its own apikey auth',
  () => {
    const gatewayKey = makeKey('gw-');
    let gateway: Layer;
    beforeAll(async () => {
      gateway = await startNginxGateway({ upstreamPort: api.port, apiKey: gatewayKey });
    });
    afterAll(() => gateway?.stop());

    it('the API key alone reaches the gateway, which wants its own → layer.gateway', async () => {
      const run = await check([`${gateway.url}/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key, gatewayKey],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'layer.gateway',
        findings: ['layer.gateway'],
      });
    });

    it('control: the gateway key plus the API key → accepted', async () => {
      const run = await check(
        [
          `${gateway.url}/v1/items`,
          '-H',
          `apikey: ${gatewayKey}`,
          '-H',
          `Authorization: Bearer ${key}`,
        ],
        { secrets: [key, gatewayKey] },
      );
      expectAccepted(run);
    });
  },
);

describe.skipIf(!hasBinary('nginx'))(
  'layers: a real nginx reverse proxy blanking Authorization (px-01)',
  () => {
    let nginx: Layer;
    beforeAll(async () => {
      nginx = await startNginxStripper({ upstreamPort: api.port });
    });
    afterAll(() => nginx?.stop());

    it('the key is sent, the API says none arrived, nginx answered → net.proxy-strips-auth', async () => {
      const run = await check([`${nginx.url}/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'net.proxy-strips-auth',
        findings: ['net.proxy-strips-auth'],
      });
    });

    it('control: the same request straight to the API → accepted', async () => {
      const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expectAccepted(run);
    });
  },
);

describe.skipIf(!hasBinary('nginx'))(
  'layers: a real nginx blanking Authorization in front of an OpenAI-style API (issue 14)',
  () => {
    let openai: TestServer;
    let nginx: Layer;
    beforeAll(async () => {
      openai = await startOpenAiLikeApi(key);
      nginx = await startNginxStripper({ upstreamPort: openai.port });
    });
    afterAll(async () => {
      await nginx?.stop();
      await openai?.stop();
    });

    it('"You didn\'t provide an API key" comes back → net.proxy-strips-auth, no credential.invalid, no layer.gateway', async () => {
      const run = await check([`${nginx.url}/v1/models`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'net.proxy-strips-auth',
        findings: ['net.proxy-strips-auth'],
      });
      expect(ids(run)).not.toContain('credential.invalid');
      expect(ids(run)).not.toContain('layer.gateway');
    });

    it('control: the same key straight to the API → accepted', async () => {
      const run = await check([`${openai.origin}/v1/models`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expectAccepted(run);
    });
  },
);

/** The `probe: direct` exchange went around the proxy and was accepted. */
function expectDirectProbeAccepted(run: CliRun): void {
  const direct = run.json?.exchanges.find((e) => /direct/.test(e.label));
  expect(direct?.response?.status, `no accepted direct probe\n${describeRun(run)}`).toBe(200);
}

describe.skipIf(!hasBinary('squid'))(
  'layers: a real squid forward proxy stripping Authorization (px-02)',
  () => {
    let squid: Layer;
    beforeAll(async () => {
      squid = await startSquidStripper();
    });
    afterAll(() => squid?.stop());

    it('--proxy: refused through squid, accepted directly → net.proxy-strips-auth', async () => {
      const run = await check(
        [`${api.origin}/v1/items`, '--key-env', 'API_KEY', '--proxy', squid.url],
        { env: { API_KEY: key }, secrets: [key] },
      );
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'net.proxy-strips-auth',
        findings: ['net.proxy-strips-auth'],
      });
      expectDirectProbeAccepted(run);
    });

    it('HTTP_PROXY in the environment: the same → net.proxy-strips-auth', async () => {
      const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key, HTTP_PROXY: squid.url },
        secrets: [key],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'net.proxy-strips-auth',
        findings: ['net.proxy-strips-auth', 'net.proxy-configured'],
      });
      expectDirectProbeAccepted(run);
    });

    it('control: HTTP_PROXY set but NO_PROXY excludes 127.0.0.1 → accepted', async () => {
      const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key, HTTP_PROXY: squid.url, NO_PROXY: '127.0.0.1' },
        secrets: [key],
      });
      expectAccepted(run);
    });

    it('why401 curl --noproxy "*" with HTTP_PROXY set: curl goes direct → accepted', async () => {
      const run = await check(
        ['--noproxy', '*', '-H', `Authorization: Bearer ${key}`, `${api.origin}/v1/items`],
        { command: 'curl', env: { HTTP_PROXY: squid.url }, secrets: [key] },
      );
      expectAccepted(run);
    });

    it('why401 curl --noproxy of another host: HTTP_PROXY still applies → net.proxy-strips-auth', async () => {
      const run = await check(
        [
          '--noproxy',
          'example.com',
          '-H',
          `Authorization: Bearer ${key}`,
          `${api.origin}/v1/items`,
        ],
        { command: 'curl', env: { HTTP_PROXY: squid.url }, secrets: [key] },
      );
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'net.proxy-strips-auth',
        findings: ['net.proxy-strips-auth', 'net.proxy-configured'],
      });
    });

    it('control: HTTP_PROXY set, --no-proxy given → accepted', async () => {
      const run = await check([`${api.origin}/v1/items`, '--key-env', 'API_KEY', '--no-proxy'], {
        env: { API_KEY: key, HTTP_PROXY: squid.url },
        secrets: [key],
      });
      expectAccepted(run);
    });
  },
);

describe.skipIf(!hasBinary('tinyproxy'))(
  'layers: a real tinyproxy demanding its own credentials (pa-01)',
  () => {
    const user = 'e2euser';
    const pass = makeKey('pw', 16);
    let tinyproxy: Layer;
    beforeAll(async () => {
      tinyproxy = await startTinyproxyAuth({ user, pass });
    });
    afterAll(() => tinyproxy?.stop());

    it('no proxy credentials → 407 → status.proxy-auth, exit 1', async () => {
      const run = await check(
        [`${api.origin}/v1/items`, '--key-env', 'API_KEY', '--proxy', tinyproxy.url],
        { env: { API_KEY: key }, secrets: [key, pass] },
      );
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'status.proxy-auth',
        findings: ['status.proxy-auth'],
      });
    });

    it('why401 curl -x … -U user:pass: the proxy gets its login → accepted', async () => {
      const run = await check(
        [
          '-x',
          tinyproxy.url,
          '-U',
          `${user}:${pass}`,
          '-H',
          `Authorization: Bearer ${key}`,
          `${api.origin}/v1/items`,
        ],
        { command: 'curl', secrets: [key, pass] },
      );
      expectAccepted(run);
    });

    it('why401 curl --proxy-user with a wrong password → status.proxy-auth', async () => {
      const wrong = makeKey('pw', 16);
      const run = await check(
        [
          '-x',
          tinyproxy.url,
          '--proxy-user',
          `${user}:${wrong}`,
          '-H',
          `Authorization: Bearer ${key}`,
          `${api.origin}/v1/items`,
        ],
        { command: 'curl', secrets: [key, pass, wrong] },
      );
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'status.proxy-auth',
        findings: ['status.proxy-auth'],
      });
      expect(ids(run)).not.toContain('net.proxy-strips-auth');
      expect(ids(run)).not.toContain('layer.gateway');
    });

    it('control: the proxy credentials in the proxy URL → accepted', async () => {
      const proxy = `http://${user}:${pass}@127.0.0.1:${tinyproxy.port}`;
      const run = await check(
        [`${api.origin}/v1/items`, '--key-env', 'API_KEY', '--proxy', proxy],
        {
          env: { API_KEY: key },
          secrets: [key, pass],
        },
      );
      expectAccepted(run);
    });
  },
);

describe.skipIf(!hasBinary('nginx'))(
  'layers: a real nginx refusing on its own (auth_request, a map on a header, a WAF page)',
  () => {
    const gatewayToken = makeKey('gwt-');
    const client = 'team-a';
    let auth: TestServer;
    let nginx: Layer;
    beforeAll(async () => {
      // The auth service nginx asks: its own token, in its own header.
      auth = await serve((req, res) => {
        const ok = req.headers['x-gateway-token'] === gatewayToken;
        res.writeHead(ok ? 204 : 401, ok ? {} : { 'www-authenticate': 'Bearer realm="gateway"' });
        res.end();
      });
      nginx = await startNginxOwnRefusals({
        upstreamPort: api.port,
        authPort: auth.port,
        allowedClient: client,
      });
    });
    afterAll(async () => {
      await nginx?.stop();
      await auth?.stop();
    });

    it('auth_request: its stock 401 with a bare Bearer challenge, the same without the key → layer.gateway', async () => {
      const run = await check([`${nginx.url}/sub/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key, gatewayToken],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'layer.gateway',
        findings: ['layer.gateway'],
      });
      expect(ids(run)).not.toContain('net.proxy-strips-auth');
      expect(ids(run)).not.toContain('credential.invalid');
    });

    it('control: auth_request with the gateway token and the API key → accepted', async () => {
      const run = await check(
        [
          `${nginx.url}/sub/v1/items`,
          '-H',
          `X-Gateway-Token: ${gatewayToken}`,
          '-H',
          `Authorization: Bearer ${key}`,
        ],
        { secrets: [key, gatewayToken] },
      );
      expectAccepted(run);
    });

    it('a map on X-Client-Id: a bare stock 401, the same without the key → layer.gateway', async () => {
      const run = await check([`${nginx.url}/mapped/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'layer.gateway',
        findings: ['layer.gateway'],
      });
      expect(ids(run)).not.toContain('credential.invalid');
    });

    it('control: the map satisfied → accepted', async () => {
      const run = await check(
        [`${nginx.url}/mapped/v1/items`, '--key-env', 'API_KEY', '-H', `X-Client-Id: ${client}`],
        { env: { API_KEY: key }, secrets: [key] },
      );
      expectAccepted(run);
    });

    it('a 403 HTML block page, the same without the key → status.waf-blocked, not status.forbidden', async () => {
      const run = await check([`${nginx.url}/shop/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'status.waf-blocked',
        findings: ['status.waf-blocked'],
      });
      expect(ids(run)).not.toContain('status.forbidden');
    });
  },
);

describe.skipIf(!hasBinary('nginx'))(
  'layers: a real nginx putting its own key in Authorization, before an API that echoes it masked',
  () => {
    const apiKey = makeKey('sk-');
    const serviceKey = makeKey('sk-');
    let openai: TestServer;
    let nginx: Layer;
    beforeAll(async () => {
      openai = await startOpenAiLikeApi(apiKey);
      nginx = await startNginxAuthRewriter({ upstreamPort: openai.port, token: serviceKey });
    });
    afterAll(async () => {
      await nginx?.stop();
      await openai?.stop();
    });

    it('"Incorrect API key provided: sk-…<not ours>", the same without the key → net.proxy-strips-auth', async () => {
      const run = await check([`${nginx.url}/v1/models`, '--key-env', 'API_KEY'], {
        env: { API_KEY: apiKey },
        secrets: [apiKey, serviceKey],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'net.proxy-strips-auth',
        findings: ['net.proxy-strips-auth'],
      });
    });

    it('control: the same key straight to the API → accepted', async () => {
      const run = await check([`${openai.origin}/v1/models`, '--key-env', 'API_KEY'], {
        env: { API_KEY: apiKey },
        secrets: [apiKey, serviceKey],
      });
      expectAccepted(run);
    });
  },
);

describe.skipIf(!hasBinary('nginx'))(
  'layers: a real nginx refusing by its own rules, deny all and a Basic realm (issue 14)',
  () => {
    const user = 'e2euser';
    const pass = makeKey('pw', 16);
    let nginx: Layer;
    beforeAll(async () => {
      nginx = await startNginxAccessRules({ upstreamPort: api.port, realm: 'Staging', user, pass });
    });
    afterAll(() => nginx?.stop());

    const gatewayFix = (run: CliRun): string => {
      const f = run.json?.findings.find((x) => x.id === 'layer.gateway');
      expect(f, `no layer.gateway\n${describeRun(run)}`).toBeDefined();
      return f?.fix ?? '';
    };

    it('deny all: a stock 403, the same without the key → layer.gateway, an access rule, not a credential', async () => {
      const run = await check([`${nginx.url}/denied/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key, pass],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'layer.gateway',
        findings: ['layer.gateway'],
      });
      const fix = gatewayFix(run);
      expect(fix).toMatch(/access rule/);
      expect(fix).toMatch(/allow your client's address/);
      expect(fix).toContain(`nginx at 127.0.0.1:${nginx.port}`);
      expect(fix).not.toMatch(/the credential that nginx issues/i);
      expect(ids(run)).not.toContain('credential.invalid');
    });

    it('auth_basic realm "Staging" while a Bearer key went → layer.gateway, the fix names the realm', async () => {
      const run = await check([`${nginx.url}/staging/v1/items`, '--key-env', 'API_KEY'], {
        env: { API_KEY: key },
        secrets: [key, pass],
      });
      expectDiagnosis(run, {
        exit: 1,
        status: 'rejected',
        cause: 'layer.gateway',
        findings: ['layer.gateway'],
      });
      const fix = gatewayFix(run);
      expect(fix).toMatch(/its own Basic login, realm "Staging"/);
      expect(fix).toMatch(/curl -u user:pass/);
      expect(fix).not.toMatch(/the credential that nginx issues/i);
      expect(ids(run)).not.toContain('credential.invalid');
    });

    it('control: the Basic login passes nginx; the API behind it answers (it wants its Bearer key)', async () => {
      const run = await check(['-u', `${user}:${pass}`, `${nginx.url}/staging/v1/items`], {
        command: 'curl',
        secrets: [key, pass],
      });
      expect(run.json?.verdict.cause, describeRun(run)).toBe('header.wrong-scheme');
      const fixes = run.json?.findings.map((f) => f.fix).join('\n') ?? '';
      expect(fixes).not.toMatch(/realm "Staging"/);
    });
  },
);
