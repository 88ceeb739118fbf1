import {
  describeSpot,
  editDistance,
  sameSpot,
  spotFor,
  spotName,
  validationSpot,
  type Spot,
} from '../../engine/credential-place.js';
import { defineCheck, finding } from '../types.js';
import { readingAlternative, saysNoCredential, type RequestEvidence } from './evidence.js';

/** The request carries no credential at all. */
export const headerMissing = defineCheck<RequestEvidence>(
  'header-missing',
  ({ credential, final }) => {
    const f = final.facts;
    if (credential || !f || final.accepted) return [];
    if (f.status !== 401 && f.status !== 403 && !(f.bodySaysFailure && f.says.has('missing')))
      return [];
    return [
      finding(
        'header.missing',
        'definitive',
        `no credential header or parameter was sent; the server answered ${f.status}`,
      ),
    ];
  },
);

/** The provider's spots: its auth, its alternatives, and where its validation request puts the key. */
function expectedSpots(ev: RequestEvidence): Spot[] {
  if (!ev.provider) return [];
  return [
    ...[ev.provider.auth, ...ev.provider.alternatives].map((p) => spotFor(p)),
    validationSpot(ev.provider),
  ].filter((s): s is Spot => s !== undefined);
}

/** Right header, wrong scheme; or the credential in a header the provider does not read. */
export const headerPlacement = defineCheck<RequestEvidence>('header-placement', (ev) => {
  const { credential, probes, provider, alternatives, final } = ev;
  if (!credential || final.accepted) return [];
  const sent = credential.spot;
  const probe = probes['expected-placement'];
  const expected = provider ? spotFor(provider.auth) : undefined;
  const worked = alternatives.find((a) => a.accepted);
  if (worked) {
    const seen = `sent as ${describeSpot(worked.spot)}: accepted (${worked.facts?.status})`;
    return [placement(sent, worked.spot, 'confirmed', seen)];
  }
  const reads = readingAlternative(ev);
  const layerInFront =
    final.facts?.layers.some((l) => l.kind === 'gateway') || final.facts?.says.has('gateway');
  const sentRight = provider !== null && expectedSpots(ev).some((s) => sameSpot(s, sent));
  if (reads && !layerInFront && !sentRight) {
    return [
      placement(sent, reads.spot, 'definitive', [
        `sent as ${describeSpot(sent)}, the answer says no credential arrived (${final.facts?.status})`,
        `sent as ${describeSpot(reads.spot)}, the server reads it (${reads.facts?.status})`,
      ]),
    ];
  }
  if (!provider || !expected || expectedSpots(ev).some((s) => sameSpot(s, sent)))
    return nearMiss(ev);
  const confirmed = probe?.accepted === true;
  const evidence = [
    `sent as ${describeSpot(sent)}; ${provider.name} expects ${describeSpot(expected)}`,
  ];
  if (probe?.facts)
    evidence.push(
      `sent as ${provider.name} expects: ${probe.facts.status}${confirmed ? ' (accepted)' : ''}`,
    );
  return [placement(sent, expected, confirmed ? 'confirmed' : 'definitive', evidence)];
});

function placement(
  sent: Spot,
  expected: Spot,
  confidence: 'confirmed' | 'definitive',
  evidence: string | string[],
) {
  const sameHeader =
    sent.in === 'header' &&
    expected.in === 'header' &&
    sent.name.toLowerCase() === expected.name.toLowerCase();
  return finding(sameHeader ? 'header.wrong-scheme' : 'header.wrong-name', confidence, evidence, {
    expectedHeader: spotName(expected),
    expectedScheme: expected.in === 'header' ? (expected.scheme ?? '') : null,
    sentHeader: spotName(sent),
    sentScheme: sent.in === 'header' ? (sent.scheme ?? '') : null,
  });
}

/** `Authoriaztion`, `x-api_key`: a near-miss of a credential header that no server reads. */
function nearMiss(ev: RequestEvidence) {
  const sent = ev.credential?.spot;
  if (sent?.in !== 'header') return [];
  const name = sent.name.toLowerCase();
  const targets = [
    'authorization',
    ...expectedSpots(ev).flatMap((s) => (s.in === 'header' ? [s.name.toLowerCase()] : [])),
  ];
  // A header the provider reads (New Relic's API-Key) is no near-miss of another (X-Api-Key).
  const near = targets.includes(name)
    ? undefined
    : targets.find(
        (t) =>
          t !== name && editDistance(name, t) <= 2 && editDistance(name.replace(/_/g, '-'), t) > 0,
      );
  if (!near) {
    // Unknown provider: a Bearer challenge answered to a credential sent with another scheme.
    const bearer = ev.final.facts?.challenges.some((c) => c.scheme === 'bearer');
    if (
      name === 'authorization' &&
      bearer &&
      (sent.scheme ?? '').toLowerCase() !== 'bearer' &&
      saysNoCredential(ev.final.facts)
    ) {
      return [
        finding(
          'header.wrong-scheme',
          'attributed',
          `sent as ${describeSpot(sent)}; the server challenges for Bearer`,
          {
            expectedHeader: 'Authorization',
            expectedScheme: 'Bearer',
            sentScheme: sent.scheme ?? '',
          },
        ),
      ];
    }
    return [];
  }
  return [
    finding(
      'header.wrong-name',
      'definitive',
      `the header "${sent.name}" is a near-miss of "${near}"`,
      { expectedHeader: near, sentHeader: sent.name },
    ),
  ];
}

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

/** A header the provider requires beside the credential is absent from the request as sent. */
export const requiredMissing = defineCheck<RequestEvidence>(
  'required-missing',
  ({ provider, headerNames, asSent, final, method }) => {
    if (!provider || final.accepted) return [];
    const missing = provider.headers.filter(
      (h) =>
        h.required &&
        !headerNames.includes(h.name.toLowerCase()) &&
        !(/content-type/i.test(h.name) && method === 'GET'),
    );
    const saysHeader =
      final.facts !== undefined &&
      /header/i.test(final.facts.errorText) &&
      final.facts.says.has('missing');
    if (missing.length === 0 || (!asSent && !saysHeader)) return [];
    return [
      finding(
        'header.required-missing',
        'definitive',
        missing.map((h) => `${provider.name} requires ${h.name}: ${h.value}`),
        {
          requiredHeader: missing[0]?.name ?? null,
        },
      ),
    ];
  },
);

/** nginx (underscores_in_headers off) and others drop such headers silently. */
export const underscoreName = defineCheck<RequestEvidence>(
  'underscore-name',
  ({ credential, final }) => {
    const spot = credential?.spot;
    if (spot?.in !== 'header' || !spot.name.includes('_')) return [];
    const lost = !final.accepted && saysNoCredential(final.facts);
    const f = finding(
      'header.underscore-name',
      lost ? 'attributed' : 'definitive',
      [
        `the credential header "${spot.name}" has an underscore`,
        ...(lost ? [`the answer (${final.facts?.status}) says no credential arrived`] : []),
      ],
      { headerName: spot.name },
    );
    return [lost ? { ...f, severity: 'error' } : f];
  },
);
