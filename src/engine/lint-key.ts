import { KEY_CHECKS } from '../checks/key/index.js';
import { runChecks } from '../checks/types.js';
import { rankFindings, renderFinding } from '../findings/render.js';
import type { Finding } from '../findings/types.js';
import { publicPrefixOf } from '../providers/detect.js';
import type { Secret } from '../secret/secret.js';
import { renderVisible, type VisibleRendering } from '../secret/visible.js';
import {
  buildKeyEvidence,
  meantValue,
  withPrefix,
  type KeyContext,
} from '../evidence/key-evidence.js';
import { summarizeToken, type TokenSummary } from '../parse/token-summary.js';

export interface CredentialSummary {
  readonly source: string;
  readonly redacted: string;
  readonly length: number;
  readonly fingerprint: string;
  /** A JWT's (or JWE's) header and OAuth claims: not secrets (the token is). */
  readonly token?: TokenSummary;
}

export interface KeyReport {
  readonly credential: CredentialSummary;
  /** Best-guess provider id, or null. */
  readonly provider: string | null;
  /** secret, publishable, test, live, admin, jwt, basic, … (null when the shape says nothing). */
  readonly kind: string | null;
  /** Every word the shape's kind has (`["secret", "live"]`); `kind` is the first. */
  readonly kinds: readonly string[];
  /** Every provider id the shape fits. */
  readonly candidates: readonly string[];
  readonly visible: VisibleRendering;
  readonly findings: readonly Finding[];
}

export function summarize(secret: Secret): CredentialSummary {
  const token = summarizeToken(meantValue(secret.reveal()));
  return {
    source: secret.source,
    redacted: secret.redacted,
    length: secret.length,
    fingerprint: secret.fingerprint,
    ...(token ? { token } : {}),
  };
}

/** Every key.* check, offline. */
export function lintKey(input: Secret, context: KeyContext = {}): KeyReport {
  const secret = withPrefix(input);
  const evidence = buildKeyEvidence(secret, context);
  const findings = rankFindings(runChecks(KEY_CHECKS, evidence).map(renderFinding));
  const specific = evidence.matches.filter((m) => !m.shape.generic);
  const expectedId = evidence.expected?.provider.id;
  const best =
    specific.find((m) => m.provider.id === expectedId) ??
    specific[0] ??
    (expectedId ? evidence.matches.find((m) => m.provider.id === expectedId) : undefined);
  const candidates = [...new Set(evidence.matches.map((m) => m.provider.id))];
  // A generic shape (bare hex, any JWT) fits too many providers to name one on its own; a
  // distinctive prefix on a damaged key (truncated, malformed) still names its one provider.
  const family = evidence.family;
  const provider =
    best?.provider.id ??
    (family && !family.fits && family.providerIds.length === 1
      ? (family.providerIds[0] ?? null)
      : null);
  const formKind = kindFromForm(secret.reveal().trim(), evidence.jwt?.ok === true);
  const kinds = best?.shape.kinds ?? (formKind ? [formKind] : []);
  return {
    credential: summarize(secret),
    provider,
    kind: kinds[0] ?? null,
    kinds,
    candidates,
    visible: renderVisible(secret, publicPrefixOf(secret.reveal().trim()) ?? ''),
    findings,
  };
}

function kindFromForm(core: string, isJwt: boolean): string | null {
  if (isJwt) return 'jwt';
  if (/^basic\s/i.test(core)) return 'basic';
  return null;
}
