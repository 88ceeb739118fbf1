/**
 * What run's forward-proxy tests share: a loopback API answering as OpenAI does to a wrong key
 * (every request recorded: the Host the app addressed and the Authorization it sent), the
 * `--map` that sends `https://api.openai.test` to it, and the CLI run with the key in its env.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';
import { CLI, cleanEnv, jsonLines } from './support.js';

export interface OpenAi401 {
  /** `api.openai.test=http://127.0.0.1:PORT`, for `--map`. */
  readonly map: string;
  /** Every request the API got, in order; empty it between tests. */
  readonly seen: { host: string | undefined; auth: string | undefined }[];
  close(): void;
}

export async function startOpenAi401(key: string): Promise<OpenAi401> {
  const seen: OpenAi401['seen'] = [];
  const api = createServer((req, res) => {
    seen.push({ host: req.headers.host, auth: req.headers.authorization });
    res.writeHead(401, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          message: `Incorrect API key provided: sk-proj-****${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      }),
    );
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  return {
    map: `api.openai.test=http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    seen,
    close: () => api.close(),
  };
}

/** The built CLI with `OPENAI_API_KEY` set to `key` (and `env`), run from the repository root. */
export function runCli(key: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: cleanEnv({ OPENAI_API_KEY: key, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** why401's --json lines on stderr: `count` calls to the API, each refused as a wrong key. */
export function expectInvalidKeyCalls(stderr: string, count: number): void {
  const calls = jsonLines(stderr);
  expect(calls).toHaveLength(count);
  for (const call of calls) {
    expect(call).toMatchObject({ status: 401, url: 'https://api.openai.test/v1/models' });
    expect(JSON.stringify(call)).toContain('credential.invalid');
  }
}
