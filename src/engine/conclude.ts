import { HYGIENE_IDS, KEY_CHECKS } from '../checks/key/index.js';
import { REQUEST_CHECKS } from '../checks/request/index.js';
import { TOKEN_CHECKS } from '../checks/token/index.js';
import type { RequestEvidence, Sent, SentCredential } from '../evidence/request.js';
import { runChecks } from '../checks/types.js';
import { dedupeFindings, renderFinding } from '../findings/render.js';
import type { Finding, RawFinding } from '../findings/types.js';
import type { Detection } from '../providers/detect.js';
import type { Provider } from '../providers/types.js';
import { buildKeyEvidence, withPrefix } from '../evidence/key-evidence.js';
import {
  CONFIDENCE_RANK,
  decideVerdict,
  orderFindings,
  priority,
  type Verdict,
} from './verdict.js';
import type { FindingId } from '../findings/ids.js';
import { secretParams } from '../secret/scrub.js';

/**
 * The offline half of a diagnosis, shared by `check` (after sending) and `capture` / `run`
 * (after watching an app send): the key checks, the request checks over assembled evidence,
 * ranking and the verdict. No I/O here.
 */

/** The credential with its provider's public prefix for redaction, its meant value registered. */
export function prepareCredential(found: SentCredential | null): SentCredential | null {
  if (!found) return null;
  const credential = { ...found, secret: withPrefix(found.secret) };
  credential.secret.derive(credential.meant, 'meant'); // registers it for scrubbing
  return credential;
}

/** The provider the request was meant for, when named or known from the host (not the key). */
export function expectedProvider(
  detection: Detection,
): { provider: Provider; by: 'flag' | 'host' } | null {
  const { provider, by } = detection;
  return provider && (by === 'flag' || by === 'host') ? { provider, by } : null;
}

export interface KeyJudgement {
  readonly keyFindings: RawFinding[];
  /** Key finding ids by this machine's clock. */
  readonly keyFindingsLocalClock: string[];
}

/** Every key check on the credential as sent, by the server's clock when its answer had a Date. */
const ANY_VALUE: ReadonlySet<string> = new Set([
  'key.newline',
  'key.invisible',
  'key.non-ascii',
  'key.unexpanded',
  'key.placeholder',
]);

export function judgeKey(
  credential: SentCredential | null,
  url: URL,
  expected: { provider: Provider; by: 'flag' | 'host' } | null,
  final: Sent,
): KeyJudgement {
  if (!credential) return { keyFindings: [], keyFindingsLocalClock: [] };
  const serverNow = final.facts?.serverDate;
  const context = (clock: number | undefined) => ({
    expected,
    ...(clock !== undefined ? { serverNow: clock } : {}),
    path: url.pathname,
    // A Basic header why401 built holds the key as the pair's password, not base64: the key
    // is not a Basic credential to decode.
    ...(credential.spot.in === 'header' &&
    credential.spot.scheme &&
    !(credential.placedByUs && credential.spot.scheme.toLowerCase() === 'basic')
      ? { scheme: credential.spot.scheme }
      : {}),
  });
  // A parameter list (Digest, AWS SigV4, OAuth 1) is no key: its quotes and commas are syntax.
  // Only characters that corrupt any header value are findings there.
  const structured = secretParams(credential.secret.reveal()) !== undefined;
  const check = (clock: number | undefined) =>
    runChecks(KEY_CHECKS, buildKeyEvidence(credential.secret, context(clock))).filter(
      (f) => !structured || ANY_VALUE.has(f.id),
    );
  const keyFindings = check(serverNow);
  const keyFindingsLocalClock = (serverNow !== undefined ? check(undefined) : keyFindings).map(
    (k) => k.id,
  );
  return { keyFindings, keyFindingsLocalClock };
}

/** The first hop that left the named origin, when one did. */
export function findLeftOrigin(
  chain: readonly Sent[],
  origin: string,
): RequestEvidence['leftOrigin'] {
  const stopped = chain[chain.length - 1];
  if (stopped?.notFollowed)
    return {
      from: stopped.request.url.origin,
      to: stopped.notFollowed.to,
      status: stopped.facts?.status ?? 0,
      notFollowed: stopped.notFollowed.carrier,
    };
  for (let i = 1; i < chain.length; i++) {
    const hop = chain[i];
    const prev = chain[i - 1];
    if (hop && prev && hop.request.url.origin !== origin && prev.request.url.origin === origin) {
      return {
        from: prev.request.url.origin,
        to: hop.request.url.origin,
        status: prev.facts?.status ?? 0,
      };
    }
  }
  return undefined;
}

/** Request checks over the evidence, ranked, and the verdict. */
export function conclude(
  evidence: RequestEvidence,
  /** Findings judged elsewhere (the variable's sources, with --env-dir), already worded. */
  extra: readonly Finding[] = [],
): {
  findings: Finding[];
  verdict: Verdict;
} {
  const raw = [
    ...confirmHygiene(evidence.keyFindings, evidence.probes.sanitized),
    ...runChecks(REQUEST_CHECKS, evidence),
    ...runChecks(TOKEN_CHECKS, evidence),
  ];
  const own = dedupeFindings(raw).map(renderFinding);
  const findings = withDiscoveryNotes(
    orderFindings(
      reconcile(
        explained(
          settle([...own, ...extra.filter((e) => !own.some((o) => o.id === e.id))], evidence),
        ),
      ).map((f) => (evidence.final.accepted ? demote(f) : f)),
    ),
    evidence.token?.notes ?? [],
  );
  const verdict = decideVerdict(evidence, findings);
  // The verdict's cause leads the list, whatever the ranking put first.
  const at = findings.findIndex((f) => f.id === verdict.cause);
  if (at > 0) findings.unshift(...findings.splice(at, 1));
  return { findings, verdict };
}

/**
 * What discovery could not fetch or read (another origin, no document, too large) qualifies the
 * token finding that leads: its evidence says so, prefixed `discovery:`.
 */
function withDiscoveryNotes(findings: Finding[], notes: readonly string[]): Finding[] {
  if (notes.length === 0) return findings;
  const lead = findings.find((f) => f.id.startsWith('token.'));
  if (!lead) return findings;
  return findings.map((f) =>
    f === lead ? { ...f, evidence: [...f.evidence, ...notes.map((n) => `discovery: ${n}`)] } : f,
  );
}

/** The sanitised key was accepted: the hygiene findings are the cause, confirmed. */
function confirmHygiene(
  keyFindings: readonly RawFinding[],
  sanitized: Sent | undefined,
): RawFinding[] {
  if (!sanitized?.accepted) return [...keyFindings];
  return keyFindings.map((f) =>
    HYGIENE_IDS.has(f.id)
      ? {
          ...f,
          confidence: 'confirmed',
          evidence: [
            ...f.evidence,
            `sent cleaned (trimmed, unquoted, hidden characters removed): accepted (${sanitized.facts?.status})`,
          ],
        }
      : f,
  );
}

/** Values that are no key at all (`undefined`, a placeholder): a refusal of them says nothing more. */
const NOT_A_KEY: ReadonlySet<string> = new Set([
  'key.missing',
  'key.placeholder',
  'key.unexpanded',
  'key.masked',
]);

/**
 * A key the server read, refused for what it is or may do: a token.* reason, a missing scope; or
 * a credential of another kind, provider or environment than this API takes (a new key of the
 * same kind would be refused alike: the fix is the other credential, never a rotation).
 */
const READ_KEY = (f: Finding): boolean =>
  f.id.startsWith('token.') ||
  f.id === 'credential.insufficient-scope' ||
  f.id === 'key.wrong-type' ||
  f.id === 'key.wrong-provider' ||
  f.id === 'key.wrong-environment';

/**
 * credential.invalid is the last word: an error only while nothing else explains the refusal
 * alone. Once another error is confirmed by a probe, definitive, or a key or header finding read
 * from the answer (its words or challenge name the header, scheme or provider), it becomes a
 * warning (the key may be bad too); for a value that is no key at all, or a key read and refused
 * for a reason of its own (token.*: an ID token, another audience or issuer; a scope it lacks),
 * it is dropped. A hygiene finding does not count when the cleaned key was refused as well.
 */
function settle(findings: readonly Finding[], evidence: RequestEvidence): Finding[] {
  const invalid = findings.find((f) => f.id === 'credential.invalid' && f.severity === 'error');
  if (!invalid) return [...findings];
  const sanitized = evidence.probes.sanitized;
  const cleanedRefused = sanitized !== undefined && !sanitized.accepted;
  const explains = findings.filter(
    (f) =>
      f !== invalid &&
      f.severity === 'error' &&
      (f.confidence === 'confirmed' ||
        f.confidence === 'definitive' ||
        ((f.id.startsWith('key.') || f.id.startsWith('header.') || READ_KEY(f)) &&
          f.confidence === 'attributed')) &&
      !(cleanedRefused && HYGIENE_IDS.has(f.id)),
  );
  const first = explains[0];
  if (!first) return [...findings];
  // No key at all; or a key the server read and refused for a reason of its own (an ID token,
  // another audience or issuer, a permission it lacks, another kind of credential): nothing about
  // it calls for a new one.
  if (explains.some((f) => NOT_A_KEY.has(f.id) || READ_KEY(f)))
    return findings.filter((f) => f !== invalid);
  return findings.map((f) =>
    f === invalid
      ? {
          ...f,
          severity: 'warning',
          evidence: [...f.evidence, `${first.id} (${first.confidence}) explains the refusal alone`],
        }
      : f,
  );
}

/**
 * Explanations of one refusal that cannot both be true: the server read the key and rejected it
 * (credential.invalid) against the key never reaching it or never being read where it went; the
 * API itself answering (layer.upstream) against a layer in front answering (layer.gateway), and
 * a proxy losing the key on the way (net.proxy-strips-auth) against a layer refusing it.
 */
export const INCOMPATIBLE: readonly (readonly [FindingId, FindingId])[] = [
  ...(
    [
      'layer.gateway',
      'header.missing',
      'net.proxy-strips-auth',
      'net.redirect-drops-auth',
      'header.wrong-scheme',
      'header.wrong-name',
      // "known but not allowed" against "not a valid key": one of them is wrong.
      'status.forbidden',
    ] as const
  ).map((id) => ['credential.invalid', id] as const),
  ['layer.upstream', 'layer.gateway'],
  // The key lost on the way (the API answered, having seen none) against a layer refusing it.
  ['net.proxy-strips-auth', 'layer.gateway'],
];

/**
 * A refusal and what follows from it, both true: an ID token's audience is the client, so the
 * API's audience complaint (or its RFC 9728 `resource`) is the ID token seen from the API. The
 * consequence stays, as a warning whose evidence names its cause, so the report holds one error.
 */
export const EXPLAINED_BY: readonly (readonly [cause: FindingId, consequence: FindingId])[] = [
  ['token.id-token', 'token.wrong-audience'],
];

function explained(findings: readonly Finding[]): Finding[] {
  let out = [...findings];
  for (const [cause, consequence] of EXPLAINED_BY) {
    const c = out.find((f) => f.id === cause && f.severity === 'error');
    if (!c) continue;
    out = out.map((f) =>
      f.id === consequence && f.severity === 'error'
        ? {
            ...f,
            severity: 'warning' as const,
            evidence: [...f.evidence, `${cause} (${c.confidence}) explains it: the same refusal`],
          }
        : f,
    );
  }
  return out;
}

/** Both sides count: errors, or for layer.upstream (an info) any severity. */
function counts(f: Finding): boolean {
  return f.severity === 'error' || f.id === 'layer.upstream';
}

/**
 * The consistency guard, the one place it is decided: after the checks, no report holds two
 * findings that explain the refusal incompatibly. The better established wins (confirmed >
 * definitive > attributed > heuristic; on a tie, who refused first: `PRIORITY`); the other
 * becomes a warning beside it (an error) or goes (an info), its evidence saying why.
 */
export function reconcile(findings: readonly Finding[]): Finding[] {
  let out = [...findings];
  for (const [a, b] of INCOMPATIBLE) {
    const fa = out.find((f) => f.id === a && counts(f));
    const fb = out.find((f) => f.id === b && counts(f));
    if (!fa || !fb) continue;
    const rank = CONFIDENCE_RANK[fa.confidence] - CONFIDENCE_RANK[fb.confidence];
    const aWins =
      rank < 0 ||
      (rank === 0 &&
        (fa.severity !== fb.severity ? fa.severity === 'error' : priority(a) < priority(b)));
    const [winner, loser] = aWins ? [fa, fb] : [fb, fa];
    out =
      loser.severity === 'error'
        ? out.map((f) =>
            f === loser
              ? {
                  ...f,
                  severity: 'warning' as const,
                  evidence: [
                    ...f.evidence,
                    `${winner.id} (${winner.confidence}) explains the refusal otherwise`,
                  ],
                }
              : f,
          )
        : out.filter((f) => f !== loser);
  }
  return out;
}

/** On an accepted request nothing is an error: what would be one is a warning it tolerated. */
function demote(f: Finding): Finding {
  return f.severity === 'error' ? { ...f, severity: 'warning' } : f;
}
