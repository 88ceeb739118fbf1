import type { FindingId } from '../../findings/ids.js';
import { decodeJwt, looksLikeJwt } from '../../parse/jwt.js';
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

/** Up to 80 characters within one sentence (a value such as `https://api.acme.dev` holds dots). */
const NEAR = String.raw`(?:(?!\.\s)[^\n]){0,80}?`;

/**
 * What verifiers say when a token's `iss` is not one they trust: Envoy/Istio "Jwt issuer is not
 * configured", Spring "The iss claim is not valid", express-jwt "jwt issuer invalid. expected: …",
 * ASP.NET IDX10205 "Issuer validation failed" / `The issuer 'x' is invalid`, Keycloak "Invalid
 * token issuer. Expected '…'", jose `unexpected "iss" claim value`, go-oidc "issued by a different
 * provider", PyJWT "Invalid issuer".
 */
export const ISSUER_WORDS = new RegExp(
  String.raw`\b(iss|issuer)\b${NEAR}\b(is |are )?(not (configured|valid|allowed|trusted|accepted|recogni[sz]ed|supported|expected)|invalid|mismatch(ed)?|unknown|untrusted|does ?n[o']t match|did not match|not match|rejected)|\b(invalid|unexpected|unknown|untrusted|wrong|bad|unsupported)\b(\s+\w+)?\s+"?(iss|issuer)\b|issuer validation failed|\bIDX1020[45]\b|issued by a different (provider|issuer)|expected issuer`,
  'i',
);

/**
 * What verifiers say when a token's `aud` does not name them: Envoy "Audiences in Jwt are not
 * allowed", Spring "The aud claim is not valid", express-jwt "jwt audience invalid. expected: …",
 * ASP.NET IDX10214 "Audience validation failed" / `The audience 'x' is invalid`, Keycloak
 * "Expected audience not available in the token", jose `unexpected "aud" claim value`, PyJWT
 * "Invalid audience" / "Audience doesn't match".
 */
export const AUDIENCE_WORDS = new RegExp(
  String.raw`\b(aud|audiences?)\b${NEAR}\b(is |are )?(not (configured|valid|allowed|trusted|accepted|recogni[sz]ed|supported|available|permitted|expected)|invalid|mismatch(ed)?|unknown|does ?n[o']t match|did not match|not match|rejected)|\b(invalid|unexpected|unknown|wrong|bad|unsupported)\b(\s+\w+)?\s+"?(aud|audiences?)\b|audience validation failed|\bIDX102(08|14)\b|expected audience`,
  'i',
);

/** What the server says it expects, when it says it: `expected: x`, `Expected 'x'`, `ValidAudience: 'x'`. */
const EXPECTED =
  /\b(?:expected(?: (?:audience|issuer))?|valid(?:audiences?|issuers?))\s*[:=]?\s*['"]?([^\s'",;)]{1,200})/i;

/** A claim as text: strings as they are, lists joined. */
function claimText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const all = value.filter((v): v is string => typeof v === 'string');
    return all.length ? all.join(', ') : undefined;
  }
  return undefined;
}

function tokenClaimCheck(
  name: string,
  id: FindingId,
  claim: 'iss' | 'aud',
  words: RegExp,
  what: string,
) {
  return defineCheck<RequestEvidence>(name, ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || (f.status !== 401 && f.status !== 403)) return [];
    const said = words.exec(f.errorText);
    if (!said) return [];
    const jwt = looksLikeJwt(credential.meant) ? decodeJwt(credential.meant) : undefined;
    const held = jwt?.ok ? claimText(jwt.claims[claim]) : undefined;
    const expected = EXPECTED.exec(f.errorText.slice(said.index))?.[1];
    const quote = f.errorText.slice(Math.max(0, said.index - 40), said.index + 120).trim();
    return [
      finding(
        id,
        'attributed',
        [
          `${f.status}: the verifier speaks of the token's ${what}: ${quote}`,
          // The expected value once: in the server's words when the quote holds it.
          held !== undefined
            ? `the token's ${claim} is ${held}${expected !== undefined && expected !== held && !quote.includes(expected) ? `; the server expects ${expected}` : ''}`
            : jwt?.ok
              ? `the token has no ${claim} claim`
              : 'the token is not a readable JWT: its claims cannot be compared',
        ],
        { [claim]: held ?? null, expected: expected ?? null },
      ),
    ];
  });
}

/** The verifier does not trust the token's issuer (`iss`): its words, and the claim for evidence. */
export const tokenWrongIssuer = tokenClaimCheck(
  'token-wrong-issuer',
  'token.wrong-issuer',
  'iss',
  ISSUER_WORDS,
  'issuer',
);

/** The verifier does not accept the token's audience (`aud`): its words, and the claim for evidence. */
export const tokenWrongAudience = tokenClaimCheck(
  'token-wrong-audience',
  'token.wrong-audience',
  'aud',
  AUDIENCE_WORDS,
  'audience',
);
