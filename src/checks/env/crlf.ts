import { defineCheck, finding } from '../types.js';
import type { EnvEvidence } from './evidence.js';

/** A file that defines the variable has CRLF line endings. */
export const envCrlf = defineCheck<EnvEvidence>('env-crlf', (e) => {
  const defining = new Set(
    [...e.sources, ...e.declarations].flatMap((s) => (s.file === null ? [] : [s.file])),
  );
  return e.files
    .filter((f) => f.crlf && defining.has(f.file))
    .map((f) =>
      finding(
        'env.crlf',
        'definitive',
        f.kind === 'shell'
          ? `${f.file} has CRLF line endings: the shell keeps the CR at the end of the value it exports`
          : `${f.file} has CRLF line endings: dotenv and compose strip the CR, but \`source ${f.file}\`, \`export $(cat ${f.file} | xargs)\` and hand-written parsers keep it at the end of the value`,
        { file: f.file },
      ),
    );
});
