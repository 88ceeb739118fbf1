// The last step of `npm run build`: runs the built CLI through typical commands with
// WHY401_CODE_CACHE=write, so each bundle it loads gets its V8 code cache (<bundle>.v8c) holding
// everything those runs compiled. The bin (src/cli/bin.ts) hands that cache to V8 at each start.
// Runs are in sequence and each one starts from the cache the one before wrote, so a bundle's
// cache ends up with what all of its runs compiled. Everything runs on 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackApi } from './loopback-api.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');

function removeCaches(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeCaches(path);
    else if (entry.name.endsWith('.v8c')) rmSync(path);
  }
}
removeCaches(join(ROOT, 'dist', 'cli'));

const key = `sk-proj-${randomBytes(24).toString('base64url')}`;
const api = await startLoopbackApi(key);
const url = api.url;

const project = mkdtempSync(join(tmpdir(), 'why401-code-cache-'));
writeFileSync(join(project, '.env'), `OPENAI_API_KEY=${key} \nOTHER=x\n`);
writeFileSync(join(project, '.env.local'), `OPENAI_API_KEY="${key}"\n`);
writeFileSync(
  join(project, 'compose.yaml'),
  `services:\n  app:\n    env_file: .env\n    environment:\n      OPENAI_API_KEY: ${key}\n`,
);
mkdirSync(join(project, 'api'));
writeFileSync(join(project, 'api', 'Dockerfile'), `FROM node:20\nENV OPENAI_API_KEY=${key}\n`);

const runs = [
  ['--help'],
  ['check', url, '--key-env', 'K'],
  // An unset variable: check traces the working directory (its refused path, cached too).
  ['check', url, '--key-env', 'WHY401_CODE_CACHE_UNSET'],
  ['check', url, '--key', `${key}x`],
  ['check', url, '--key', `${key}x`, '--json'],
  ['curl', '-H', `Authorization: Bearer ${key}`, url],
  ['curl', '--json', '--', 'curl', '-H', `x-api-key: ${key}`, url],
  ['key', '--key-env', 'K', '--json'],
  ['key', '--key-env', 'K'],
  ['env', 'OPENAI_API_KEY', '--dir', project],
  ['env', 'OPENAI_API_KEY', '--dir', project, '--json'],
  ['explain', '401'],
  ['explain', 'credential.invalid'],
  // every dist/cli/wording/<family>.cjs, each loaded only when one of its ids is worded
  ['explain', '--list'],
  ['providers'],
  ['providers', 'openai'],
  // The loopback API answers the token request 401: the refused path, probes included.
  ['token', '--token-url', url, '--client-id', 'app', '--client-secret-env', 'K'],
  ['token', '--token-url', url, '--client-id', 'app', '--client-secret-env', 'K', '--json'],
  ...['demo', 'capture', 'run', 'echo', 'token'].map((command) => [command, '--help']),
];

function run(args) {
  const env = { ...process.env, K: key, NO_COLOR: '1', WHY401_CODE_CACHE: 'write' };
  delete env.NODE_OPTIONS;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== null || code === 2 || code === 4)
        fail(new Error(`code-cache: why401 ${args[0]} ended with ${signal ?? code}`));
      else done();
    });
  });
}

try {
  for (const args of runs) await run(args);
} finally {
  api.close();
  rmSync(project, { recursive: true, force: true });
}
