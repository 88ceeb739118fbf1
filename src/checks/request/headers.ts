import {
  alternativesFor,
  describeSpot,
  editDistance,
  sameSpot,
  spotFor,
  spotName,
  validationSpot,
  type Spot,
} from '../../evidence/credential-place.js';
import { keyKindsAt } from '../../providers/detect.js';
import { defineCheck, finding } from '../types.js';
import type { Confidence } from '../../findings/types.js';
import { layerLogin, platformPage } from './layer.js';
import {
  canonicalScheme,
  readingAlternative,
  sameAnswer,
  saysNoCredential,
  sentScheme,
  type RequestEvidence,
} from '../../evidence/request.js';

/** The request carries no credential at all. */
export const headerMissing = defineCheck<RequestEvidence>(
  'header-missing',
  ({ credential, final }) => {
    const f = final.facts;
    if (credential || !f || final.accepted) return [];
    // A 400 counts when its words are about the credential ("Incorrect API key provided: .")
    const credential400 =
      f.status === 400 &&
      (f.blamesCredential ||
        (f.aboutCredential && (f.says.has('missing') || f.says.has('invalid'))));
    if (
      f.status !== 401 &&
      f.status !== 403 &&
      !credential400 &&
      !(f.bodySaysFailure && f.says.has('missing'))
    )
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
  ({ provider, headerNames, asSent, final, method, url }) => {
    if (!provider || final.accepted) return [];
    // An empty value (`-H "User-Agent:"`) is no value: curl sends none at all for it.
    const empty = new Set(
      final.request.headers.filter(([, v]) => v.trim() === '').map(([n]) => n.toLowerCase()),
    );
    const missing = [
      ...provider.headers.filter(
        (h) =>
          h.required &&
          (!headerNames.includes(h.name.toLowerCase()) || empty.has(h.name.toLowerCase())) &&
          !(/content-type/i.test(h.name) && method === 'GET'),
      ),
      // a required query parameter (Azure's api-version) is as much a part of the call
      ...(provider.queryParams ?? [])
        .filter((q) => q.required && !url.searchParams.has(q.name))
        .map((q) => ({ ...q, name: `?${q.name}=` })),
    ];
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
