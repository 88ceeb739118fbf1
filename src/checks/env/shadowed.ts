import { defineCheck, finding } from '../types.js';
import { fileSource, processSource, sameValue, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/**
 * A shell start-up file exports another value than the .env file; loaders do not override the
 * environment, so the export wins (st-01..st-03).
 */
export const envShadowed = defineCheck<EnvEvidence>('env-shadowed', (e) => {
  const file = fileSource(e);
  if (!file) return [];
  const proc = processSource(e);
  const exports = e.sources.filter((s) => s.kind === 'shell' && !sameValue(s, file));
  const computed = e.declarations.filter((d) => d.kind === 'shell');
  const evidence: string[] = [];
  for (const s of exports) {
    const effect =
      proc && sameValue(proc, s)
        ? `the process environment holds that value, so ${e.loader.label} ignores ${file.file ?? '.env'}`
        : `every new shell exports it, and ${e.loader.label} then ignores ${file.file ?? '.env'}`;
    evidence.push(
      `${where(s)} exports ${s.value.fingerprint} (${s.value.redacted}); ${where(file)} holds ${file.value.fingerprint} (${file.value.redacted}): ${effect}`,
    );
  }
  // An empty value counts as set: the loader leaves it empty (compose `KEY: ${KEY}` with KEY
  // unset, a CI variable left blank, `export KEY=`). A restart does not help, unlike env.stale.
  if (
    proc &&
    proc.value.reveal() === '' &&
    file.value.reveal() !== '' &&
    !exports.some((s) => sameValue(s, proc))
  )
    evidence.push(
      `the process environment holds an empty ${e.name}: it counts as set, so ${e.loader.label} leaves it empty instead of taking ${where(file)} (${file.value.fingerprint})`,
    );
  if (proc && !sameValue(proc, file)) {
    for (const d of computed)
      evidence.push(
        `${where(d)} exports it (computed when the shell starts); the process holds ${proc.value.fingerprint}, not the file's ${file.value.fingerprint}`,
      );
  }
  if (evidence.length === 0) return [];
  return [finding('env.shadowed', 'attributed', evidence, { name: e.name })];
});
