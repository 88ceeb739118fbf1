/**
 * A redirect's absolute `Location` seen through capture. One that points at the target itself is
 * rewritten to capture's own address, as nginx's default `proxy_redirect` does: else the app's
 * next call goes straight to the API, unseen, and clients that drop the credential on a change of
 * origin send it without its key. One that points at another origin is left as it is, and said.
 */
export type LocationVerdict =
  | { readonly kind: 'rewrite'; readonly location: string }
  | { readonly kind: 'elsewhere'; readonly origin: string }
  | undefined;

/**
 * What to do with a 3xx's Location (undefined: nothing, as for a relative one). `appHost` is the
 * Host the app addressed capture by (`127.0.0.1:8401`, `localhost:8401`).
 */
export function judgeLocation(
  status: number,
  location: string | undefined,
  target: URL,
  appHost: string | undefined,
): LocationVerdict {
  if (status < 300 || status >= 400 || location === undefined) return undefined;
  const value = location.trim();
  // Relative (`/v1/x`, `x`) stays relative: it resolves against capture's address by itself.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && !value.startsWith('//')) return undefined;
  let to: URL;
  try {
    to = new URL(value, target);
  } catch {
    return undefined;
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return undefined;
  if (to.origin !== target.origin) return { kind: 'elsewhere', origin: to.origin };
  if (!appHost || !/^[\w.-]+(:\d+)?$|^\[[\d:a-f.]+\](:\d+)?$/i.test(appHost)) return undefined;
  // Everything after the origin as the API wrote it: path, query, fragment.
  const rest = value.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*|^\/\/[^/?#]*/i, '');
  return { kind: 'rewrite', location: `http://${appHost}${rest === '' ? '/' : rest}` };
}
