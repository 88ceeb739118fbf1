import { defineCheck, finding } from '../types.js';
import { fileSource, processSource, sameValue, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** What compose gives a container differs from the project's .env value. */
export const envComposeMismatch = defineCheck<EnvEvidence>('env-compose-mismatch', (e) => {
  const file = fileSource(e) ?? e.sources.find((s) => s.kind === 'dotenv');
  if (!file) return [];
  const proc = processSource(e);
  const out = [];
  for (const c of e.sources) {
    if (c.kind !== 'compose' || !c.wins || sameValue(c, file)) continue;
    const fromShell =
      proc && sameValue(proc, c) && c.via === 'environment'
        ? ': compose took it from the shell, which beats .env for ${…} and pass-through'
        : '';
    out.push(
      finding(
        'env.compose-mismatch',
        'definitive',
        `${where(c)} (${c.tool ?? 'compose'}) gives ${c.value.fingerprint} (${c.value.redacted}); ${where(file)} holds ${file.value.fingerprint} (${file.value.redacted})${fromShell}`,
        { name: e.name, file: c.file, line: c.line },
      ),
    );
  }
  return out;
});
