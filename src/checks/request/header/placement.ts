import {
  alternativesFor,
  describeSpot,
  editDistance,
  sameSpot,
  spotFor,
  spotName,
  validationSpot,
  type Spot,
} from '../../../evidence/credential-place.js';
import { keyKindsAt } from '../../../providers/detect.js';
import { defineCheck, finding } from '../../types.js';
import type { Confidence } from '../../../findings/types.js';
import { layerLogin, platformPage } from '../layer/own-login.js';
import {
  canonicalScheme,
  readingAlternative,
  sameAnswer,
  saysNoCredential,
  sentScheme,
  type RequestEvidence,
} from '../../../evidence/request.js';

/** The provider's spots: its auth, its alternatives, and where its validation request puts the key. */
function expectedSpots(ev: RequestEvidence): Spot[] {
  if (!ev.provider) return [];
  const kinds = ev.credential ? keyKindsAt(ev.provider, ev.credential.meant) : [];
  return [
    ...[ev.provider.auth, ...alternativesFor(ev.provider, kinds)].map((p) => spotFor(p)),
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
  const recased = schemeCase(ev);
  if (recased) return [recased];
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
  // Sent in another documented place (for other endpoints or kinds of key), refused there, and
  // accepted in the main one.
  if (sentRight && expected && probe?.accepted && !sameSpot(sent, expected)) {
    return [
      placement(sent, expected, 'confirmed', [
        `sent as ${describeSpot(sent)}: refused (${final.facts?.status})`,
        `sent as ${provider?.name} expects, ${describeSpot(expected)}: accepted (${probe.facts?.status})`,
      ]),
    ];
  }
  if (!provider || !expected || sentRight) {
    // Unknown provider (or sent as documented): what the answer itself says, then name typos,
    // then an answer that says the key never arrived. A provider known only from the key's shape
    // documents nothing about this host.
    const documented = sentRight && ev.providerBy !== 'key';
    const told = layerInFront || documented ? [] : toldByTheAnswer(ev);
    if (told.length > 0) return told;
    const near = nearMiss(ev);
    if (near.length > 0 || documented || layerInFront) return near;
    return unread(ev);
  }
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

/**
 * The scheme went in another case than its canonical one (`bearer`, `BEARER`) and was refused.
 * The probe with the canonical case decides: accepted, confirmed; refused differently (the key is
 * read now), definitive. Without the probe, an answer that says no credential arrived makes it a
 * heuristic.
 */
function schemeCase(ev: RequestEvidence) {
  const { credential, final, probes } = ev;
  const sent = credential?.spot;
  if (sent?.in !== 'header' || final.accepted || !final.facts) return undefined;
  const canonical = canonicalScheme(sent.scheme);
  if (!canonical) return undefined;
  const expected: Spot = { ...sent, scheme: canonical };
  const probe = probes['scheme-case'];
  const head = `sent as \`${sent.name}: ${sent.scheme} …\`: refused (${final.facts.status})`;
  if (probe?.accepted)
    return placement(sent, expected, 'confirmed', [
      head,
      `sent as \`${sent.name}: ${canonical} …\`: accepted (${probe.facts?.status}): the server compares the scheme case-sensitively`,
    ]);
  if (
    probe?.facts &&
    !sameAnswer(probe, final) &&
    saysNoCredential(final.facts) &&
    !saysNoCredential(probe.facts)
  )
    return placement(sent, expected, 'definitive', [
      head,
      `sent as \`${sent.name}: ${canonical} …\`: ${probe.facts.status}, the server reads the key with ${canonical} only`,
    ]);
  const f = final.facts;
  if (!probe && !f.blamesCredential && !f.says.has('invalid') && f.bearerError === undefined)
    return placement(sent, expected, 'heuristic', [
      head,
      `${saysNoCredential(f) ? 'the answer says no credential arrived' : 'the answer names no cause'}; the scheme is case-insensitive by RFC 9110, yet some servers only read \`${canonical}\` (not probed)`,
    ]);
  return undefined;
}

/**
 * The answer itself says where the key belongs: its words name another credential header
 * (`Missing X-Auth-Token header`), or its challenge asks for another scheme than the one sent
 * (`WWW-Authenticate: Basic` to a Bearer token).
 */
function toldByTheAnswer(ev: RequestEvidence) {
  const { credential, final, provider } = ev;
  const f = final.facts;
  if (!credential || !f || f.status < 400) return [];
  const sent = credential.spot;
  const sentName = sent.in === 'header' ? sent.name.toLowerCase() : undefined;
  const named = f.namedHeaders.find((n) => n.toLowerCase() !== sentName);
  const refused = f.status === 401 || f.status === 403 || f.bodySaysFailure;
  if (named && refused && !f.namedHeaders.some((n) => n.toLowerCase() === sentName)) {
    const scheme = /^authorization$/i.test(named)
      ? (/authorization:?\s+(bearer|token|basic)\b/i.exec(f.errorText)?.[1] ?? 'Bearer')
      : null;
    return [
      placement(sent, { in: 'header', name: named, scheme }, 'attributed', [
        `the answer (${f.status}) names the header ${named}: ${f.errorText.slice(0, 120)}`,
        `the key went as ${describeSpot(sent)}`,
      ]),
    ];
  }
  if (f.status !== 401 || f.challenges.length === 0) return [];
  const scheme = sentScheme(credential);
  const documented =
    provider !== null &&
    ev.providerBy !== 'key' &&
    expectedSpots(ev).some((s) => sameSpot(s, sent));
  if (scheme === null || documented || f.challenges.some((c) => c.scheme === scheme)) return [];
  // A web server, proxy or platform in front asking for its own login is layer.gateway's to tell.
  if (f.isHtml || f.layers.some((l) => l.kind !== 'cdn') || layerLogin(ev)) return [];
  // A challenge that names an error (`invalid_token`) read what was sent: not a scheme question.
  const asked = f.challenges.find((c) => c.params['error'] === undefined);
  if (!asked) return [];
  const realm = asked.params['realm'];
  return [
    placement(
      sent,
      { in: 'header', name: 'Authorization', scheme: asked.rawScheme },
      'attributed',
      [
        `sent as ${describeSpot(sent)}; the server challenges for ${asked.rawScheme}${realm ? ` (realm "${realm.slice(0, 40)}")` : ''}`,
        ...(f.challenges.length > 1
          ? [`it offers: ${f.challenges.map((c) => c.rawScheme).join(', ')}`]
          : []),
      ],
    ),
  ];
}

/**
 * The answer says no credential arrived though one was sent, and nothing else explains it (no
 * proxy or gateway answering, no redirect, no underscore in the name, no challenge for the scheme
 * sent): the server does not read the key where it was put.
 */
function unread(ev: RequestEvidence) {
  const { credential, final, alternatives, leftOrigin } = ev;
  const f = final.facts;
  if (!credential || !f || (f.status !== 401 && f.status !== 403)) return [];
  // The words say no credential arrived; or, with no word blaming the key, the very same answer
  // came without any credential: either way the server did not read it where it went.
  const said = saysNoCredential(f);
  const same =
    sameAnswer(ev.probes['without-credential'], final) &&
    !f.blamesCredential &&
    !f.says.has('invalid') &&
    f.bearerError === undefined &&
    !f.isHtml &&
    !f.stockPage;
  // "Missing Authentication Token" is an unmatched route (status.no-route), not a lost key.
  if (!(said || same) || leftOrigin || f.says.has('route')) return [];
  // Without any credential another status ("Missing required scopes" 403 with the key, 401
  // without): the server read the key where it went, whatever words it used.
  const anon = ev.probes['without-credential']?.facts;
  if (anon !== undefined && anon.status !== f.status) return [];
  const sent = credential.spot;
  if (sent.in === 'header' && sent.name.includes('_')) return [];
  if (f.layers.some((l) => l.kind === 'proxy' || l.kind === 'server' || l.kind === 'gateway'))
    return [];
  // A layer asking for its own login (a platform's site password): who answers, not where.
  if (layerLogin(ev)) return [];
  const scheme = sentScheme(credential);
  if (scheme !== null && f.challenges.some((c) => c.scheme === scheme)) return [];
  // An HTML page (a sign-in form, a hosting platform's protection) is who answers, not an API
  // that reads another header: layer.gateway and status.login-redirect tell it.
  if (f.isHtml && (f.loginForm || f.layers.length > 0 || platformPage(ev))) return [];
  const probed = alternatives.filter((a) => a.facts !== undefined);
  const tried = probed.map((a) => `${describeSpot(a.spot)} → ${a.facts?.status}`);
  // Every other place refused alike: nothing shows the server reads a key anywhere; a guess.
  const alike = probed.length > 0 && probed.every((a) => sameAnswer(a, final));
  return [
    finding(
      'header.wrong-name',
      alike || !said ? 'heuristic' : 'attributed',
      [
        said
          ? `sent as ${describeSpot(sent)}, yet the answer (${f.status}) says no credential arrived${f.errorText ? `: ${f.errorText.slice(0, 100)}` : ''}`
          : `sent as ${describeSpot(sent)}: ${f.status}${f.errorText ? ` (${f.errorText.slice(0, 80)})` : ''}, and without any credential the very same answer: nothing shows the server read the key there`,
        'the server does not read the key there: its documentation names the header or scheme it reads',
        ...(tried.length > 0
          ? [
              `tried elsewhere: ${tried.join(', ')}${alike ? ': the very same answer everywhere, so nothing shows where (or whether) the server reads a key' : ''}`,
            ]
          : []),
      ],
      {
        expectedHeader: null,
        sentHeader: sent.in === 'header' ? sent.name : describeSpot(sent),
        sentScheme: sent.in === 'header' ? (sent.scheme ?? '') : null,
      },
    ),
  ];
}

function placement(
  sent: Spot,
  expected: Spot,
  confidence: Confidence,
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
  if (!near) return [];
  return [
    finding(
      'header.wrong-name',
      'definitive',
      `the header "${sent.name}" is a near-miss of "${near}"`,
      { expectedHeader: near, sentHeader: sent.name },
    ),
  ];
}
