import type { CollectedEnv, Definition, NetrcEntry } from '../../collect/env/index.js';
import type { BaseUrlSetting, EnvSource, SimilarName } from '../../checks/env/evidence.js';
import { providersForHost } from '../../providers/detect.js';
import { Secret, fingerprint } from '../../secret/secret.js';
import { baseUrlNames, mainHost, similarity, type NameProvider } from './names.js';
import { decideWins } from './wins.js';

const placeOf = (d: Definition) =>
  d.file === null ? 'the process environment' : `${d.file}:${d.line ?? ''}`;

/** Set variables (environment, .env files, shell start-up files) whose name is close to `name`. */
export function similarNames(name: string, c: CollectedEnv): SimilarName[] {
  const order = { process: 0, dotenv: 1, shell: 2 } as Record<string, number>;
  const byName = new Map<string, Definition>();
  for (const d of c.definitions) {
    if (d.value === null || order[d.kind] === undefined || d.name === name) continue;
    const seen = byName.get(d.name);
    if (!seen || (order[d.kind] ?? 9) < (order[seen.kind] ?? 9)) byName.set(d.name, d);
  }
  const out: SimilarName[] = [];
  for (const [other, d] of byName) {
    const reason = similarity(name, other);
    if (reason === null || d.value === null) continue;
    out.push({
      name: other,
      reason,
      where: placeOf(d),
      fingerprint: fingerprint(d.value),
    });
  }
  return out.slice(0, 5);
}

/** Base-URL variables of the name's provider that point at a host of another provider. */
export function baseUrlSettings(np: NameProvider, c: CollectedEnv): BaseUrlSetting[] {
  const out: BaseUrlSetting[] = [];
  for (const { name, readers } of baseUrlNames(np)) {
    const defs = c.definitions.filter((d) => d.name === name && d.group === 'app');
    const wins = decideWins(defs);
    const winner = defs.find((_, i) => wins[i]);
    if (!winner || winner.value === null || winner.value.trim() === '') continue;
    let host: string | null = null;
    try {
      host = new URL(winner.value.trim()).hostname.toLowerCase();
    } catch {
      host = null;
    }
    if (host !== null && providersForHost(host).some((p) => p.id === np.provider.id)) continue;
    out.push({
      name,
      host,
      where: placeOf(winner),
      readers,
      expected: mainHost(np.provider) ?? np.provider.name,
    });
  }
  return out;
}

/** The .netrc entry clients use for `host`: its `machine`, else `default`. */
export function netrcSources(entries: readonly NetrcEntry[], host: string | null): EnvSource[] {
  if (host === null) return [];
  const h = host.toLowerCase();
  const exact = entries.filter((e) => e.machine?.toLowerCase() === h);
  const chosen = exact.length > 0 ? exact.slice(0, 1) : entries.filter((e) => e.machine === null);
  return chosen.flatMap((e) =>
    e.password === null
      ? []
      : [
          {
            kind: 'netrc' as const,
            file: e.file,
            line: e.line,
            value: new Secret(e.password, `netrc:${e.file}`),
            wins: true,
            tool: 'requests, httpx, curl -n',
            group: 'netrc',
            note: e.machine === null ? 'the default entry' : `the entry for machine ${e.machine}`,
          },
        ],
  );
}
