import type { FindingFamily, FindingId } from '../ids.js';
import type { FindingSpec } from '../types.js';
import type { FamilyCatalog } from './family.js';
import { keyFindings } from './key.js';
import { headerFindings } from './header.js';
import { statusFindings } from './status.js';
import { credentialFindings } from './credential.js';
import { layerFindings } from './layer.js';
import { netFindings } from './net.js';
import { envFindings } from './env.js';
import { tokenFindings } from './token.js';

/**
 * Every id has exactly one entry: each family's catalog is exhaustive for its ids
 * (`FamilyCatalog`), and this table for the families (a family missing here does not compile).
 * A family is read only when one of its ids is worded, never gathered into one object at load: the
 * CLI bundles load each family's wording on demand (scripts/bundle.mjs), since a run words one or
 * two families, most often none.
 */
const FAMILIES: { readonly [F in FindingFamily]: () => FamilyCatalog<F> } = {
  key: () => keyFindings,
  header: () => headerFindings,
  status: () => statusFindings,
  credential: () => credentialFindings,
  layer: () => layerFindings,
  net: () => netFindings,
  env: () => envFindings,
  token: () => tokenFindings,
};

export function specOf(id: FindingId): FindingSpec {
  const family = id.slice(0, id.indexOf('.')) as FindingFamily;
  // (`id` is of `family`: its catalog has it)
  return (FAMILIES[family]() as Readonly<Record<FindingId, FindingSpec>>)[id];
}
