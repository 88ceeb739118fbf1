import { defineCheck, finding } from '../../types.js';
import { signInPortal } from '../../../evidence/layers.js';
import type { RequestEvidence, Sent } from '../../../evidence/request.js';

/** A 3xx to a login page (SSO, Cloudflare Access) instead of a 401; or a sign-in form itself. */
export const loginRedirect = defineCheck<RequestEvidence>('login-redirect', ({ chain, final }) => {
  const page = final.facts;
  const redirected = chain.some((hop) => loginTarget(hop) !== undefined);
  // A sign-in form served as the answer (200, or the 401/403 of a platform's protection page).
  const signIn =
    page !== undefined &&
    ((page.status >= 200 && page.status < 300) || page.status === 401 || page.status === 403);
  if (!redirected && page?.loginForm && signIn) {
    const accept = final.request.headers.find(([n]) => n.toLowerCase() === 'accept')?.[1] ?? '';
    const url = final.request.url;
    return [
      finding(
        'status.login-redirect',
        'attributed',
        [
          `${page.status} with an HTML sign-in form at ${url.origin}${url.pathname.slice(0, 80)}, where an API answer was expected`,
          ...(/json/i.test(accept) ? [`the request asked for ${accept.slice(0, 60)}`] : []),
          ...(chain.length > 1 ? [`after ${chain.length - 1} redirect(s)`] : []),
        ],
        {
          status: page.status,
          location: `${url.origin}${url.pathname.slice(0, 80)}`,
          loginHost: url.host,
        },
      ),
    ];
  }
  for (const hop of chain) {
    const to = loginTarget(hop);
    if (!to || !hop.facts) continue;
    return [
      finding(
        'status.login-redirect',
        'attributed',
        `${hop.facts.status} to ${to.origin}${to.pathname} (a login page)`,
        {
          status: hop.facts.status,
          location: `${to.origin}${to.pathname}`,
          loginHost: to.host,
        },
      ),
    ];
  }
  return [];
});

/** Query parameters by which a sign-in portal is told where to send the user back. */
const RETURN_PARAM =
  /^(rd|redirect|redirect_?uri|redirect_?url|redirect_?to|return|return_?to|return_?url|next|continue|came_?from|service|relaystate|goto|success_?url)$/i;

/**
 * The Location hands the portal a return address (`?rd=https://app/api/status`, `?next=/api/x`,
 * `?redirect_uri=…`): the request was sent away to sign in and be sent back. Only toward another
 * origin: an API's own pagination or routing stays on its origin.
 */
function returnAddress(to: URL, from: URL): boolean {
  if (to.origin === from.origin) return false;
  for (const [name, value] of to.searchParams)
    if (RETURN_PARAM.test(name) && /^(https?:\/\/|\/)/i.test(value.trim())) return true;
  return false;
}

/**
 * Where a hop redirects when that is a login page (its path or host, or another origin given a
 * return address), else undefined.
 */
export function loginTarget(hop: Sent): URL | undefined {
  const location = hop.facts?.location;
  if (!location || !hop.facts || hop.facts.status < 300 || hop.facts.status >= 400)
    return undefined;
  try {
    const to = new URL(location, hop.request.url);
    return signInPortal(to) || returnAddress(to, hop.request.url) ? to : undefined;
  } catch {
    return undefined;
  }
}
