import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { ago, iso } from './jwt-time.js';

/** Issuers' clocks differ by a few seconds; an `iat` this far ahead is not noise. */
const IAT_TOLERANCE_S = 30;

export const keyNotYetValid = defineCheck<KeyEvidence>(
  'key-not-yet-valid',
  ({ jwt, now, clock }) => {
    if (!jwt?.ok) return [];
    const t = now / 1000;
    if (jwt.nbf !== undefined && jwt.nbf > t) {
      return [
        finding(
          'key.not-yet-valid',
          'definitive',
          `JWT nbf ${iso(jwt.nbf)} is ${ago(jwt.nbf - t)} ahead of the ${clock} clock`,
          {
            notBefore: iso(jwt.nbf),
          },
        ),
      ];
    }
    if (jwt.iat !== undefined && jwt.iat > t + IAT_TOLERANCE_S) {
      return [
        finding(
          'key.not-yet-valid',
          'definitive',
          `JWT iat ${iso(jwt.iat)} is ${ago(jwt.iat - t)} ahead of the ${clock} clock`,
          {
            notBefore: iso(jwt.iat),
          },
        ),
      ];
    }
    return [];
  },
);
