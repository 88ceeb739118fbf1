/** Runs the built CLI (dist/cli/why401.cjs, built by test/global-setup.ts) in a controlled env. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'dist', 'cli', 'why401.cjs');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Added to a minimal environment (PATH, NO_COLOR=1): nothing else of ours leaks in. */
  readonly env?: Readonly<Record<string, string>>;
  /** Standard input; empty (a closed pipe, not a TTY) by default. */
  readonly input?: string | Buffer;
  /** Another copy of the bin (a copied dist/cli/); the built one by default. */
  readonly bin?: string;
}

export function why401(args: readonly string[], options: RunOptions = {}): Run {
  const result = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The single JSON object a --json run prints on stdout (JSON.parse fails on anything else). */
export function json<T = Record<string, unknown>>(run: Run): T {
  const value: unknown = JSON.parse(run.stdout);
  if (value === null || typeof value !== 'object') throw new Error('not a JSON object or array');
  return value as T;
}

export interface KeyJson {
  schema: string;
  credential: { source: string; redacted: string; length: number; fingerprint: string } | null;
  provider: string | null;
  kind: string | null;
  kinds: string[];
  candidates: string[];
  findings: { id: string; severity: string; title: string; evidence: string; fix: string }[];
}

export const sha8 = (bytes: Buffer | string) =>
  `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}`;

/** A temporary directory, removed by the returned cleanup. */
export function tempDir(): {
  dir: string;
  file: (name: string, data: string | Buffer) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'why401-test-'));
  return {
    dir,
    file: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Every run of 9 consecutive characters of `secret` found in `text`. */
export function runsOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 9 <= secret.length; i++) {
    const run = secret.slice(i, i + 9);
    if (text.includes(run)) found.push(run);
  }
  return found;
}

/** A stack trace line, as Node prints them. */
export const STACK = /^\s+at .+\(?.+:\d+:\d+\)?$/m;
