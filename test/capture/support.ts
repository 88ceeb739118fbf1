/**
 * Helpers for the capture, run and echo tests: the built CLI as a long-running process, small
 * origins on 127.0.0.1, a raw HTTP client, and the no-credential-anywhere check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

export const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');

export const cleanEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: process.env['HOME'] ?? '/tmp',
  LANG: 'C.UTF-8',
  NO_COLOR: '1',
  ...extra,
});

export interface Running {
  /** The address the CLI printed (`listening on …`). */
  readonly origin: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds at least n lines that pass the filter. */
  lines(n: number, filter?: (line: string) => boolean): Promise<string[]>;
  /**
   * One signal (SIGTERM unless told), then the exit code and everything printed. One only: a
   * second signal can land while the CLI exits, when Node has put back the default action.
   */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts a server command (`capture`, `echo`) and waits for its `listening on` line. */
export function startCli(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  child.stdout.setEncoding('utf8').on('data', (c: string) => ((out += c), poke()));
  child.stderr.setEncoding('utf8').on('data', (c: string) => ((err += c), poke()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => (poke(), resolve(code))),
  );
  const until = <T>(test: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value !== undefined) {
          waiters.delete(check);
          resolve(value);
        } else if (child.exitCode !== null) {
          waiters.delete(check);
          reject(new Error(`the CLI ended (${child.exitCode}): ${err.slice(0, 500)}`));
        }
      };
      waiters.add(check);
      check();
    });
  return until(() => /listening on (http:\/\/[\d.:]+)/.exec(err)?.[1]).then((origin) => ({
    origin,
    child,
    stdout: () => out,
    stderr: () => err,
    lines: (n, filter = () => true) =>
      until(() => {
        const got = out.split('\n').filter((l) => l.trim() !== '' && filter(l));
        return got.length >= n ? got : undefined;
      }),
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      const code = await exited;
      return { code, stdout: out, stderr: err };
    },
  }));
}

export interface Origin {
  readonly origin: string;
  readonly port: number;
  readonly server: Server;
  stop(): Promise<void>;
}

export async function startOrigin(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Origin> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    server,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** One request with headers exactly as given (values unchecked by fetch's rules). */
export function send(
  url: string,
  options: { method?: string; headers?: [string, string][]; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A raw header list keeps order, repeats and exact values, but Node then adds no Host.
    const given = options.headers ?? [];
    const host = given.some(([n]) => n.toLowerCase() === 'host')
      ? []
      : [['Host', new URL(url).host]];
    const headers = [...host, ...given].flat();
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** No run of 9 consecutive characters of any credential in the text (spec/cli.md). */
export function expectNoCredential(text: string, secrets: readonly string[], where: string): void {
  const leaks: string[] = [];
  for (const secret of secrets)
    for (let i = 0; i + 9 <= secret.length; i++)
      if (text.includes(secret.slice(i, i + 9))) leaks.push(`${where}: chars ${i}..${i + 8}`);
  expect(leaks.slice(0, 3), `credential in ${where}`).toEqual([]);
}

export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
