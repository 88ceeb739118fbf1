/**
 * What `parseUrl` checks before a word the user typed becomes a URL, and how it says what is
 * wrong: a key pasted where the URL belongs is neither printed nor sent to DNS.
 */
import { usageError, type Why401Error } from '../errors.js';
import { isPlainName, looksLikeSecretValue, shownUrl } from '../secret/name-or-secret.js';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The host as typed (case kept): after the scheme and any userinfo, before a port or path. */
function typedHost(value: string): string {
  const rest = value.replace(SCHEME, '');
  const authority = rest.split(/[/?#\\]/)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host : host.replace(/:\d*$/, '');
}

/** The usage error for a value that `new URL` refused, without echoing what may be a password. */
export function invalidUrl(value: string, what: string): Why401Error {
  const hint = value.includes('@')
    ? ': a user name or password holding / # ? @ or a space must be percent-encoded (%2F %23 %3F %40 %20)'
    : '';
  return usageError(`${what} is not a valid URL (${shownUrl(value)})${hint}`);
}

/**
 * A word is sent to DNS only when it is plainly a host: an IP address, `localhost`, a dotted name
 * ending in a top-level domain of letters (`api.example.com`, `abc123.supabase.co`), or, when the
 * user wrote a scheme (`http://api:8080`), a single label that is plainly a name. Anything else (a
 * bare word, a label over 63 characters, a UUID, a hex, base64 or provider-shaped key) is a usage
 * error that neither shows nor resolves it.
 */
export function checkHost(value: string, url: URL, what: string): void {
  const host = url.hostname;
  if (host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host === 'localhost') return;
  const typed = typedHost(value);
  const labels = host.replace(/\.$/, '').split('.');
  const dotted =
    labels.length > 1 && /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1) ?? '');
  const longLabel = labels.some((l) => l.length > 63);
  if (dotted && !longLabel && !looksLikeWholeKey(typed)) return;
  const scheme = SCHEME.test(value);
  if (scheme && !longLabel && isPlainName(typed)) return;
  // Shown only when every piece of what was typed is a plain name: the part before a `/` of a
  // base64 key is one too (`xAwjglkkD6k/Qz9+…`).
  const plain = value
    .replace(SCHEME, '')
    .split(/[/?#]/)
    .every((piece) => piece === '' || isPlainName(piece.replace(/:\d+$/, '')));
  if (!longLabel && plain && isPlainName(typed))
    throw usageError(
      `${what}: "${typed}" is not plainly a host name, and is not looked up: write the URL with its scheme (http://${typed}/…) or a full host name (${typed}.example.com)`,
    );
  throw usageError(
    `${what}: what was given (${value.length} characters) is not a host name but looks like a key value; it is neither shown nor looked up. Give a URL such as https://api.example.com/v1/…, and a key with --key-env VAR or --key-stdin`,
  );
}

/** A dotted key (JWT, SendGrid's SG.…): the whole word is a known key shape. */
function looksLikeWholeKey(typed: string): boolean {
  return /^(eyJ|SG\.|ya29\.|xox)/.test(typed) && looksLikeSecretValue(typed);
}

/**
 * `--proxy URL` checked before anything is sent: a URL that does not parse (a password holding
 * `/`) or a key given as the proxy is a usage error that shows neither.
 */
export function checkProxyWord(value: string, what = '--proxy'): void {
  let url: URL;
  try {
    url = new URL(SCHEME.test(value) ? value : `http://${value}`);
  } catch {
    throw invalidUrl(value, what);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return; // the engine says so
  checkHost(value, url, what);
}
