import { displayPath } from './display-path.js';
import type { Collected } from './dotenv-files.js';
import { mentionsSecretOrConfigMap, parseK8s } from './k8s-parse.js';
import { readSmallText } from './read-text.js';

/** Secret and ConfigMap keys: what pods get through `envFrom` / `secretKeyRef`. */
export async function collectK8sManifests(
  paths: readonly string[],
  dir: string,
  home: string,
): Promise<Collected> {
  const out: Collected = { definitions: [], files: [], warnings: [] };
  for (const path of paths) {
    const read = await readSmallText(path);
    if (!read?.ok || !mentionsSecretOrConfigMap(read.text)) continue;
    const file = displayPath(path, dir, home);
    const parsed = parseK8s(read.text);
    for (const p of parsed.problems) out.warnings.push(`${file}:${p.line}: ${p.message}`);
    for (const e of parsed.entries) {
      out.definitions.push({
        kind: 'k8s',
        name: e.name,
        value: e.value,
        file,
        line: e.line,
        tool: `${e.object} ${e.field}`,
        group: `k8s:${file}#${e.object}`,
        priority: e.field === 'stringData' ? 2 : 1,
        canWin: true,
      });
    }
  }
  return out;
}
