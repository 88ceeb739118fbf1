import type { FindingId } from '../ids.js';
import type { FindingSpec } from '../types.js';
import { keyFindings } from './key.js';
import { headerFindings } from './header.js';
import { statusFindings } from './status.js';
import { credentialFindings } from './credential.js';
import { layerFindings } from './layer.js';
import { netFindings } from './net.js';
import { envFindings } from './env.js';
import { tokenFindings } from './token.js';

/** Every id has exactly one entry: a missing one fails the build (`satisfies`). */
export const CATALOG = {
  ...keyFindings,
  ...headerFindings,
  ...statusFindings,
  ...credentialFindings,
  ...layerFindings,
  ...netFindings,
  ...envFindings,
  ...tokenFindings,
} satisfies Record<FindingId, FindingSpec>;

export function specOf(id: FindingId): FindingSpec {
  return CATALOG[id];
}
