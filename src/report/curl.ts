import { withCredential } from '../engine/build-request.js';
import type { RequestEvidence } from '../evidence/request.js';

/** Stands for the key in a URL or body while it is rendered (letters only: no encoding touches it). */
const MARK = 'WHY401KEYMARK';

/** POSIX single-quoting. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The equivalent curl, redacted: the secret as "$NAME" when it came from an env variable, else a
 * placeholder; the redirect chain as comments.
 */
export function renderCurl(ev: RequestEvidence): string {
  const first = ev.chain[0];
  if (!first) return '';
  const cred = ev.credential;
  const envName = cred?.secret.source.startsWith('env:')
    ? cred.secret.source.slice(4).split(' ')[0]
    : undefined;
  const stand = envName ? `$${envName}` : '$WHY401_KEY';
  const parts = ['curl', '-sS', '-i'];
  if (first.request.method !== 'GET') parts.push('-X', first.request.method);
  const url = new URL(first.request.url.href);
  let urlText = shellQuote(url.href);
  let body = first.request.body;
  let bodyText = body === undefined ? undefined : shellQuote(body);
  // The key's spot holds a marker, then each piece around it is quoted and "$NAME" goes between.
  const around = (text: string) => text.split(MARK).map(shellQuote).join(`"${stand}"`);
  if (cred?.spot.in === 'query') {
    url.searchParams.delete(cred.spot.name);
    const sep = url.search ? '&' : '?';
    urlText = `"${url.href}${sep}${cred.spot.name}=${stand}"`;
  }
  if (cred && cred.spot.in !== 'query' && cred.spot.in !== 'header') {
    const marked = withCredential(first.request, cred.spot, cred.spot, MARK);
    if (cred.spot.in === 'path') urlText = around(marked.url.href);
    body = marked.body;
    if (cred.spot.in === 'body' && body !== undefined) bodyText = around(body);
  }
  for (const [name, value] of first.request.headers) {
    const isCred =
      cred?.spot.in === 'header' && name.toLowerCase() === cred.spot.name.toLowerCase();
    if (isCred && cred.spot.in === 'header') {
      if (cred.placedByUs && cred.spot.scheme?.toLowerCase() === 'basic') {
        // A pair why401 built from the key: curl builds the same one with -u.
        const user = cred.spot.basicUser;
        parts.push(
          '-u',
          user === undefined ? `"${stand}":` : `${shellQuote(`${user}:`)}"${stand}"`,
        );
        continue;
      }
      const scheme = cred.spot.scheme
        ? `${cred.spot.scheme}${cred.spot.scheme.endsWith('=') ? '' : ' '}`
        : '';
      parts.push('-H', `"${name}: ${scheme}${stand}"`);
    } else {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }
  if (bodyText !== undefined) parts.push('--data-raw', bodyText);
  parts.push(urlText);
  const lines = [parts.join(' ')];
  if (!envName && cred)
    lines.unshift(`# set WHY401_KEY to the credential first (never paste it into a shared log)`);
  for (const hop of ev.chain.slice(1))
    lines.push(
      `# then ${hop.label}: ${hop.request.method} ${hop.request.url.href}${hop.carried ? '' : ' (without the credential: another origin)'}`,
    );
  return lines.join('\n');
}
