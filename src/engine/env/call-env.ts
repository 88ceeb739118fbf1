import { collectEnv, type CollectedEnv } from '../../collect/env/index.js';
import type { Finding } from '../../findings/types.js';
import { fingerprint } from '../../secret/secret.js';
import { traceCollected } from '../trace-env.js';

/** Findings that say nothing about a value the app did send (it had one: it sent it). */
const NOT_FOR_A_SENT_VALUE = new Set(['env.unset', 'env.not-loaded', 'env.similar-name']);

/** Names traced for one sent value at most; values told apart at most (a cache, not a log). */
const MAX_NAMES = 3;
const MAX_CACHED = 64;

/** The env findings about the value a refused call sent, by the value's (untrimmed) string. */
export type CallEnvFindings = (sent: string) => readonly Finding[];

/**
 * `run` and `capture`: the working directory's sources read once (the environment, the folder's
 * .env files, the shell start-up files; no walk: a few small reads), and for each credential a
 * refused call sent, the variables that hold it traced: a ~/.bashrc export that shadows .env, a
 * process that kept an old value, a CRLF file sourced by the shell. Offline; never throws.
 */
export async function callEnvTracer(dir: string): Promise<CallEnvFindings> {
  let collected: CollectedEnv;
  try {
    collected = await collectEnv({ dir, walk: false });
  } catch {
    return () => [];
  }
  const cache = new Map<string, readonly Finding[]>();
  return (sent) => {
    const key = fingerprint(sent);
    const known = cache.get(key);
    if (known) return known;
    const found = findingsFor(sent, collected);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, found);
    return found;
  };
}

/** The env findings of the variables whose value (or value plus a CR) is `sent`. */
export function findingsFor(sent: string, collected: CollectedEnv): Finding[] {
  if (sent.trim() === '') return [];
  const names: string[] = [];
  for (const d of collected.definitions) {
    if (names.length >= MAX_NAMES) break;
    if (d.value === null || names.includes(d.name)) continue;
    if (d.value === sent || `${d.value}\r` === sent) names.push(d.name);
  }
  const out: Finding[] = [];
  for (const name of names) {
    const report = traceCollected(name, collected);
    for (const f of report.findings) {
      if (!f.id.startsWith('env.') || f.severity === 'info' || NOT_FOR_A_SENT_VALUE.has(f.id))
        continue;
      if (out.some((o) => o.id === f.id)) continue;
      out.push({
        ...f,
        evidence: [
          `the refused call sent the value of ${name} (${fingerprint(sent)})`,
          ...f.evidence,
        ],
      });
    }
  }
  return out;
}
