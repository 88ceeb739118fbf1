import { defineCheck, finding } from '../types.js';
import { list } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** Kinds whose files are read top to bottom, the last definition winning. */
const LAST_WINS = new Set(['dotenv', 'shell', 'compose']);

/** Lines named in the evidence before the rest are counted. */
const MAX_LISTED = 5;

/** The same name twice in one file (and one loader group): only the last line counts. */
export const envDuplicate = defineCheck<EnvEvidence>('env-duplicate', (e) => {
  const byFile = new Map<string, { line: number; fingerprint: string; tool: string }[]>();
  const add = (
    file: string | null,
    group: string,
    line: number | null,
    fp: string,
    tool: string,
  ) => {
    if (file === null || line === null) return;
    const key = `${file}\u0000${group}`;
    const defs = byFile.get(key);
    if (defs) defs.push({ line, fingerprint: fp, tool });
    else byFile.set(key, [{ line, fingerprint: fp, tool }]);
  };
  for (const s of e.sources)
    if (LAST_WINS.has(s.kind)) add(s.file, s.group, s.line, s.value.fingerprint, s.tool ?? s.kind);
  for (const d of e.declarations)
    if (LAST_WINS.has(d.kind)) add(d.file, d.group, d.line, 'value unknown', d.tool);
  const out = [];
  for (const [key, defs] of byFile) {
    if (defs.length < 2) continue;
    const file = key.split('\u0000')[0] ?? '';
    const sorted = [...defs].sort((a, b) => a.line - b.line);
    const last = sorted.at(-1);
    const lines = sorted.map((d) => `${d.line} (${d.fingerprint})`);
    // A generated or pasted-over file can repeat a name thousands of times: say how many.
    const shown =
      lines.length > MAX_LISTED
        ? [
            ...lines.slice(0, MAX_LISTED - 1),
            `${lines.length - MAX_LISTED} more`,
            lines.at(-1) ?? '',
          ]
        : lines;
    out.push(
      finding(
        'env.duplicate',
        'definitive',
        `${file} defines it on lines ${list(shown)}: ${last?.tool ?? 'the loader'} uses line ${last?.line ?? '?'}`,
        { name: e.name, file, line: last?.line ?? null },
      ),
    );
  }
  return out;
});
