import { defineCheck, finding } from '../types.js';
import { where } from './describe.js';
import type { EnvEvidence, EnvSource } from '../../evidence/env.js';

const QUOTES = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»']);

function loaderName(s: EnvSource): string {
  if (s.kind === 'compose')
    return s.via === 'env_file' ? 'compose env_file' : 'the compose list syntax (`- KEY=…`)';
  return s.tool ?? s.kind;
}

/**
 * The loader of a file kept quotes in the value (qt-02: compose list items), and quotes that
 * Compose v2 removes from an env_file but `docker run --env-file` and Compose v1 keep (qt-03).
 */
export const envQuotesKept = defineCheck<EnvEvidence>('env-quotes-kept', (e) => {
  const out = [];
  for (const s of e.sources) {
    if (s.kind === 'process' || s.kind === 'netrc') continue;
    const v = s.value.reveal().trim();
    const data = { name: e.name, file: s.file, line: s.line, tool: loaderName(s) };
    if (v.length > 1 && (QUOTES.has(v[0] ?? '') || QUOTES.has(v.at(-1) ?? ''))) {
      out.push(
        finding(
          'env.quotes-kept',
          'definitive',
          `${where(s)}: ${loaderName(s)} keeps the quotes, so the value starts or ends with a quote character`,
          data,
        ),
      );
    } else if (s.quotedInFile && s.via === 'env_file') {
      out.push({
        ...finding(
          'env.quotes-kept',
          'heuristic',
          `${where(s)}: quoted in an env_file; Compose v2 removes the quotes, but \`docker run --env-file\` and Compose v1 keep them`,
          { ...data, tool: '`docker run --env-file` (and Compose v1)' },
        ),
        severity: 'info' as const,
      });
    }
  }
  return out;
});
