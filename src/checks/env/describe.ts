import type { EnvDeclaration, EnvEvidence, EnvSource } from '../../evidence/env.js';

/** `file:line`, or `the process environment`. */
export function where(s: EnvSource | EnvDeclaration): string {
  if (s.file === null) return 'the process environment';
  return s.line === null ? s.file : `${s.file}:${s.line}`;
}

export function processSource(e: EnvEvidence): EnvSource | undefined {
  return e.sources.find((s) => s.kind === 'process');
}

/**
 * The value the app's .env loader would use if the environment did not have one: the first file
 * in the load order that defines the name, its last definition.
 */
export function fileSource(e: EnvEvidence): EnvSource | undefined {
  const loaded = e.sources.filter((s) => s.kind === 'dotenv' && s.rank !== undefined);
  return loaded.reduce<EnvSource | undefined>(
    (best, s) =>
      best === undefined ||
      (s.rank ?? 99) < (best.rank ?? 99) ||
      (s.rank === best.rank && (s.line ?? 0) > (best.line ?? 0))
        ? s
        : best,
    undefined,
  );
}

export function sameValue(a: EnvSource, b: EnvSource): boolean {
  return a.value.fingerprint === b.value.fingerprint;
}

/** `a, b and c`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
