import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { ago, iso } from './jwt-time.js';

const SOON_S = 7 * 24 * 3600;

export const keyExpiringSoon = defineCheck<KeyEvidence>('key-expiring-soon', ({ jwt, now }) => {
  if (!jwt?.ok || jwt.exp === undefined) return [];
  const left = jwt.exp - now / 1000;
  if (left <= 0 || left > SOON_S) return [];
  return [
    finding('key.expiring-soon', 'definitive', `JWT exp ${iso(jwt.exp)}: expires in ${ago(left)}`, {
      expiresAt: iso(jwt.exp),
    }),
  ];
});
