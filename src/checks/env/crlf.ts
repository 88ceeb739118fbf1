import { defineCheck, finding } from '../types.js';
import { processSource } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/**
 * A file that defines the variable has CRLF line endings. When the process holds that file's
 * value plus a CR, the shell loaded it (`set -a; . ./.env`): the app gets the CR, an error.
 */
export const envCrlf = defineCheck<EnvEvidence>('env-crlf', (e) => {
  const defining = new Set(
    [...e.sources, ...e.declarations].flatMap((s) => (s.file === null ? [] : [s.file])),
  );
  const proc = processSource(e)?.value.reveal();
  return e.files
    .filter((f) => f.crlf && defining.has(f.file))
    .map((f) => {
      const sourced =
        proc !== undefined &&
        proc.endsWith('\r') &&
        e.sources.some(
          (s) => s.file === f.file && s.kind !== 'process' && `${s.value.reveal()}\r` === proc,
        );
      const raw = finding(
        'env.crlf',
        'definitive',
        [
          f.kind === 'shell'
            ? `${f.file} has CRLF line endings: the shell keeps the CR at the end of the value it exports`
            : `${f.file} has CRLF line endings: dotenv and compose strip the CR, but \`source ${f.file}\`, \`set -a; . ./${f.file}\`, \`export $(cat ${f.file} | xargs)\` and hand-written parsers keep it at the end of the value`,
          ...(sourced
            ? [
                `the process environment holds ${f.file}'s value of ${e.name} plus a CR (\\r) at its end: the shell loaded the file and kept the CR, which is sent with the key`,
              ]
            : []),
        ],
        { file: f.file },
      );
      return sourced ? { ...raw, severity: 'error' as const } : raw;
    });
});
