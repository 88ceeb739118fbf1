import { defineCheck, finding } from '../../types.js';
import type { AnswerFacts } from '../../../evidence/answer.js';
import { describeSpot } from '../../../evidence/credential-place.js';
import { platformPage } from '../layer/own-login.js';
import {
  documentedUnknownKey,
  layerOwnRefusal,
  rateLimited,
  readingAlternative,
  sameAnswer,
  saysNoCredential,
  sentScheme,
  type RequestEvidence,
  type Sent,
} from '../../../evidence/request.js';

/**
 * A refusal aimed at the credential itself: 401, a 403 or 400 that says invalid, or an error
 * body; or a 403 that is the provider's documented answer to an unknown key (Datadog's bare
 * "Forbidden").
 */
export function refusedCredential(final: Sent, ev?: RequestEvidence): boolean {
  const f = final.facts;
  if (!f || final.accepted) return false;
  if (f.status === 401) return true;
  // (only beside the answer without a key, which tells whether this key made the difference)
  if (f.status === 403 && ev?.probes['without-credential'] && documentedUnknownKey(ev)) return true;
  if (f.status === 403 || f.status === 400)
    return (f.says.has('invalid') || f.says.has('expired')) && !rateLimited(f);
  // A sign-in page is status.login-redirect's: it says nothing of the key.
  return f.status >= 200 && f.status < 300 && f.bodySaysFailure && !f.loginForm;
}

/**
 * The server read this credential and rejected it: its own words (a body code or message, a
 * challenge's `error="invalid_token"`) blame the key, or its answer changes when the key is left
 * out. The positive evidence "create a new key" needs.
 */
export function blamesKey(f: AnswerFacts): boolean {
  return (
    f.blamesCredential ||
    f.bearerError === 'invalid_token' ||
    (f.says.has('invalid') && !saysNoCredential(f))
  );
}

/**
 * Sent correctly, rejected. The last word, when nothing more specific explains the refusal, and
 * only as sure as the evidence that the server read the key: `attributed` when its words blame
 * the key or its answer differs without one; `heuristic` (a candidate the verdict calls
 * inconclusive) when the answer names no cause. Never when the answer is the very same without
 * any credential: then nothing shows the key was read at all (another header, scheme or case, a
 * layer in front); the verdict names what the evidence supports, or is inconclusive.
 */
export const credentialInvalid = defineCheck<RequestEvidence>('credential-invalid', (ev) => {
  const { final, credential, probes, keyFindings, alternatives } = ev;
  const f = final.facts;
  if (!credential || !f || !refusedCredential(final, ev)) return [];
  if (f.says.has('expired')) return [];
  // A token of another type than the method takes: key.wrong-type, the key itself is fine.
  if (f.says.has('token-type')) return [];
  // The layer in front answered its own stock page, the same without the key: layer.gateway.
  if (layerOwnRefusal(ev)) return [];
  // A sign-in page or a hosting platform's protection answered: it says nothing of the key.
  if (f.loginForm || platformPage(ev)) return [];
  // Some form of this key was accepted (cleaned, another header): the key itself is fine.
  if (Object.values(probes).some((p) => p?.carried && p.accepted)) return [];
  if (alternatives.some((a) => a.accepted)) return [];
  const anon = probes['without-credential'];
  // The answer without any credential differs: the server read the key (one comparison for every
  // check: sameAnswer).
  const read = anon?.facts !== undefined && !sameAnswer(anon, final);
  // The very same answer without any credential: the key made no difference, so nothing shows
  // the server read it (another scheme or case, another place, a layer in front answer so too;
  // a provider that answers an unknown key as it answers none cannot tell them apart either).
  // "Create a new key" is never the word then, not even as a candidate.
  if (sameAnswer(anon, final)) return [];
  // Words that say "no credential" while the answer without one differs: the key was read
  // ("You did not pass a valid token" vs "You did not pass a token").
  if (saysNoCredential(f) && !read) return unseenKey(ev);
  const evidence = [
    `${f.status}${f.bearerError ? ` (error="${f.bearerError}")` : ''}${f.errorText ? `: ${f.errorText.slice(0, 140)}` : f.stockPage ? ": the web server's stock page for the status, no words of its own" : ''}`,
  ];
  const documented = documentedUnknownKey(ev);
  if (read)
    evidence.push(
      `without the credential the answer differs (${anon?.facts?.status}): the server read the key and refused it`,
    );
  if (documented)
    evidence.push(
      `${ev.provider?.name} documents this answer (${documented.status}) for: ${documented.when.slice(0, 80)}`,
    );
  else if (!read && !blamesKey(f))
    evidence.push('the answer does not say why: nothing shows the server read this key');
  const hygiene = keyFindings.some((k) => k.confidence === 'definitive' && k.id.startsWith('key.'));
  // The answer read the key (it differs without one) or its words blame the key itself.
  const established = read || blamesKey(f);
  return [
    finding('credential.invalid', established && !hygiene ? 'attributed' : 'heuristic', evidence, {
      established,
    }),
  ];
});

/**
 * A 401 whose challenge asks for the very scheme the key went with, and names no error (RFC 6750
 * 3.1: a request without usable authentication gets no error code). The server saw no usable
 * credential: it does not tell a missing token from a bad one (ASP.NET, many JWT middlewares), or
 * the token is not one it can use. A heuristic; probes that show the server reads the key
 * elsewhere, or accepts it cleaned, take precedence (the header and key checks).
 */
function unseenKey(ev: RequestEvidence) {
  const { final, credential, probes } = ev;
  const f = final.facts;
  if (!credential || !f || f.status !== 401) return [];
  const scheme = sentScheme(credential);
  const asked = f.challenges.find((c) => c.scheme === scheme);
  if (!asked || readingAlternative(ev) || ev.leftOrigin) return [];
  const anon = probes['without-credential'];
  // The same answer without the key: nothing shows it was read (see credentialInvalid).
  if (sameAnswer(anon, final)) return [];
  const evidence = [
    `401 with a bare \`WWW-Authenticate: ${asked.rawScheme}\` challenge (no error=)${f.errorText ? `: ${f.errorText.slice(0, 100)}` : ''}`,
    `by RFC 6750 that means the server saw no usable credential, though one went as ${describeSpot(credential.spot)}: it does not tell a missing token from a rejected one, or this token is not one it can use`,
  ];
  if (anon?.facts)
    evidence.push(
      `without the credential: ${anon.facts.status}, a different answer: the server read the key`,
    );
  return [finding('credential.invalid', 'heuristic', evidence)];
}
