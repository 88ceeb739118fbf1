/**
 * Leak canaries for every command that sends or reads a credential (test/cli/canary.test.ts
 * covers key, explain and providers): random canaries, fresh each run, in environment variables,
 * files, stdin, -H headers, the URL (query, user:password@), proxy URLs, curl lines, and a server
 * that echoes whatever arrives in its body, headers, Location and WWW-Authenticate. No run of 9
 * consecutive characters of any canary may appear in stdout or stderr — usage errors, --help,
 * --curl output and crash paths included. (capture, echo and run are another suite's.)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as H from './hostile-servers.js';
import { describeRun, runsOf, why401, type Run } from './run.js';

/** base64url (- and _), standard base64 (+ and /: looks like a path), a provider prefix. */
const canary = () => randomBytes(30).toString('base64url');
const C = {
  env: canary(),
  file: `sk-proj-${canary()}`,
  stdin: canary(),
  arg: randomBytes(30).toString('base64'), // holds / and +
  header: canary(),
  apiKeyHeader: canary(),
  cookie: canary(),
  query: canary(),
  userinfo: canary(),
  proxyPassword: canary(),
  basicPassword: canary(),
  curlBearer: canary(),
  stray: canary(),
  noColon: randomBytes(30).toString('base64'),
  jwtSig: canary(),
} as const;
const seg = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const JWT_CLAIMS = seg({ sub: canary(), exp: Math.floor(Date.now() / 1000) + 3600 });
const JWT = `${seg({ alg: 'HS256', typ: 'JWT' })}.${JWT_CLAIMS}.${C.jwtSig}`;
const WATCH = [...Object.values(C), JWT_CLAIMS];

/** Every canary in the environment, under names a real setup uses. */
const ENV: Record<string, string> = {
  API_KEY: C.env,
  OPENAI_API_KEY: C.file,
  ID_TOKEN: JWT,
  HTTPS_PROXY: `http://user:${C.proxyPassword}@127.0.0.1:9`,
  NO_PROXY: '127.0.0.1,localhost',
};

let dir: string;
let echo: H.Hostile;
let api: string;
const FILE = () => join(dir, 'key.txt');

/** Echoes everything that arrives, everywhere it can: body, headers, Location, WWW-Authenticate. */
function echoAll(req: IncomingMessage, res: ServerResponse): void {
  const all = `${req.method} ${req.url} ${JSON.stringify(req.headers)}`;
  const safe = all.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, "'");
  if (req.url?.startsWith('/redirect')) {
    res.writeHead(302, { location: `/echo?from=${encodeURIComponent(all)}`, 'x-echo': safe });
    res.end(all);
    return;
  }
  res.writeHead(401, {
    'content-type': 'application/json',
    'x-echo': safe.slice(0, 6000),
    location: `/next?${encodeURIComponent(all).slice(0, 6000)}`,
    'www-authenticate': `Bearer realm="${safe.slice(0, 3000)}", error="invalid_token", error_description="${safe.slice(0, 3000)}"`,
  });
  res.end(
    JSON.stringify({ error: { message: `bad key: ${all}`, received: req.headers }, echo: all }),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'why401-canary-'));
  writeFileSync(FILE(), `${C.file}\n`);
  mkdirSync(join(dir, 'project'));
  writeFileSync(join(dir, 'project', '.env'), `API_KEY=${C.env}x\nOPENAI_API_KEY="${C.file}"\n`);
  echo = await H.recording(echoAll);
  api = echo.origin;
});
afterAll(async () => {
  await echo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function clean(run: Run): void {
  expect(run.killed, describeRun(run)).toBe(false);
  const output = `${run.stdout}\n${run.stderr}`;
  const leaks = WATCH.flatMap((c) =>
    runsOf(c, output).map((r) => {
      const at = output.indexOf(r);
      return `${r} in …${output.slice(Math.max(0, at - 80), at + 40)}…`;
    }),
  );
  expect(leaks.slice(0, 3), `leak\n${describeRun(run)}`).toEqual([]);
}

const run = (args: string[], input?: string) =>
  why401(args, { env: ENV, ...(input !== undefined ? { input } : {}) });

describe.concurrent('canaries never reach the output: check', () => {
  const OUT = [[], ['--json'], ['--curl'], ['--json', '--curl'], ['--verbose']] as const;
  for (const out of OUT) {
    it(`every credential source, ${JSON.stringify(out)}`, async () => {
      const t = ['--timeout', '3000', ...out];
      clean(await run(['check', `${api}/v1/items`, '--key-env', 'API_KEY', ...t]));
      clean(await run(['check', `${api}/v1/items`, '--key-file', FILE(), ...t]));
      clean(await run(['check', `${api}/v1/items`, '--key-stdin', ...t], C.stdin));
      clean(await run(['check', `${api}/v1/items`, '--key', C.arg, ...t]));
      clean(await run(['check', `${api}/v1/items`, '--key-env', 'ID_TOKEN', ...t]));
      clean(
        await run([
          'check',
          `${api}/v1/items`,
          '-H',
          `Authorization: Bearer ${C.header}`,
          '-H',
          `X-Api-Key: ${C.apiKeyHeader}`,
          '-H',
          `Cookie: session=${C.cookie}`,
          ...t,
        ]),
      );
      clean(await run(['check', `${api}/v1/items?api_key=${C.query}`, ...t]));
      clean(await run(['check', `http://user:${C.userinfo}@${api.slice(7)}/v1/items`, ...t]));
      clean(await run(['check', `${api}/redirect`, '--key-env', 'API_KEY', ...t]));
      clean(
        await run([
          'check',
          `${api}/v1/items`,
          '--key-env',
          'API_KEY',
          '--proxy',
          `http://user:${C.proxyPassword}@${api.slice(7)}`,
          ...t,
        ]),
      );
    });
  }

  it('a provider, --base-url, -X/-d with the key in the body', async () => {
    const t = ['--timeout', '3000'];
    clean(
      await run(['check', '--provider', 'openai', '--base-url', api, '--key-env', 'API_KEY', ...t]),
    );
    clean(
      await run([
        'check',
        `${api}/v1/items`,
        '--key-env',
        'API_KEY',
        '-X',
        'POST',
        '-d',
        `token=${C.env}`,
        '--curl',
        ...t,
      ]),
    );
  });

  it('usage errors and --help with the key given', async () => {
    clean(await run(['check', '--help', '--key', C.arg]));
    clean(await run(['check', `${api}/x`, '--key', C.arg, '--bogus']));
    clean(await run(['check', `${api}/x`, 'extra-positional', '--key', C.arg]));
    clean(await run(['check', '--key', C.arg])); // no URL, no provider
    clean(await run(['check', `${api}/x`, '--key', C.arg, '--provider', 'nope']));
    clean(await run(['check', `${api}/x`, '--key', C.arg, '--timeout', 'abc']));
    clean(await run(['check', `${api}/x`, '--key', C.arg, '--key-env', 'API_KEY']));
    clean(await run(['check', `${api}/x`, '--key-env', C.env])); // the key where a name goes
    clean(await run(['check', `${api}/x`, '--key-file', C.arg])); // the key where a path goes
    clean(await run(['check', `${api}/x`, '-H', `Bearer ${C.noColon}`])); // no header name
    clean(
      await run(['check', `${api}/x`, '--key', C.arg, '--proxy', `ftp://u:${C.proxyPassword}@h`]),
    );
    clean(
      await run([
        'check',
        `${api}/x`,
        '--key',
        C.arg,
        '--proxy',
        `http://u:${C.proxyPassword}@[bad`,
      ]),
    );
    clean(await run(['check', `not a url ${C.stray}`, '--key', C.arg]));
    clean(
      await run(['check', `${api}/x`, '--key', C.arg, '--base-url', `ftp://u:${C.userinfo}@h`]),
    );
  });

  it('no HTTP answer: refused, bad TLS host, a proxy that is not there', async () => {
    clean(
      await run([
        'check',
        'http://127.0.0.1:9/v1/items',
        '--key-env',
        'API_KEY',
        '--timeout',
        '2000',
      ]),
    );
    clean(
      await run([
        'check',
        `https://user:${C.userinfo}@127.0.0.1:9/`,
        '--key',
        C.arg,
        '--timeout',
        '2000',
      ]),
    );
    clean(
      await run([
        'check',
        'https://example.invalid/v1',
        '--key-env',
        'API_KEY',
        '--timeout',
        '2000',
      ]),
    );
  });
});

describe.concurrent('canaries never reach the output: curl', () => {
  for (const out of [[], ['--json'], ['--curl']] as const)
    it(`pasted curl lines, ${JSON.stringify(out)}`, async () => {
      const t = ['--timeout', '3000', ...out];
      clean(
        await run([
          'curl',
          ...t,
          '--',
          'curl',
          '-H',
          `Authorization: Bearer ${C.curlBearer}`,
          `${api}/v1/me`,
        ]),
      );
      clean(
        await run([
          'curl',
          ...t,
          '--',
          `curl -H 'Authorization: Bearer ${C.curlBearer}' -H 'x-api-key: ${C.apiKeyHeader}' ${api}/v1/me`,
        ]),
      );
      clean(
        await run(['curl', ...t, '--', 'curl', '-u', `user:${C.basicPassword}`, `${api}/v1/me`]),
      );
      clean(await run(['curl', ...t, '--', 'curl', '-b', `session=${C.cookie}`, `${api}/v1/me`]));
      clean(
        await run([
          'curl',
          ...t,
          '--',
          'curl',
          '-x',
          `http://u:${C.proxyPassword}@127.0.0.1:9`,
          `${api}/v1/me`,
        ]),
      );
      // forgotten quotes: the key is a stray word; a header without its name
      clean(
        await run([
          'curl',
          ...t,
          '--',
          'curl',
          '-H',
          'Authorization:',
          'Bearer',
          C.stray,
          `${api}/v1/me`,
        ]),
      );
      clean(await run(['curl', ...t, '--', 'curl', '-H', `Bearer ${C.noColon}`, `${api}/v1/me`]));
      clean(
        await run(['curl', ...t, '--', 'curl', `-Z${C.stray}`, '--data-raw=a=1', `${api}/v1/me`]),
      );
      clean(await run(['curl', ...t, '--', 'curl', `${api}/v1/me?access_token=${C.query}`]));
    });

  it('usage errors and --help', async () => {
    clean(await run(['curl', '--help', '--key', C.arg]));
    clean(await run(['curl', '--bogus', C.arg, '--', 'curl', `${api}/x`]));
    clean(await run(['curl', '--', 'curl', '-H', `Authorization: Bearer ${C.curlBearer}`])); // no URL
    clean(await run(['curl', '--', `curl 'unterminated ${C.curlBearer}`]));
    clean(await run(['curl', '--timeout', C.arg, '--', 'curl', `${api}/x`]));
  });
});

describe.concurrent('canaries never reach the output: key, env, explain, providers, demo', () => {
  it('key', async () => {
    clean(
      await run(['key', '--key-env', 'API_KEY', '--url', `http://u:${C.userinfo}@h.example/v1`]),
    );
    clean(await run(['key', '--key', C.arg, '--url', `ftp://u:${C.userinfo}@h`]));
    clean(await run(['key', '--key-file', '/dev/zero'])); // endless: refused, not read
    clean(await run(['key', '--key-env', 'ID_TOKEN', '--json']));
  });

  it('env', async () => {
    const project = join(dir, 'project');
    clean(await run(['env', 'API_KEY', '--dir', project]));
    clean(await run(['env', 'API_KEY', '--dir', project, '--json']));
    clean(await run(['env', 'OPENAI_API_KEY', '--dir', project]));
    clean(await run(['env', '--all', '--dir', project]));
    clean(await run(['env', '--all', '--dir', project, '--json']));
    clean(await run(['env', C.env, '--dir', project])); // the key where a name goes
    clean(await run(['env', '--help', C.arg]));
  });

  it('explain, providers, demo, --help, unknown commands', async () => {
    clean(await run(['explain', C.arg]));
    clean(await run(['providers', C.arg]));
    clean(await run(['--help']));
    clean(await run([C.arg]));
    clean(await run(['demo', '--json']));
  });

  it('crash paths: WHY401_DEBUG with the key in the arguments', async () => {
    const debug = { ...ENV, WHY401_DEBUG: '1' };
    for (const args of [
      ['check', `${api}/x`, '--key', C.arg, '--bogus'],
      ['check', `//127.0.0.1:9/x`, '--base-url', api, '--key', C.arg],
      ['key', '--key-file', '/dev/zero'],
    ])
      clean(await why401(args, { env: debug }));
  });
});
