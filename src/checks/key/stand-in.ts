import { isMasked } from './masked.js';
import { isPlaceholder } from './placeholder.js';
import { isUnexpanded } from './unexpanded.js';

/**
 * A value that stands in for a key (a placeholder, a masked copy, an unexpanded `$NAME`): its
 * own finding says why it has no key's shape, so key.truncated and key.malformed stay silent.
 */
export function isStandIn(core: string): boolean {
  return isPlaceholder(core) || isMasked(core) || isUnexpanded(core);
}
