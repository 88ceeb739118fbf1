import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectAppLoads, fromPackageJson } from './app-loads.js';
import { collectEnv } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'why401-app-loads-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function project(files: Record<string, string>): string {
  const dir = join(root, `p${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

describe('fromPackageJson', () => {
  it.each([
    ['{"dependencies":{"dotenv":"^16"}}', 'package.json depends on dotenv'],
    ['{"devDependencies":{"@dotenvx/dotenvx":"^1"}}', 'depends on @dotenvx/dotenvx'],
    ['{"scripts":{"start":"node --env-file=.env app.js"}}', 'script "start" loads .env'],
    ['{"scripts":{"dev":"node -r dotenv/config app.js"}}', 'script "dev" loads .env'],
    ['{"scripts":{"dev":"dotenvx run -- node app.js"}}', 'script "dev" loads .env'],
    ['{"scripts":{"dev":"env-cmd node app.js"}}', 'script "dev" loads .env'],
  ])('%s → %s', (text, seen) => {
    expect(fromPackageJson(text)).toContain(seen);
  });
  it.each([
    '{"dependencies":{"express":"^4"}}',
    '{"scripts":{"start":"node app.js"}}',
    'not json',
    'null',
    '[]',
  ])('%s → nothing', (text) => {
    expect(fromPackageJson(text)).toBeNull();
  });
});

describe('detectAppLoads', () => {
  it.each([
    [
      'src/index.js',
      "const x = 1;\nimport 'dotenv/config';\n",
      'src/index.js:2 loads .env (dotenv/config)',
    ],
    ['app.cjs', "require('dotenv').config();\n", 'app.cjs:1 loads .env (dotenv.config())'],
    [
      'server.ts',
      "import dotenv from 'dotenv';\ndotenv.config();\n",
      'server.ts:1 loads .env (dotenv.config())',
    ],
    [
      'main.py',
      'import os\nfrom dotenv import load_dotenv\nload_dotenv()\n',
      'main.py:3 loads .env (load_dotenv())',
    ],
    ['index.mjs', 'process.loadEnvFile();\n', 'index.mjs:1 loads .env (process.loadEnvFile())'],
  ])('%s', async (path, text, seen) => {
    expect(await detectAppLoads(project({ [path]: text }))).toBe(seen);
  });
  it('nothing loads .env: null (node_modules is not the app)', async () => {
    const dir = project({
      'index.js': 'console.log(process.env.API_KEY);\n',
      'node_modules/dotenv/config.js': "require('dotenv').config();\n",
    });
    expect(await detectAppLoads(dir)).toBeNull();
  });
});

describe('collectEnv: the loader says how the app loads .env', () => {
  it('read only when a .env file defines something', async () => {
    const dir = project({ '.env': 'API_KEY=abc\n', 'index.js': "import 'dotenv/config';\n" });
    const c = await collectEnv({ dir, home: '', env: {} });
    expect(c.loader.loadedBy).toBe('index.js:1 loads .env (dotenv/config)');
    const none = project({ 'index.js': "import 'dotenv/config';\n" });
    expect((await collectEnv({ dir: none, home: '', env: {} })).loader.loadedBy).toBeUndefined();
  });
  it('walk: false reads no compose file or Dockerfile', async () => {
    const dir = project({ 'compose.yaml': 'services:\n  api:\n    environment:\n      K: v\n' });
    const walked = await collectEnv({ dir, home: '', env: {} });
    const near = await collectEnv({ dir, home: '', env: {}, walk: false });
    expect(walked.definitions.some((d) => d.kind === 'compose')).toBe(true);
    expect(near.definitions.some((d) => d.kind === 'compose')).toBe(false);
  });
});
