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

type TokenId = Extract<FindingId, `token.${string}`>;

/**
 * Every id has exactly one entry: a missing one fails the build (`satisfies` here, `FamilyCatalog`
 * for the token family). The token family is read only when a token.* id is worded, never spread
 * into this object: the CLI bundles load its wording on demand (scripts/bundle.mjs), since most
 * runs word no token finding.
 */
const CATALOG = {
  ...keyFindings,
  ...headerFindings,
  ...statusFindings,
  ...credentialFindings,
  ...layerFindings,
  ...netFindings,
  ...envFindings,
} satisfies Record<Exclude<FindingId, TokenId>, FindingSpec>;

const isTokenId = (id: FindingId): id is TokenId => id.startsWith('token.');

export function specOf(id: FindingId): FindingSpec {
  return isTokenId(id) ? tokenFindings[id] : CATALOG[id];
}
