import type { Definition } from '../../evidence/env-definitions.js';

/** The environment this process inherited: what an app started from the same shell gets. */
export function collectProcessEnv(env: Readonly<Record<string, string | undefined>>): Definition[] {
  const out: Definition[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    out.push({
      kind: 'process',
      name,
      value,
      file: null,
      line: null,
      tool: 'apps started here',
      group: 'app',
      priority: 1000,
      canWin: true,
    });
  }
  return out;
}
