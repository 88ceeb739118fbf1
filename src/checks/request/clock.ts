import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from './evidence.js';

const SKEW_LIMIT_S = 60;

/** The server's Date against our clock: JWT, HMAC and signed requests break past a minute. */
export const clockSkew = defineCheck<RequestEvidence>('clock-skew', ({ chain }) => {
  const f = chain.find((s) => s.facts?.skewSeconds !== undefined)?.facts;
  const skew = f?.skewSeconds;
  if (!f || skew === undefined || Math.abs(skew) <= SKEW_LIMIT_S) return [];
  const ahead = skew < 0 ? 'ahead of' : 'behind';
  const evidence = [
    `Date: ${f.headers['date']}: this machine is ${Math.abs(skew)} s ${ahead} the server`,
  ];
  if (f.says.has('clock')) evidence.push(`the answer speaks of time: ${f.errorText.slice(0, 100)}`);
  const finding_ = finding(
    'net.clock-skew',
    f.says.has('clock') ? 'attributed' : 'definitive',
    evidence,
    {
      skewSeconds: -skew,
      serverDate: f.headers['date'] ?? null,
    },
  );
  return [f.says.has('clock') && f.status >= 400 ? { ...finding_, severity: 'error' } : finding_];
});
