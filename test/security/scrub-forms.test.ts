/**
 * Issue 13 item 6 end to end: a server that echoes the key it received in every form a scrubber
 * keyed on plain runs misses (invisible characters or escape sequences between its characters,
 * UTF-16, hex, base64 at each offset, JSON, HTML and percent escapes, another case), in its body
 * and in a header. No 9-character run of the key, in any decoded form, may reach the output.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leakedRuns } from './decoded-forms.js';
import * as H from './hostile-servers.js';
import { describeRun, why401, type Run } from './run.js';

const KEY = `sk-live-${randomBytes(30).toString('base64url')}`;

/** The key as the server received it, in every form. */
function forms(key: string): string[] {
  const chars = [...key];
  const bytes = Buffer.from(key);
  const hex = bytes.toString('hex');
  const b64 = (offset: number, alphabet: 'base64' | 'base64url') =>
    Buffer.concat([Buffer.from('{"k":"'.slice(0, offset)), bytes]).toString(alphabet);
  const code = (c: string) => c.charCodeAt(0);
  return [
    chars.join('\u200b'),
    chars.join('\u00ad'),
    chars.join('\u001b[0m'),
    chars.map((c) => `\u001b[31m${c}\u001b[39m`).join(''),
    chars.join('\u202e'),
    Buffer.from(key, 'utf16le').toString('latin1'),
    hex,
    hex.toUpperCase(),
    b64(0, 'base64'),
    b64(1, 'base64'),
    b64(2, 'base64'),
    b64(1, 'base64url'),
    b64(2, 'base64url'),
    chars.map((c) => `\\u${code(c).toString(16).padStart(4, '0')}`).join(''),
    chars.map((c, i) => (i % 2 ? `\\u${code(c).toString(16).padStart(4, '0')}` : c)).join(''),
    chars.map((c) => `&#${code(c)};`).join(''),
    chars.map((c) => `&#x${code(c).toString(16)};`).join(''),
    chars.map((c) => `%${code(c).toString(16).toUpperCase()}`).join(''),
    key.toUpperCase(),
  ];
}

let server: H.Hostile;

/** `/form/<n>`: the key in form n, first in the body (a human excerpt shows it); else all of them. */
function echoForms(req: IncomingMessage, res: ServerResponse): void {
  const auth = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  const all = forms(auth);
  const one = /^\/form\/(\d+)/.exec(req.url ?? '');
  res.writeHead(401, {
    'content-type': 'text/plain; charset=utf-8',
    'www-authenticate': 'Bearer realm="api", error="invalid_token"',
    'x-echo-hex': all[6] ?? '',
    'x-echo-b64': all[10] ?? '',
  });
  if (one) res.end(`invalid api key ${all[Number(one[1])] ?? ''} was sent`);
  else res.end(`invalid api key; you sent:\n${all.map((f, i) => `form ${i}: ${f}`).join('\n')}\n`);
}

beforeAll(async () => {
  server = await H.recording(echoForms);
});
afterAll(async () => {
  await server?.stop();
});

function clean(run: Run): void {
  expect(run.killed, describeRun(run)).toBe(false);
  const output = `${run.stdout}\n${run.stderr}`;
  expect(leakedRuns(KEY, output), `leak\n${describeRun(run)}`).toEqual([]);
}

describe.concurrent('a key echoed in encoded forms never reaches the output', () => {
  it('the server does echo every form (the test would catch a leak)', () => {
    const body = forms(KEY).join('\n');
    for (const form of forms(KEY)) expect(leakedRuns(KEY, form).length).toBeGreaterThan(0);
    expect(leakedRuns(KEY, body).length).toBeGreaterThan(0);
  });

  const check = (path: string, out: readonly string[]) =>
    why401(
      ['check', `${server.origin}${path}`, '--key-env', 'API_KEY', '--timeout', '3000', ...out],
      { env: { API_KEY: KEY } },
    );

  it.each(forms(KEY).map((_, i) => [i]))(
    'form %i, first in the body: human and --json',
    async (i) => {
      for (const out of [[], ['--json']]) {
        const run = await check(`/form/${i}`, out);
        clean(run);
        expect(run.stdout, describeRun(run)).toContain('invalid api key'); // the body was shown
      }
    },
  );

  for (const out of [[], ['--json'], ['--verbose'], ['--json', '--verbose']]) {
    it(`every form in one body: check ${out.join(' ') || '(human)'}`, async () => {
      const run = await check('/v1/items', out);
      clean(run);
      if (out.includes('--json')) {
        expect(run.stdout).toContain('you sent'); // the whole body is in the JSON, redacted
        expect(run.json, describeRun(run)).toBeDefined();
      }
    });
  }
});
