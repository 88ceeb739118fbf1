import { displayPath } from './display-path.js';
import type { Collected } from './dotenv-files.js';
import { readSmallText } from './read-text.js';

/** Cheap test before parsing: does the text declare a Secret or a ConfigMap? */
export function mentionsSecretOrConfigMap(text: string): boolean {
  return /^\s*kind:\s*["']?(Secret|ConfigMap)["']?\s*$/m.test(text);
}

/**
 * Secret and ConfigMap keys: what pods get through `envFrom` / `secretKeyRef`. The YAML parser
 * is loaded only for a file that declares one.
 */
export async function collectK8sManifests(
  paths: readonly string[],
  dir: string,
  home: string,
): Promise<Collected> {
  const out: Collected = { definitions: [], files: [], warnings: [] };
  let k8s: typeof import('./k8s-parse.js') | undefined;
  for (const path of paths) {
    const read = await readSmallText(path);
    if (!read?.ok || !mentionsSecretOrConfigMap(read.text)) continue;
    const file = displayPath(path, dir, home);
    k8s ??= await import('./k8s-parse.js');
    const parsed = k8s.parseK8s(read.text);
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
