import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

const SOON_S = 7 * 24 * 3600;
/** Issuers' clocks differ by a few seconds; an `iat` this far ahead is not noise. */
const IAT_TOLERANCE_S = 30;

export function ago(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const unit =
    s >= 86400
      ? [s / 86400, 'day']
      : s >= 3600
        ? [s / 3600, 'hour']
        : s >= 60
          ? [s / 60, 'minute']
          : [s, 'second'];
  const n = Math.floor(unit[0] as number);
  return `${n} ${unit[1] as string}${n === 1 ? '' : 's'}`;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

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
