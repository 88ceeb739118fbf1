/**
 * What a run does not need, it does not load (scripts/bundle.mjs): node:crypto (17 internal
 * modules) only when something calls it, a family's wording (dist/cli/wording/<family>.cjs) only
 * when one of its ids is worded. Each run records, at exit, the Node modules loaded and the CLI
 * files read; the positive cases show the record would see them.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from './helpers.js';

const temp = tempDir();
const HOOK = temp.file(
  'record-loads.cjs',
  `const fs = require('node:fs');
const read = fs.readFileSync;
const files = [];
fs.readFileSync = function (path, ...rest) {
  if (typeof path === 'string' && path.endsWith('.cjs')) files.push(path);
  return read.call(this, path, ...rest);
};
process.on('exit', () => {
  fs.writeFileSync(process.env.WHY401_TEST_LOADS, JSON.stringify({ modules: process.moduleLoadList, files }));
});
`,
);

interface Loads {
  readonly crypto: boolean;
  /** The families whose wording was read, in order. */
  readonly wording: string[];
}

let runs = 0;
/** Async: the loopback API of the check case lives in this process. */
function record(argv: readonly string[], env: Record<string, string> = {}): Promise<Loads> {
  const out = temp.file(`loads-${runs++}.json`, '');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', HOOK, ...argv], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', WHY401_TEST_LOADS: out, ...env },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', () => {
      const { modules, files } = JSON.parse(readFileSync(out, 'utf8')) as {
        modules: string[];
        files: string[];
      };
      resolve({
        crypto: modules.includes('NativeModule crypto'),
        wording: files.flatMap((f) => /\/wording\/(\w+)\.cjs$/.exec(f)?.[1] ?? []),
      });
    });
  });
}

const loadsOf = (args: readonly string[], env: Record<string, string> = {}) =>
  record([BIN, ...args], env);

const API_KEY = `sk-proj-${'a1B2c3D4'.repeat(3)}T3BlbkFJ${'p1Q2r3S4'.repeat(3)}`;
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An OpenID ID token (aud: the client, nonce): key words token.id-token. */
const ID_TOKEN = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({
  iss: 'https://accounts.google.com',
  aud: 'my-client',
  nonce: 'n',
  at_hash: 'x',
  sub: 'u',
  exp: 4_000_000_000,
})}.c2ln`;

let api: Server;
let url: string;
beforeAll(async () => {
  api = createServer((req, res) => {
    const ok = req.headers.authorization === `Bearer ${API_KEY}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(ok ? '{"data":[]}' : '{"error":{"message":"Incorrect API key"}}');
  });
  await new Promise<void>((listening) => api.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/models`;
});
afterAll(() => {
  api.close();
  temp.cleanup();
});

describe('lazy loads', () => {
  it('key with an API key: no node:crypto, no wording', async () => {
    expect(await loadsOf(['key', '--key-env', 'K', '--json'], { K: API_KEY })).toEqual({
      crypto: false,
      wording: [],
    });
  });

  it('check, accepted: no node:crypto, no wording', async () => {
    expect(await loadsOf(['check', url, '--key-env', 'K'], { K: API_KEY })).toEqual({
      crypto: false,
      wording: [],
    });
  });

  it('explain 401: no wording (a status code is not a finding)', async () => {
    expect((await loadsOf(['explain', '401'])).wording).toEqual([]);
  });

  it("a finding to word: its family's wording alone", async () => {
    expect((await loadsOf(['key', '--key-env', 'K'], { K: ID_TOKEN })).wording).toEqual(['token']);
    expect((await loadsOf(['key', '--key', `"${API_KEY}"`])).wording).toEqual(['key']);
    expect((await loadsOf(['explain', 'token.wrong-issuer'])).wording).toEqual(['token']);
  });

  it('the record sees node:crypto once something loads it', async () => {
    expect((await record(['-e', "require('node:crypto')"])).crypto).toBe(true);
  });
});
