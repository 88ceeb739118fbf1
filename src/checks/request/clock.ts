import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

const SKEW_LIMIT_S = 60;

/** The server's Date against our clock: JWT, HMAC and signed requests break past a minute. */
export const clockSkew = defineCheck<RequestEvidence>('clock-skew', (ev) => {
  const f = ev.chain.find((s) => s.facts?.skewSeconds !== undefined)?.facts;
  const skew = f?.skewSeconds;
  if (!f || skew === undefined || Math.abs(skew) <= SKEW_LIMIT_S) return [];
  const ahead = skew < 0 ? 'ahead of' : 'behind';
  const evidence = [
    `Date: ${f.headers['date']}: this machine is ${Math.abs(skew)} s ${ahead} the server`,
  ];
  // A token that is valid by this machine's clock and not by the server's: the clock is the cause.
  const onlyByServer = ev.keyFindings
    .map((k) => k.id)
    .filter(
      (id) =>
        (id === 'key.not-yet-valid' || id === 'key.expired') &&
        !ev.keyFindingsLocalClock.includes(id),
    );
  if (onlyByServer.length > 0) {
    evidence.push(
      `the token is valid by this machine's clock, not by the server's (${onlyByServer.join(', ')})`,
    );
  }
  const saysTime = f.says.has('clock');
  if (saysTime) evidence.push(`the answer speaks of time: ${f.errorText.slice(0, 100)}`);
  // The JWT's own finding (key.not-yet-valid, read by the server's clock) stays the cause; the
  // skew is the reason behind it, an error too.
  const confidence = saysTime ? 'attributed' : 'definitive';
  const raised = finding('net.clock-skew', confidence, evidence, {
    skewSeconds: -skew,
    serverDate: f.headers['date'] ?? null,
  });
  const explains = (saysTime || onlyByServer.length > 0) && f.status >= 400;
  return [explains ? { ...raised, severity: 'error' } : raised];
});
