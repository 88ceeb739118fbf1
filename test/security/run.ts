/**
 * Runs the built CLI for the security suites: a clean environment, a heap capped at 150 MB (an
 * unbounded buffer of a hostile answer crashes it, and the test sees the crash), a hard kill far
 * beyond any --timeout used (a hang fails the test, nothing is timed in an assertion).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');
const KILL_AFTER_MS = 25_000;
export const HEAP_MB = 150;

export interface Run {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: DiagnosisJson | undefined;
}

/** What `--json` prints: the one Diagnosis of src/diagnosis.ts, serialized. */
export type { Diagnosis as DiagnosisJson, Exchange as ExchangeJson } from '../../src/diagnosis.js';
import type { Diagnosis as DiagnosisJson } from '../../src/diagnosis.js';

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly input?: string;
}

/** `node --max-old-space-size=150 dist/cli/why401.cjs <args>`. */
export function why401(args: readonly string[], opts: RunOptions = {}): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      let json: Run['json'];
      try {
        json = JSON.parse(stdout) as Run['json'];
      } catch {
        json = undefined;
      }
      resolve({ args, code, signal, killed, stdout, stderr, json });
    });
  });
}

/** `check <url> --json --timeout 2000` with the key in $API_KEY. */
export function checkUrl(url: string, key: string, extra: readonly string[] = []): Promise<Run> {
  return why401(['check', url, '--key-env', 'API_KEY', '--json', '--timeout', '2000', ...extra], {
    env: { API_KEY: key },
  });
}

export function describeRun(run: Run): string {
  const head = `why401 ${run.args.join(' ')} → exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${run.killed ? ' (killed)' : ''}`;
  if (!run.json?.verdict)
    return `${head}\nstdout: ${run.stdout.slice(0, 300)}\nstderr: ${run.stderr.slice(0, 600)}`;
  const { verdict, findings = [], exchanges = [] } = run.json;
  return [
    head,
    `${verdict.status} / ${verdict.cause ?? 'null'}: ${verdict.summary}`,
    `findings: ${findings.map((f) => f.id).join(', ') || 'none'}`,
    `exchanges: ${exchanges.map((e) => `${e.label}=${e.response?.status ?? e.error ?? '?'}`).join(', ')}`,
  ].join('\n');
}

/** Every run of 9 consecutive characters of `secret` in `text`. */
export function runsOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 9 <= secret.length; i++) {
    const run = secret.slice(i, i + 9);
    if (text.includes(run)) found.push(run);
  }
  return found;
}

/** It finished on its own, printed one diagnosis, did not crash, leaked nothing. */
export function expectSane(run: Run, secrets: readonly string[]): void {
  expect(run.killed, `hung\n${describeRun(run)}`).toBe(false);
  expect(run.signal, `crashed\n${describeRun(run)}`).toBeNull();
  expect(run.stderr, `no stack trace, no heap exhaustion\n${describeRun(run)}`).not.toMatch(
    /heap out of memory|FATAL ERROR|internal error|\n\s+at /,
  );
  expect(run.json?.schema, describeRun(run)).toBe('why401/diagnosis@1');
  const out = `${run.stdout}\n${run.stderr}`;
  for (const s of secrets) expect(runsOf(s, out), `leak\n${describeRun(run)}`).toEqual([]);
}
