import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBinary, startSquidPlain, startTinyproxyAuth, type Layer } from '../support/layers.js';
import { expectNoCredential, jsonLines } from './support.js';
import { runCli } from './openai-401.js';
import { startHttpsOrigin } from './tls.js';

const KEY = `sk-proj-${randomBytes(30).toString('hex')}`;
const PASS = `pp${randomBytes(12).toString('hex')}`;

/** `why401 run -- curl` calling the loopback API over HTTPS, with the user's proxy variables. */
const runCurl = (origin: string, env: Record<string, string>) =>
  runCli(
    KEY,
    [
      'run',
      '--no-env',
      '--json',
      '--insecure', // the loopback API's certificate is self-signed
      '--',
      'curl',
      '-sS',
      '-H',
      `Authorization: Bearer ${KEY}`,
      `${origin}/v1/models`,
    ],
    env,
  );

describe.skipIf(!hasBinary('squid') || !hasBinary('tinyproxy'))(
  'why401 run with a proxy of the user’s own (HTTPS_PROXY): calls go on through it',
  () => {
    let api: Awaited<ReturnType<typeof startHttpsOrigin>>;
    let squid: Layer;
    let tinyproxy: Layer;
    const seen: string[] = [];

    beforeAll(async () => {
      api = await startHttpsOrigin((req, res) => {
        seen.push(req.headers.authorization ?? '');
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: 'Incorrect API key provided', code: 'invalid_api_key' },
          }),
        );
      });
      [squid, tinyproxy] = await Promise.all([
        startSquidPlain(),
        startTinyproxyAuth({ user: 'puser', pass: PASS }),
      ]);
    }, 30_000);

    afterAll(async () => {
      await Promise.all([squid?.stop(), tinyproxy?.stop(), api?.stop()]);
    });

    it('curl’s HTTPS call is intercepted, reaches the API through squid (its log shows the CONNECT) and is diagnosed', async () => {
      seen.length = 0;
      const r = await runCurl(api.origin, { HTTPS_PROXY: squid.url });
      expect(r.stdout).toContain('invalid_api_key');
      expect(seen).toEqual([`Bearer ${KEY}`]);
      const [call] = jsonLines(r.stderr);
      expect(call).toMatchObject({ status: 401 });
      expect(JSON.stringify(call)).toContain('credential.invalid');
      const port = new URL(api.origin).port;
      await expect
        .poll(() => readFileSync(join(squid.dir, 'access.log'), 'utf8'))
        .toContain(`CONNECT 127.0.0.1:${port}`);
      expect(r.stderr).toContain(`HTTPS_PROXY=http://127.0.0.1:${squid.port}`);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'run through squid');
    });

    it('a 407 from the user’s proxy is what the app gets, diagnosed status.proxy-auth', async () => {
      const r = await runCurl(api.origin, { HTTPS_PROXY: tinyproxy.url });
      const [call] = jsonLines(r.stderr);
      expect(call).toMatchObject({ status: 407 });
      expect(JSON.stringify(call)).toContain('status.proxy-auth');
    });

    it('with user:password in HTTPS_PROXY the call gets through, and the password is never shown', async () => {
      seen.length = 0;
      const r = await runCurl(api.origin, {
        HTTPS_PROXY: `http://puser:${PASS}@127.0.0.1:${tinyproxy.port}`,
      });
      expect(r.stdout).toContain('invalid_api_key');
      expect(seen).toEqual([`Bearer ${KEY}`]);
      expectNoCredential(r.stdout + r.stderr, [KEY, PASS], 'run through tinyproxy');
    });
  },
);
