import { describeSpot } from '../../evidence/credential-place.js';
import { matchKeyShapes } from '../../providers/detect.js';
import type { KeyKind } from '../../providers/types.js';
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The answer says the value of this header is not of a form it takes ("Invalid format for Authorization header"). */
function saysHeaderFormatBad(text: string, header: string): boolean {
  const h = escape(header);
  return new RegExp(
    `(invalid|bad|wrong|malformed|unsupported|unexpected)\\s+(format|value|syntax)\\s+(for|of|in)\\s+(the\\s+)?["'\`]?${h}\\b|\\b${h}["'\`]?\\s+header\\s+(is\\s+|has\\s+)?(an?\\s+)?(malformed|invalid|badly[ -]formatted|not\\s+(valid|well[ -]formed))|malformed\\s+["'\`]?${h}\\b`,
    'i',
  ).test(text);
}

/**
 * A key of a kind the provider takes in a placement of its own (`forKinds`: Cloudflare's Global
 * API Key in X-Auth-Key with X-Auth-Email), sent elsewhere, and the server says the value there is
 * not of a form it takes: the key is another type than that header carries. The key's shape alone
 * may be generic (37 hex characters): the server's words about the format make it more than a hint.
 */
export const keyKindElsewhere = defineCheck<RequestEvidence>(
  'key-kind-elsewhere',
  ({ final, credential, provider }) => {
    const f = final.facts;
    if (!credential || !provider || !f || final.accepted || f.status < 400 || f.status >= 500)
      return [];
    const spot = credential.spot;
    if (spot.in !== 'header') return [];
    const own = matchKeyShapes(credential.meant).filter((m) => m.provider.id === provider.id);
    const kinds = new Set<KeyKind>(own.flatMap((m) => m.shape.kinds));
    const dedicated = provider.alternatives.find(
      (a) => a.forKinds?.some((k) => kinds.has(k)) && a.in === 'header',
    );
    if (!dedicated || dedicated.in !== 'header') return [];
    if (dedicated.name.toLowerCase() === spot.name.toLowerCase()) return [];
    if (!saysHeaderFormatBad(f.errorText, spot.name)) return [];
    const kind = dedicated.forKinds?.find((k) => kinds.has(k));
    if (kind === undefined) return [];
    const shape = own.find((m) => m.shape.kinds.includes(kind))?.shape;
    const main = provider.auth;
    return [
      finding(
        'key.wrong-type',
        'attributed',
        [
          `${f.status}: ${f.errorText.slice(0, 140)}`,
          `the key has the shape of ${provider.name}'s ${kind} key${shape ? ` (${shape.note})` : ''}, which goes in ${dedicated.name}${dedicated.note ? `: ${dedicated.note}` : ''}`,
          `it went as ${describeSpot(spot)}, which takes ${main.in === 'header' && main.name.toLowerCase() === spot.name.toLowerCase() ? (main.note ?? 'another kind of credential').replace(/\.$/, '') : 'another kind of credential'}`,
        ],
        {
          provider: provider.id,
          kind: `${kind} key (it goes in ${dedicated.name})`,
          expectedKinds:
            main.in === 'header' && main.note ? [main.note.replace(/\.$/, '')] : ['API key'],
        },
      ),
    ];
  },
);
