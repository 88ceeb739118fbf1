import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';
import { ago, iso } from './jwt-time.js';

const SOON_S = 7 * 24 * 3600;

/**
 * A token whose whole life fits in the 7-day window (an OAuth access token lives an hour or a day)
 * is meant to expire soon: it is worth a warning only past 90% of its life. Longer-lived ones
 * warn within 7 days. The lifetime is `exp - iat` (or `nbf` when there is no `iat`).
 */
const SHORT_LEFT = 0.1;

export const keyExpiringSoon = defineCheck<KeyEvidence>('key-expiring-soon', ({ jwt, now }) => {
  if (!jwt?.ok || jwt.exp === undefined) return [];
  const left = jwt.exp - now / 1000;
  if (left <= 0 || left > SOON_S) return [];
  const start = jwt.iat ?? jwt.nbf;
  const lifetime = start !== undefined && start < jwt.exp ? jwt.exp - start : undefined;
  const short = lifetime !== undefined && lifetime <= SOON_S;
  if (short && left >= lifetime * SHORT_LEFT) return [];
  return [
    finding(
      'key.expiring-soon',
      'definitive',
      `JWT exp ${iso(jwt.exp)}: expires in ${ago(left)}${short ? ` (of a ${ago(lifetime)} lifetime)` : ''}`,
      { expiresAt: iso(jwt.exp) },
    ),
  ];
});
