import { spotName } from '../../../evidence/credential-place.js';
import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** Two credential headers that disagree, or one header twice. */
export const headerDuplicate = defineCheck<RequestEvidence>(
  'header-duplicate',
  ({ credential, headerNames, final, alternatives }) => {
    const repeated = [
      ...new Set(headerNames.filter((n, i) => headerNames.indexOf(n) !== i)),
    ].filter((n) => n === 'authorization' || n.includes('key') || n.includes('token'));
    const disagree =
      credential?.others.filter((o) => o.fingerprint !== credential.secret.fingerprint) ?? [];
    if (repeated.length === 0 && disagree.length === 0) return [];
    const evidence = [
      ...repeated.map((n) => `the header ${n} is sent more than once`),
      ...disagree.map(
        (o) =>
          `${credential?.spot.in === 'header' ? credential.spot.name : 'the credential'} (${credential?.secret.fingerprint}) and ${o.name} (${o.fingerprint}) carry different values`,
      ),
    ];
    // The key in one of the other headers alone was accepted: the disagreement is the cause.
    const settled = alternatives.find(
      (a) =>
        a.accepted &&
        a.spot.in === 'header' &&
        disagree.some((o) => o.name.toLowerCase() === spotName(a.spot).toLowerCase()),
    );
    if (settled)
      evidence.push(`sent only as ${spotName(settled.spot)}: accepted (${settled.facts?.status})`);
    const raised = finding('header.duplicate', settled ? 'confirmed' : 'definitive', evidence, {
      headerName: repeated[0] ?? disagree[0]?.name ?? null,
    });
    const refused = !final.accepted && disagree.length > 0;
    return [refused ? { ...raised, severity: 'error' } : raised];
  },
);
