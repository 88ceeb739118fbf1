import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

const HEADER_NAME =
  /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-goog-api-key|private-token)\s*[:=]/i;
const SCHEME = /^(bearer|token|basic|bot|apikey|api-key|key|jwt)\s+\S/i;

export const keySchemeIncluded = defineCheck<KeyEvidence>(
  'key-scheme-included',
  ({ secret, scheme }) => {
    const t = secret
      .reveal()
      .trim()
      .replace(/^["'`]/, '');
    const header = HEADER_NAME.exec(t);
    if (header) {
      return [
        finding(
          'key.scheme-included',
          'definitive',
          `the value starts with the header name "${header[1]}:"`,
          {
            included: header[1] ?? null,
          },
        ),
      ];
    }
    const s = SCHEME.exec(t);
    if (!s) return [];
    const doubled = scheme
      ? `; the header already says "${scheme} ", so it goes out as "${scheme} ${s[1]} …"`
      : '';
    return [
      finding(
        'key.scheme-included',
        'definitive',
        `the value starts with the scheme "${s[1]} "${doubled}`,
        {
          included: s[1] ?? null,
        },
      ),
    ];
  },
);
