import { displayPath } from './display-path.js';
import { parseDockerfile } from './dockerfile-parse.js';
import type { Collected } from './dotenv-files.js';
import { readSmallText } from './read-text.js';

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `Containerfile`. */
export function isDockerfileName(name: string): boolean {
  return (
    /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(Dockerfile|Containerfile)$/i.test(name)
  );
}

/** ENV and ARG of each Dockerfile: the value is fixed when the image is built. */
export async function collectDockerfiles(
  paths: readonly string[],
  dir: string,
  home: string,
): Promise<Collected> {
  const out: Collected = { definitions: [], files: [], warnings: [] };
  for (const path of paths) {
    const read = await readSmallText(path);
    if (!read) continue;
    const file = displayPath(path, dir, home);
    if (!read.ok) {
      out.warnings.push(`${file}: skipped, ${read.skipped}`);
      continue;
    }
    const parsed = parseDockerfile(read.text);
    for (const p of parsed.problems) out.warnings.push(`${file}:${p.line}: ${p.message}`);
    // The final stage and the stages it is built FROM, whose ENV it inherits.
    const inImage = new Set<number>();
    for (let st = parsed.stages - 1; st >= 0 && !inImage.has(st); st = parsed.parents[st] ?? -1)
      inImage.add(st);
    for (const v of parsed.vars) {
      const last = v.stage === parsed.stages - 1;
      const final = inImage.has(v.stage);
      const stage =
        v.stage < 0
          ? 'before FROM'
          : `stage ${v.stage + 1} of ${parsed.stages}${last ? ', final' : final ? ', a base of the final stage' : ''}`;
      out.definitions.push({
        kind: 'dockerfile',
        name: v.name,
        value: v.value,
        file,
        line: v.line,
        tool: `Dockerfile ${v.instruction} (${stage})`,
        group: `dockerfile:${file}`,
        priority: v.stage,
        canWin: v.instruction === 'ENV' && final,
        instruction: v.instruction,
        finalStage: final,
        ...(v.note !== undefined ? { note: v.note } : {}),
      });
    }
  }
  return out;
}
