import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { ago, iso } from './jwt-time.js';

export const keyExpired = defineCheck<KeyEvidence>('key-expired', ({ jwt, now, clock }) => {
  if (!jwt?.ok || jwt.exp === undefined) return [];
  const left = jwt.exp - now / 1000;
  if (left > 0) return [];
  return [
    finding(
      'key.expired',
      'definitive',
      `JWT exp ${iso(jwt.exp)}: expired ${ago(left)} ago by the ${clock} clock`,
      {
        expiredAt: iso(jwt.exp),
      },
    ),
  ];
});
