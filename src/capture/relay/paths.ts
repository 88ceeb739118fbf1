/**
 * The app's request target on the API: absolute-form is cut to its path, and a target with a
 * path prefix (`--target https://host/v1`) gets it put in front.
 */
export function upstreamPath(target: URL, requestTarget: string): string {
  let path = requestTarget;
  if (/^https?:\/\//i.test(requestTarget)) {
    try {
      const url = new URL(requestTarget);
      path = url.pathname + url.search;
    } catch {
      path = '/';
    }
  }
  const prefix = target.pathname.replace(/\/$/, '');
  return prefix && !path.startsWith(`${prefix}/`) && path !== prefix ? `${prefix}${path}` : path;
}

const urls = new Map<string, URL>();

/**
 * The URL a call is reported under: the target's origin and the path (`//x` stays a path).
 * Apps call the same few paths again and again: each is parsed once (readers never change it).
 */
export function callUrl(target: URL, path: string): URL {
  const key = `${target.origin}${path.startsWith('/') ? '' : '/'}${path}`;
  let url = urls.get(key);
  if (!url) {
    try {
      url = new URL(key);
    } catch {
      url = new URL(target.origin);
    }
    if (urls.size >= 512) urls.clear();
    urls.set(key, url);
  }
  return url;
}
