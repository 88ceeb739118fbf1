import { describeSpot } from '../../../evidence/credential-place.js';
import {
  documentedShape,
  sameAnswer,
  sentScheme,
  type RequestEvidence,
} from '../../../evidence/request.js';
import type { Challenge } from '../../../parse/www-authenticate.js';

/** Does the provider take a key with this challenge scheme anywhere it documents? */
function providerTakes(
  provider: NonNullable<RequestEvidence['provider']>,
  scheme: string,
): boolean {
  return [provider.auth, ...provider.alternatives].some((p) =>
    p.in === 'basic'
      ? scheme === 'basic'
      : p.in === 'header' && (p.scheme ?? '').toLowerCase() === scheme,
  );
}

/**
 * A layer's own login: a 401 challenging for Basic or Digest while the key went otherwise, the
 * very same without the key (when that was tried), and what answers is not the API: the realm
 * names a layer its headers or the realm itself reveal (`Basic realm="traefik"`, `realm="Netlify"`
 * with `x-nf-request-id`), or the named provider takes no such scheme and the answer is none of
 * its documented ones. Not "send it as Basic": the layer in front wants its own login.
 */
export function layerLogin(
  ev: RequestEvidence,
):
  | { readonly challenge: Challenge; readonly name: string | undefined; readonly evidence: string }
  | undefined {
  const f = ev.final.facts;
  const { credential, provider } = ev;
  if (!f || !credential || ev.final.accepted || f.status !== 401) return undefined;
  const scheme = sentScheme(credential);
  const challenge = f.challenges.find(
    (c) => (c.scheme === 'basic' || c.scheme === 'digest') && c.scheme !== scheme,
  );
  if (!challenge) return undefined;
  // The provider's own scheme: the API asks for it (a Bearer key sent to Twilio).
  if (provider && providerTakes(provider, challenge.scheme)) return undefined;
  // The answer changes without the key: something read it, not a login that ignores it.
  const anon = ev.probes['without-credential'];
  if (anon?.facts && !sameAnswer(anon, ev.final)) return undefined;
  const realm = challenge.params['realm'] ?? '';
  const asked = `it challenges for ${challenge.rawScheme}${realm ? ` (realm "${realm.slice(0, 40)}")` : ''} while the key went as ${describeSpot(credential.spot)}`;
  const named = realm
    ? f.layers.find((l) => realm.toLowerCase().includes(l.name.toLowerCase()))
    : undefined;
  if (named)
    return {
      challenge,
      name: named.name,
      evidence: `${asked}: the realm names ${named.name} (${named.evidence}), a login of the layer in front`,
    };
  if (provider && !documentedShape(ev))
    return {
      challenge,
      name: undefined,
      evidence: `${asked}: ${provider.name} takes no ${challenge.rawScheme} credential and documents no such answer, a login of a layer in front`,
    };
  return undefined;
}

/**
 * An HTML page where an API answer was expected, from a hosting platform or edge in front (its
 * headers name it: x-vercel-id, x-nf-request-id, cf-ray) or with a sign-in form, and the key made
 * no difference: the very same without it, or in every other place tried. That is the platform's
 * protection answering (Vercel Deployment Protection, Netlify's password, Cloudflare Access), not
 * the API refusing a header it does not read.
 */
export function platformPage(
  ev: RequestEvidence,
): { name: string; evidence: string[] } | undefined {
  const f = ev.final.facts;
  if (!f || !ev.credential || ev.final.accepted || !f.isHtml || f.stockPage) return undefined;
  if (f.status !== 401 && f.status !== 403) return undefined;
  const edge = f.layers.find((l) => l.kind === 'cdn');
  const access = f.protection;
  if (!edge && !f.loginForm && !access) return undefined;
  const ignored = sameAnswer(ev.probes['without-credential'], ev.final);
  const tried = ev.alternatives.filter((a) => a.facts !== undefined);
  const alike = tried.length > 0 && tried.every((a) => sameAnswer(a, ev.final));
  // Without a probe, only a hosting platform's own words or sign-in form tell.
  const named =
    edge?.ownLogin === true && (f.loginForm || access !== undefined || f.aboutCredential);
  if (!ignored && !alike && !named && !(access && edge)) return undefined;
  const who = edge?.name ?? access?.name ?? 'a sign-in page';
  return {
    name: who,
    evidence: [
      `${f.status}: an HTML page${f.loginForm ? ' with a sign-in form' : ''}${edge ? ` from ${edge.name} (${edge.evidence})` : ''} where an API answer was expected`,
      ...(ignored ? ['the very same page without the key'] : []),
      ...(alike
        ? [`the very same page with the key in every other place tried (${tried.length})`]
        : []),
      "the platform's protection answers before the API: the key made no difference",
    ],
  };
}
