import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

/** The mode the answer gives the key: `a live mode key was used` → live. */
const KEY_MODE =
  /\b(test|live|sandbox|production|staging)[ _-](?:mode[ _-])?(?:api[ _-])?(?:key|token)s?\b/i;

/**
 * The answer says the key belongs to another mode or environment than the objects or endpoint
 * (Stripe: "a similar object exists in test mode, but a live mode key was used").
 */
export const environmentSaid = defineCheck<RequestEvidence>(
  'environment-said',
  ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || !f.says.has('environment')) return [];
    if (f.status < 400 && !f.bodySaysFailure) return [];
    const mode = KEY_MODE.exec(f.errorText)?.[1]?.toLowerCase();
    return [
      finding('key.wrong-environment', 'attributed', `${f.status}: ${f.errorText.slice(0, 160)}`, {
        environment: mode ?? null,
        status: f.status,
      }),
    ];
  },
);
