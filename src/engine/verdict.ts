import type { FindingId } from '../findings/ids.js';
import type { Confidence, Finding } from '../findings/types.js';
import type { RequestEvidence } from '../evidence/request.js';
import { documentedUnknownKey, errorOf, sameAnswer } from '../evidence/request.js';

export type VerdictStatus = 'accepted' | 'rejected' | 'unreachable' | 'inconclusive';

export interface Verdict {
  readonly status: VerdictStatus;
  readonly cause: FindingId | null;
  readonly summary: string;
}

/**
 * Within one confidence level, who refused first wins: the client before the network, the
 * network before the layers in front, those before the API's own judgement of the key.
 */
const PRIORITY: readonly FindingId[] = [
  'env.similar-name',
  'env.unset',
  'key.missing',
  'key.newline',
  // quotes around the key come before what is inside them: “…” are non-ASCII too
  'key.quoted',
  'key.non-ascii',
  'key.invisible',
  'key.whitespace',
  'key.scheme-included',
  'key.unexpanded',
  'key.placeholder',
  'key.masked',
  'key.truncated',
  'key.malformed',
  'key.basic-malformed',
  'key.wrong-type',
  'key.wrong-provider',
  'key.wrong-environment',
  'key.expired',
  'key.not-yet-valid',
  'token.id-token',
  'token.wrong-issuer',
  'token.wrong-audience',
  'env.shadowed',
  'env.stale',
  'env.not-loaded',
  'env.file-precedence',
  'env.quotes-kept',
  'env.k8s-newline',
  'env.compose-mismatch',
  'env.docker-baked',
  'net.unreachable',
  'net.tls-error',
  'status.proxy-auth',
  'status.login-redirect',
  'net.redirect-drops-auth',
  'status.waf-blocked',
  'status.no-route',
  'header.underscore-name',
  'net.proxy-strips-auth',
  'layer.gateway',
  'header.missing',
  'header.duplicate',
  'header.wrong-name',
  'header.wrong-scheme',
  'header.required-missing',
  // what the API said of an OAuth token, or its issuer's metadata proves (issue 16)
  'token.not-jwt',
  'token.wrong-issuer',
  'token.unknown-key',
  'token.bad-signature',
  'token.wrong-audience',
  'credential.sso-required',
  'credential.insufficient-scope',
  'status.not-found-masked',
  'credential.expired',
  'credential.restricted',
  'credential.wrong-account',
  'credential.wrong-region',
  'status.quota-exceeded',
  'status.rate-limited',
  'net.clock-skew',
  'status.error-in-body',
  'status.server-error',
  'status.forbidden',
  'credential.invalid',
];

export const CONFIDENCE_RANK: Readonly<Record<Confidence, number>> = {
  confirmed: 0,
  definitive: 1,
  attributed: 2,
  heuristic: 3,
};

/** Who refused first: the lower, the earlier. */
export function priority(id: FindingId): number {
  const i = PRIORITY.indexOf(id);
  return i < 0 ? PRIORITY.length : i;
}

/** Most likely cause first: errors before warnings before info; then confidence; then priority. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  const sev = { error: 0, warning: 1, info: 2 } as const;
  return [...findings].sort(
    (a, b) =>
      sev[a.severity] - sev[b.severity] ||
      CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] ||
      priority(a.id) - priority(b.id),
  );
}

const INCONCLUSIVE: ReadonlySet<FindingId> = new Set([
  'status.rate-limited',
  'status.server-error',
]);

/** Causes that are guesses when only a heuristic supports them: the verdict says so. */
const GUESSES: ReadonlySet<FindingId> = new Set([
  'credential.invalid',
  'header.wrong-name',
  'header.wrong-scheme',
]);

/** `most likely: <title> (id); also possible: id, id.` */
function candidatesOf(ranked: readonly Finding[]): string {
  const [first, ...rest] = ranked;
  const also = rest.slice(0, 3).map((f) => f.id);
  return `most likely ${first?.title.replace(/^The /, 'the ') ?? ''} (${first?.id ?? ''})${also.length ? `; also possible: ${also.join(', ')}` : ''}.`;
}

export function decideVerdict(ev: RequestEvidence, ordered: readonly Finding[]): Verdict {
  const error = errorOf(ev.final);
  const top = ordered.find((f) => f.severity === 'error');
  if (error && error.kind !== 'client-refused') {
    const isNet = (f: Finding) => f.id === 'net.tls-error' || f.id === 'net.unreachable';
    const cause = ordered.find(isNet)?.id ?? 'net.unreachable';
    const host = ev.final.request.url.host;
    // A hop answered (a redirect): that is an HTTP answer, and what it says comes first — a
    // login page the client could not even reach is still a login redirect.
    if (ev.chain.some((hop) => hop.result.ok)) {
      const said = ordered.find((f) => f.severity === 'error' && !isNet(f));
      return said
        ? { status: 'rejected', cause: said.id, summary: `Redirected to ${host}: ${said.title}.` }
        : {
            status: 'inconclusive',
            cause,
            summary: `Redirected to ${host}, which gave no HTTP answer: ${error.message}.`,
          };
    }
    return {
      status: 'unreachable',
      cause,
      summary: `No HTTP answer from ${host}: ${error.message}.`,
    };
  }
  if (ev.final.accepted) {
    const warn = ordered.filter((f) => f.severity === 'warning').length;
    const warned = warn ? `, with ${warn} warning${warn === 1 ? '' : 's'}` : '';
    // After a redirect to another origin the key stayed behind: its answer says nothing of it.
    const without = ev.credential !== null && !ev.final.carried;
    return {
      status: 'accepted',
      cause: null,
      summary: without
        ? `Answered (${ev.final.facts?.status}) by ${ev.final.request.url.host}, which got no credential (the redirect left it behind)${warned}.`
        : `Accepted (${ev.final.facts?.status}): the credential works${warned}.`,
    };
  }
  const status = ev.final.facts?.status;
  const cannotTell = ordered.find(
    (f) => f.id === 'status.server-error' || f.id === 'status.rate-limited',
  );
  // The headline of an inconclusive verdict says so first: a refusal here proves nothing.
  // After redirects, the first answer too: a 302 that ends on a 200 login page is no "Refused (200)".
  const first = ev.chain[0]?.facts?.status;
  const shown = ev.chain.length > 1 && first !== undefined ? `${first} → ${status}` : `${status}`;
  const said = error ? 'Not sent' : `Refused (${shown})`;
  const unsure = error ? 'Inconclusive: not sent' : `Inconclusive: refused (${status})`;
  if (cannotTell && (!top || INCONCLUSIVE.has(top.id) || status === undefined || status >= 500)) {
    return {
      status: 'inconclusive',
      cause: cannotTell.id,
      summary: `${unsure}: ${cannotTell.title}.`,
    };
  }
  if (!top) {
    // No error: what is left are candidates (a credential.invalid the evidence did not support).
    const candidates = ordered.filter((f) => f.severity === 'warning' && GUESSES.has(f.id));
    const first = candidates[0];
    if (first)
      return {
        status: 'inconclusive',
        cause: first.id,
        summary: `${unsure}, and nothing shows why: ${candidatesOf(candidates)}`,
      };
    // The key made no difference: say so, it is the one fact that rules "a bad key" out.
    if (sameAnswer(ev.probes['without-credential'], ev.final)) {
      const documented = documentedUnknownKey(ev);
      const alike = documented
        ? `${ev.provider?.name} documents this answer for ${documented.when.slice(0, 60)}, and gives it to no key at all`
        : 'or it answers an unknown key as it answers none';
      return {
        status: 'inconclusive',
        cause: null,
        summary: `${unsure}, the very same answer without the credential: nothing shows the server read the key (another header, scheme or its case, a layer in front), ${alike}; see the exchanges.`,
      };
    }
    return {
      status: 'inconclusive',
      cause: null,
      summary: `${unsure}, and no known cause fits: see the exchanges; run with the app's exact headers (-H) to compare.`,
    };
  }
  // A guess about the key or its place, with nothing that shows the server read the key:
  // inconclusive, the candidates ranked. "Create a new key" needs positive evidence.
  if (top.confidence === 'heuristic' && GUESSES.has(top.id)) {
    const candidates = ordered.filter(
      (f) => f.severity !== 'info' && (f === top || GUESSES.has(f.id) || f.severity === 'error'),
    );
    return {
      status: 'inconclusive',
      cause: top.id,
      summary: `${unsure}, and nothing shows the server read the key: ${candidatesOf(candidates)}`,
    };
  }
  const inconclusive = INCONCLUSIVE.has(top.id);
  return {
    status: inconclusive ? 'inconclusive' : 'rejected',
    cause: top.id,
    summary: `${inconclusive ? unsure : said}: ${top.title}.`,
  };
}
