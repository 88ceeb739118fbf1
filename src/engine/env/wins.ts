import type { Definition } from '../../collect/env/index.js';

/**
 * Which definition each consumer sees. Definitions of a group compete (the app: the environment
 * beats every .env file, then the load order; a compose service: `environment` beats `env_file`,
 * a later env_file beats an earlier one; an image: the final stage's last ENV; a pod: a Secret's
 * `stringData` beats `data`); the highest priority wins, the last one on ties. An image's ENV
 * loses to compose when compose sets the variable. Returns one flag per definition, in order.
 */
export function decideWins(defs: readonly Definition[]): boolean[] {
  const composeSets = defs.some((d) => d.kind === 'compose' && d.value !== null);
  const best = new Map<string, number>();
  defs.forEach((d, i) => {
    if (!d.canWin || (d.kind === 'dockerfile' && composeSets)) return;
    const current = best.get(d.group);
    if (current === undefined || d.priority >= (defs[current]?.priority ?? 0)) best.set(d.group, i);
  });
  const winners = new Set(best.values());
  return defs.map((_, i) => winners.has(i));
}
