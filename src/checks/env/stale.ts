import { defineCheck, finding } from '../types.js';
import { fileSource, processSource, sameValue, where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/**
 * The process holds another value than the .env file now does, and no shell start-up file
 * explains it: the process started before the file changed (st-04..st-06).
 */
export const envStale = defineCheck<EnvEvidence>('env-stale', (e) => {
  const proc = processSource(e);
  const file = fileSource(e);
  if (!proc || !file || sameValue(proc, file)) return [];
  if (proc.value.reveal() === '') return []; // set but empty: env.shadowed explains it
  // The file's value plus a CR: a CRLF file loaded by the shell (`set -a; . ./.env`), env.crlf.
  if (proc.value.reveal() === `${file.value.reveal()}\r`) return [];
  const shells = e.sources.filter((s) => s.kind === 'shell');
  if (shells.some((s) => sameValue(s, proc))) return []; // env.shadowed explains it
  if (e.declarations.some((d) => d.kind === 'shell')) return [];
  const evidence = [
    `the process environment holds ${proc.value.fingerprint} (${proc.value.redacted}); ${where(file)} now holds ${file.value.fingerprint} (${file.value.redacted})`,
    ...shells
      .filter((s) => sameValue(s, file))
      .map((s) => `${where(s)} exports the file's value: this shell started before it changed`),
  ];
  return [
    finding('env.stale', 'attributed', evidence, {
      name: e.name,
      file: file.file,
      line: file.line,
    }),
  ];
});
