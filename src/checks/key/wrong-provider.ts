import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from './evidence.js';

/** The key's shape names another provider than the one it is sent to. */
export const keyWrongProvider = defineCheck<KeyEvidence>(
  'key-wrong-provider',
  ({ matches, expected }) => {
    if (!expected) return [];
    const specific = matches.filter((m) => !m.shape.generic);
    if (specific.length === 0) return [];
    if (matches.some((m) => m.provider.id === expected.provider.id)) return [];
    const owners = [...new Set(specific.map((m) => m.provider.name))];
    const prefix = specific[0]?.shape.prefix;
    const why = expected.by === 'host' ? 'the request goes to its host' : '--provider says so';
    return [
      finding(
        'key.wrong-provider',
        'definitive',
        `the key has the shape of ${owners.join(' or ')}${prefix ? ` (prefix ${prefix})` : ''}, ` +
          `but it is used for ${expected.provider.name} (${why})`,
        {
          keyProvider: specific[0]?.provider.id ?? null,
          hostProvider: expected.provider.id,
        },
      ),
    ];
  },
);
