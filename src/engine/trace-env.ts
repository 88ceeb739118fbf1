import {
  collectEnv,
  type CollectOptions,
  type CollectedEnv,
  type Definition,
} from '../collect/env/index.js';
import { hasSecretName, looksSecret } from '../secret/harmless.js';
import type { EnvSource } from '../evidence/env.js';
import { ENV_CHECKS } from '../checks/env/index.js';
import { runChecks } from '../checks/types.js';
import { specOf } from '../findings/catalog/index.js';
import { dedupeFindings, rankFindings, renderFinding } from '../findings/render.js';
import type { Finding, RawFinding, Severity } from '../findings/types.js';
import { buildEnvEvidence, tracedNote } from './env/build-evidence.js';
import { definitionsNamed } from './env/by-name.js';
import { expansionNotes } from './env/expand.js';
import { keyFindingsOf } from './env/key-findings.js';
import { looksLikeCredentialName, mayHoldCredential } from './env/names.js';
import { similarNamesNote } from './env/related.js';

export interface TraceEnvOptions extends CollectOptions {
  /** The host the credential is sent to (from `check`): for .netrc entries. */
  readonly host?: string | undefined;
}

/** How the folder was read: which loader and mode decide between .env files. */
export interface EnvContext {
  readonly dir: string;
  readonly loader: string;
  readonly mode: string;
  /** The .env files the loader reads, the one that wins first. */
  readonly files: readonly string[];
  /** Whether the loader is plain dotenv, which the app must call itself. */
  readonly plainDotenv: boolean;
  readonly framework: string | null;
}

export interface EnvReport {
  readonly name: string;
  readonly sources: readonly EnvSource[];
  /** env.* and key.* findings, most likely cause first. */
  readonly findings: readonly Finding[];
  /** The host .netrc was checked for, if any. */
  readonly host: string | null;
  readonly context: EnvContext;
  /** Files skipped and lines not understood (`file:line: why`), never a value. */
  readonly warnings: readonly string[];
}

export interface EnvScanReport {
  /** Every credential-looking variable, mismatches and problems first. */
  readonly variables: readonly EnvReport[];
  readonly context: EnvContext;
  readonly warnings: readonly string[];
}

/** Where a variable's value comes from, which source wins for whom, and what is wrong with it. */
export async function traceEnv(name: string, options: TraceEnvOptions = {}): Promise<EnvReport> {
  return traceCollected(name, await collectEnv(options), options.host);
}

/**
 * Names `env --all` traces at most: a report for each of 20k names (a hostile or generated file)
 * holds every source of each, and the output alone outgrows a small heap. Far above any project's.
 */
export const MAX_SCAN_NAMES = 1000;

/** `env --all`: every credential-looking name found in any source (the first MAX_SCAN_NAMES). */
export async function scanAllEnv(options: TraceEnvOptions = {}): Promise<EnvScanReport> {
  const collected = await collectEnv(options);
  const names = [...new Set(collected.definitions.filter(credentialLooking).map((d) => d.name))];
  const notes = new Set<string>();
  const traced = names.length > MAX_SCAN_NAMES ? names.slice(0, MAX_SCAN_NAMES) : names;
  if (traced.length < names.length)
    notes.add(
      `env --all: ${names.length} credential-looking names; traced the first ${traced.length} found (the environment, .env files, shell start-up files, Dockerfiles, compose files, manifests, in that order): name one to trace it, why401 env NAME`,
    );
  const variables = traced
    .map((n) => {
      const one = trace(n, collected, options.host);
      for (const w of one.notes) notes.add(w);
      return one.report;
    })
    .map((report) => ({ report, order: orderOf(report) }))
    .sort((a, b) => a.order - b.order || (a.report.name < b.report.name ? -1 : 1))
    .map((x) => x.report);
  const warnings = [...new Set([...collected.warnings, ...notes])];
  return { variables, context: contextOf(collected), warnings };
}

const PATH_LIST = /^[~.]?\/[^\s:]*(:[~.]?\/[^\s:]*)*$/;

/** A setting, not a secret: empty, a number, a switch, a path. */
const PLAIN_SETTING = /^(|\d{1,10}|true|false|yes|no|on|off|[~.]?\/[^\s:]*)$/i;

/**
 * `env --all`'s credential-looking variables: a credential's name (`*_KEY`, `*_TOKEN`, …), a name
 * that says secret anywhere (…PASS…, …PWD, …SECRET…, …AUTH…, …SESSION…, …COOKIE…, …CRED…) with a
 * value that is not a plain setting (zsh's `KEYTIMEOUT=1` is none), or a value shaped like a key
 * whatever the name.
 */
export function credentialLooking(d: Definition): boolean {
  if (looksLikeCredentialName(d.name)) return true;
  if (d.value === null || !/^[A-Za-z_][A-Za-z0-9_]{0,100}$/.test(d.name)) return false;
  const value = d.value.trim();
  // A path or a list of them (PATH, HOME) is no key, whatever random folder names it holds
  // (`/tmp/tmp.x7Gq2LmP9a/node_modules/.bin`).
  return (
    (hasSecretName(d.name) && !PLAIN_SETTING.test(value)) ||
    (!PATH_LIST.test(value) && looksSecret(value))
  );
}

export function traceCollected(name: string, collected: CollectedEnv, host?: string): EnvReport {
  return trace(name, collected, host).report;
}

/** One name's report, and its own notes (its warnings beyond the collection's). */
function trace(
  name: string,
  collected: CollectedEnv,
  host?: string,
): { report: EnvReport; notes: readonly string[] } {
  const evidence = buildEnvEvidence(name, collected, host);
  // key.* checks only where a credential may live: `NODE_ENV=test` is no placeholder key.
  const keyFindings = mayHoldCredential(name) ? keyFindingsOf(evidence.sources) : [];
  const raw = [...runChecks(ENV_CHECKS, evidence), ...keyFindings];
  const spelling = evidence.sources.some((s) => s.kind === 'process' || s.kind === 'dotenv')
    ? null
    : similarNamesNote(collected);
  const cut = tracedNote(name, collected);
  const notes = [
    ...(cut === null ? [] : [cut]),
    ...expansionNotes(definitionsNamed(collected, name), collected),
    ...(spelling === null ? [] : [spelling]),
  ];
  return {
    report: {
      name,
      sources: evidence.sources,
      findings: mergeFindings(raw),
      host: evidence.host,
      context: contextOf(collected),
      // The collection's own array when there is nothing to add: `env --all` makes one report
      // per name, and a copy of every warning in each was quadratic.
      warnings: notes.length === 0 ? collected.warnings : [...collected.warnings, ...notes],
    },
    notes,
  };
}

function contextOf(c: CollectedEnv): EnvContext {
  return {
    dir: c.dir,
    loader: c.loader.label,
    mode: c.loader.mode,
    files: c.loader.files,
    plainDotenv: c.loader.id === 'dotenv',
    framework: c.framework?.label ?? null,
  };
}

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One finding per id, with every source's evidence and the most severe severity. */
function mergeFindings(raw: readonly RawFinding[]): Finding[] {
  const severityOf = (f: RawFinding): Severity => f.severity ?? specOf(f.id).severity;
  const ordered = [...raw].sort((a, b) => SEVERITY[severityOf(a)] - SEVERITY[severityOf(b)]);
  const worst = new Map<string, Severity>();
  for (const f of ordered) if (!worst.has(f.id)) worst.set(f.id, severityOf(f));
  return rankFindings(
    dedupeFindings(ordered).map((f) =>
      renderFinding({ ...f, severity: worst.get(f.id) ?? severityOf(f) }),
    ),
  );
}

/** Errors first, then warnings, then variables whose sources disagree, then the rest. */
function orderOf(r: EnvReport): number {
  if (r.findings.some((f) => f.severity === 'error')) return 0;
  if (r.findings.some((f) => f.severity === 'warning')) return 1;
  return new Set(r.sources.map((s) => s.value.fingerprint)).size > 1 ? 2 : 3;
}
