import { proxyFromEnv, unsupportedProxy } from '../../collect/proxy-env.js';

const LOOPBACK_URLS = ['127.0.0.1', 'localhost', '[::1]'].flatMap((host) =>
  ['http', 'https'].map((scheme) => new URL(`${scheme}://${host}/`)),
);

/**
 * Would the run's proxy pass a loopback call straight on (no proxy of the user's for it, or
 * their NO_PROXY names the loopback)? Only then are Java's and Ruby's loopback calls, which they
 * send straight by default, sent to the run's proxy: the call then ends where it would have. With
 * a proxy of the user's in the path, the proxy would pass them on through it (as curl's), and a
 * proxy elsewhere cannot reach this machine's 127.0.0.1: they are left as the app sends them.
 */
export function loopbackGoesStraight(
  parent: Readonly<Record<string, string | undefined>>,
): boolean {
  return LOOPBACK_URLS.every(
    (url) => proxyFromEnv(url, parent) === undefined && unsupportedProxy(url, parent) === undefined,
  );
}
