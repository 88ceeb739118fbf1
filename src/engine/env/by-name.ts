import type { CollectedEnv, Definition } from '../../collect/env/index.js';

const indexes = new WeakMap<CollectedEnv, Map<string, Definition[]>>();

/**
 * The definitions of one name, in collection order, from an index built once per collection:
 * `env --all` traces every name, and filtering every definition for each of 20k names was
 * quadratic.
 */
export function definitionsNamed(c: CollectedEnv, name: string): readonly Definition[] {
  let index = indexes.get(c);
  if (!index) {
    index = new Map();
    for (const d of c.definitions) {
      const list = index.get(d.name);
      if (list) list.push(d);
      else index.set(d.name, [d]);
    }
    indexes.set(c, index);
  }
  return index.get(name) ?? [];
}
