/**
 * Runs the built CLI (`node dist/cli/why401.cjs check … --json`) the way a user's shell would, with a
 * controlled environment: NO_COLOR=1, no proxy variables unless a scenario sets them, the key in
 * an environment variable (--key-env) or in -H headers exactly as an app sends them.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'cli', 'why401.cjs');
/** A hard stop for a run that would hang: far beyond any --timeout used here. */
const KILL_AFTER_MS = 25_000;

/** What `--json` prints: the one Diagnosis of src/diagnosis.ts, serialized. */
export type {
  Diagnosis as DiagnosisJson,
  DiagnosisFinding as FindingJson,
  Exchange as ExchangeJson,
} from '../../src/diagnosis.js';
import type { Diagnosis as DiagnosisJson } from '../../src/diagnosis.js';

export interface CliRun {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: DiagnosisJson | undefined;
  /** Credentials that must not show up in the output (9-char runs). */
  readonly secrets: readonly string[];
}

export interface RunOptions {
  /** Extra environment (the key variable, HTTP_PROXY, …); nothing else is inherited. */
  readonly env?: Readonly<Record<string, string>>;
  /** Every credential of the scenario: none may appear in stdout or stderr. */
  readonly secrets?: readonly string[];
  /** The command (default `check`); `curl` takes a curl command line as its arguments; `token` its options. */
  readonly command?: 'check' | 'curl' | 'token';
  /** The working directory (default the repository): the folder `check --key-env` traces. */
  readonly cwd?: string;
}

/** `why401 check <args> --json` (or `curl`) with a clean environment. */
export function check(args: readonly string[], opts: RunOptions = {}): Promise<CliRun> {
  const all = [opts.command ?? 'check', ...args, '--json'];
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...all], {
      cwd: opts.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      let json: DiagnosisJson | undefined;
      try {
        json = JSON.parse(stdout) as DiagnosisJson;
      } catch {
        json = undefined;
      }
      resolve({ args: all, code, killed, stdout, stderr, json, secrets: opts.secrets ?? [] });
    });
  });
}

/** What came back, compactly: the text a failure shows (and the report quotes). */
export function describeRun(run: CliRun): string {
  if (!run.json)
    return `exit ${run.code}${run.killed ? ' (killed)' : ''}, no JSON; stderr: ${run.stderr.slice(0, 400)}; stdout: ${run.stdout.slice(0, 200)}`;
  const { verdict, findings, exchanges } = run.json;
  return [
    `exit ${run.code}: ${verdict.status} / ${verdict.cause ?? 'null'} — ${verdict.summary}`,
    `findings: ${findings.map((f) => `${f.id}(${f.severity})`).join(', ') || 'none'}`,
    `exchanges: ${exchanges.map((e) => `${e.label}=${e.response?.status ?? e.error ?? '?'}`).join(', ')}`,
  ].join('\n');
}

export const ids = (run: CliRun): string[] => run.json?.findings.map((f) => f.id) ?? [];

/** No run of 9 consecutive characters of any credential in stdout or stderr (spec/cli.md). */
export function expectNoLeak(run: CliRun): void {
  const leaks: string[] = [];
  run.secrets.forEach((secret, n) => {
    for (let i = 0; i + 9 <= secret.length; i++) {
      const window = secret.slice(i, i + 9);
      if (run.stdout.includes(window)) leaks.push(`secret #${n} chars ${i}..${i + 8} in stdout`);
      if (run.stderr.includes(window)) leaks.push(`secret #${n} chars ${i}..${i + 8} in stderr`);
    }
  });
  expect.soft(leaks.slice(0, 5), `credential leak\n${describeRun(run)}`).toEqual([]);
}

export interface Expected {
  readonly exit: number;
  readonly status: 'accepted' | 'rejected' | 'unreachable' | 'inconclusive';
  readonly cause: string | null;
  /** Finding ids that must be present (the cause is checked apart). */
  readonly findings?: readonly string[];
}

/**
 * The contract a scenario checks: exit code, verdict status and cause, the finding ids, and no
 * credential in the output. One comparison, so a failure shows everything that differs.
 */
export function expectDiagnosis(run: CliRun, want: Expected): void {
  expect(run.killed, `the CLI hung\n${describeRun(run)}`).toBe(false);
  expect(run.json?.schema, `no why401/diagnosis@1 JSON\n${describeRun(run)}`).toBe(
    'why401/diagnosis@1',
  );
  expectNoLeak(run);
  const present = ids(run);
  const findings = want.findings ?? [];
  expect(
    {
      exit: run.code,
      status: run.json?.verdict.status,
      cause: run.json?.verdict.cause,
      findings: findings.filter((id) => present.includes(id)),
    },
    describeRun(run),
  ).toEqual({ exit: want.exit, status: want.status, cause: want.cause, findings });
}

/** A healthy negative control: accepted, exit 0, and not one error-severity finding. */
export function expectAccepted(run: CliRun): void {
  expectDiagnosis(run, { exit: 0, status: 'accepted', cause: null });
  const errors = run.json?.findings.filter((f) => f.severity === 'error').map((f) => f.id) ?? [];
  expect(errors, `error findings on an accepted request\n${describeRun(run)}`).toEqual([]);
}
