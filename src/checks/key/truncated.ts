import { looksLikeJwt } from '../../parse/jwt.js';
import { minMatchLength } from '../../parse/regex-length.js';
import { PROVIDERS } from '../../providers/catalog/index.js';
import { shownPrefix } from '../../secret/secret.js';
import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { isStandIn } from './stand-in.js';

export const keyTruncated = defineCheck<KeyEvidence>(
  'key-truncated',
  ({ core, jwt, matches, expected, family }) => {
    if (jwt && !jwt.ok && looksLikeJwt(core)) {
      return [
        finding(
          'key.truncated',
          'definitive',
          `it starts like a JWT but does not decode: ${jwt.problem}`,
        ),
      ];
    }
    if (matches.some((m) => !m.shape.generic)) return []; // it fits a full shape
    if (isStandIn(core)) return []; // a placeholder, a masked copy, a `$NAME`: said by its own id
    // A distinctive prefix (`sk-proj-`, `ghp_`): shorter than every real key with it.
    if (family) {
      if (family.problem !== 'short') return [];
      if (expected && !family.providerIds.includes(expected.provider.id)) return [];
      return [
        finding(
          'key.truncated',
          'definitive',
          `it starts with ${family.providers.join(' or ')}'s prefix "${shownPrefix(family.prefix)}" but is ${core.length} chars; ` +
            `those keys are at least ${family.min}${family.lengths === String(family.min) ? '' : ` (real keys: ${family.lengths})`}`,
          { provider: family.providers[0] ?? null, min: family.min, length: core.length },
        ),
      ];
    }
    const candidates = expected ? [expected.provider] : undefined;
    const short = shortShape(core, candidates);
    if (!short) return [];
    return [
      finding(
        'key.truncated',
        'heuristic',
        `it starts with ${short.provider}'s prefix "${shownPrefix(short.prefix)}" but is ${core.length} chars; ` +
          `those keys are at least ${short.min}`,
        { provider: short.provider, min: short.min, length: core.length },
      ),
    ];
  },
);

function shortShape(core: string, only: readonly { id: string }[] | undefined) {
  for (const p of PROVIDERS) {
    if (only && !only.some((o) => o.id === p.id)) continue;
    for (const shape of p.keyShapes) {
      // a short prefix such as `sk-` is shared by too many shapes to call a key cut short
      if (!shape.prefix || shape.prefix.length < 4 || shape.generic) continue;
      if (!core.startsWith(shape.prefix)) continue;
      const min = minMatchLength(shape.pattern.source);
      if (min !== undefined && core.length < min)
        return { provider: p.name, prefix: shape.prefix, min };
    }
  }
  return undefined;
}
