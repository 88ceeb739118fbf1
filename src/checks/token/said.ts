/**
 * What JWT validators say about the token's signing key and signature, generalised: ASP.NET's
 * IDX codes and sentences, jose, jsonwebtoken / express-jwt, Spring Security (Nimbus), Keycloak,
 * Envoy's jwt_authn. Read in the answer's error text (`error_description` and the body's
 * messages). What they say about its issuer and audience is read in one place only:
 * `../request/token.ts` (token.wrong-issuer / token.wrong-audience, with what the server expects).
 */
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import type { FindingId } from '../../findings/ids.js';
import type { RawFinding } from '../../findings/types.js';
import { claimString, headerString, quote, refusedJwt } from './shared.js';

type Said = 'token.unknown-key' | 'token.bad-signature';

/** Patterns by id, most specific first. Exported for the table test. */
export const SAID: readonly (readonly [Said, RegExp])[] = [
  // ASP.NET (Microsoft.IdentityModel): IDX10501 / IDX10516 no key for the kid, IDX10503 /
  // IDX10504 / IDX10511 signature failed with the keys tried; JwtBearer's own
  // error_description "The signature key was not found".
  ['token.unknown-key', /signature key was not found/i],
  [
    'token.unknown-key',
    /\bIDX10501\b|\bIDX10516\b|\bIDX10517\b|\bIDX10511\b[^.]*\b(unable to match|kid)\b/i,
  ],
  ['token.bad-signature', /\bIDX1050[034]\b|\bIDX10508\b|\bIDX10511\b/],
  // jose, jsonwebtoken / jwks-rsa, Spring, Keycloak, Envoy, generic.
  [
    'token.unknown-key',
    /no applicable key found|no matching key|jwks doesn'?t have key|(unable|could not|failed) to (find|match|locate) (a |the )?(signing |public |matching )?key|signing key (not found|that matches)|key (with )?(id|kid) ['"]?[\w.:-]*['"]? (was )?not found|unknown (key id|kid)|kid ['"]?[\w.:-]*['"]? (not found|is unknown)/i,
  ],
  [
    'token.bad-signature',
    /invalid (token )?signature|signature verification (failed|fails)|jwt verification fails|signature (is )?(invalid|not valid|does not match|mismatch)|signed jwt rejected: invalid signature|could not verify (the )?(token'?s? )?signature/i,
  ],
];

/** The first thing the text says, per id (the most specific pattern wins per id). */
export function readSaid(text: string): Map<Said, number> {
  const out = new Map<Said, number>();
  for (const [id, pattern] of SAID) {
    if (out.has(id)) continue;
    const m = pattern.exec(text);
    if (m) out.set(id, m.index);
  }
  // A missing key is not also a bad signature (IDX10511 says both ways).
  if (out.has('token.unknown-key')) out.delete('token.bad-signature');
  return out;
}

export const tokenSaid = defineCheck<RequestEvidence>('token-said', (e) => {
  const jwt = refusedJwt(e);
  const f = e.final.facts;
  if (!jwt || !f || f.errorText === '') return [];
  const out: RawFinding[] = [];
  for (const [id, at] of readSaid(f.errorText)) {
    const said = `${f.status}: the API says ${quote(f.errorText, at)}`;
    const data = dataFor(id, jwt);
    const alg = headerString(jwt, 'alg') ?? '';
    const lines =
      id === 'token.bad-signature' && /^HS/i.test(alg)
        ? [said, `${alg}: signed with a shared secret, which cannot be checked without it`]
        : [said];
    out.push(finding(id as FindingId, 'attributed', lines, data));
  }
  return out;
});

function dataFor(id: Said, jwt: Parameters<typeof claimString>[0]) {
  const iss = claimString(jwt, 'iss');
  const kid = headerString(jwt, 'kid');
  const alg = headerString(jwt, 'alg');
  switch (id) {
    case 'token.unknown-key':
      return kid !== undefined ? { kid } : {};
    case 'token.bad-signature':
      return {
        ...(kid !== undefined ? { kid } : {}),
        ...(iss !== undefined ? { iss } : {}),
        ...(alg !== undefined ? { alg } : {}),
      };
  }
}
