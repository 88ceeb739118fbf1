import type * as http from 'node:http';
import { splitScheme } from '../../evidence/credential-place.js';
import { registerPathSecrets } from '../../engine/request-secrets.js';
import { headerMayBeCredential, paramMayBeCredential } from '../../secret/harmless.js';
import { publicPrefixOf } from '../../providers/detect.js';
import { charName, codePoints, isAsciiSpace, isHidden } from '../../secret/chars.js';
import { Secret } from '../../secret/secret.js';
import { renderVisible } from '../../secret/visible.js';
import { headerPairs } from '../http1/raw-heads.js';
import { wireText } from '../http1/wire-text.js';

export interface EchoHeader {
  readonly name: string;
  /** Hidden characters by name; a credential's value redacted. */
  readonly value: string;
  readonly hidden: readonly string[];
  readonly credential: boolean;
  readonly underscore: boolean;
  /** How many times this name (any case) came. */
  readonly count: number;
}

export interface EchoCredential {
  readonly where: string;
  readonly scheme: string | null;
  readonly visible: string;
  readonly length: number;
  readonly fingerprint: string;
  readonly hidden: readonly string[];
}

/** What arrived, exactly: the echo server's answer and printout (`why401/echo@1`). */
export interface EchoReport {
  readonly schema: 'why401/echo@1';
  readonly method: string;
  readonly path: string;
  readonly httpVersion: string;
  readonly headers: readonly EchoHeader[];
  readonly credentials: readonly EchoCredential[];
  readonly duplicates: readonly string[];
  readonly underscores: readonly string[];
  readonly notes: readonly string[];
  readonly bodyBytes: number;
}

/** A header value with hidden characters by name: inner spaces stay, edge ones show. */
export function visibleValue(value: string): { text: string; hidden: string[] } {
  const points = [...codePoints(value)];
  const first = points.findIndex((p) => !isAsciiSpace(p.cp));
  const last = points.length - 1 - [...points].reverse().findIndex((p) => !isAsciiSpace(p.cp));
  const hidden: string[] = [];
  let text = '';
  points.forEach((p, i) => {
    const edge = first < 0 || i < first || i > last;
    const mark = (isHidden(p.cp) && (edge || !isAsciiSpace(p.cp) || p.cp === 0x09)) || p.cp > 0x7e;
    if (mark) {
      hidden.push(`${charName(p.cp)} at ${p.index}`);
      text += `⟨${charName(p.cp)}⟩`;
    } else text += String.fromCodePoint(p.cp);
  });
  return { text, hidden };
}

function credentialOf(where: string, raw: string, inQuery: boolean): EchoCredential {
  const { scheme, token } = inQuery ? { scheme: null, token: raw } : splitScheme(raw);
  const secret = new Secret(token, inQuery ? `query:${where}` : `header:${where}`);
  const visible = renderVisible(secret, publicPrefixOf(token.trim()) ?? '');
  return {
    where: inQuery ? `?${where}=` : where,
    scheme,
    visible: visible.text,
    length: secret.length,
    fingerprint: secret.fingerprint,
    hidden: visible.marks.map((m) => `${m.name} at ${m.index}`),
  };
}

/** Reads one request as it arrived: exact header values, credentials fingerprinted, never shown. */
export function echoReport(req: http.IncomingMessage, bodyBytes: number): EchoReport {
  const pairs = headerPairs(req).map(([n, v]) => [n, wireText(v)] as const);
  const counts = new Map<string, number>();
  for (const [n] of pairs) counts.set(n.toLowerCase(), (counts.get(n.toLowerCase()) ?? 0) + 1);
  const credentials: EchoCredential[] = [];
  const headers: EchoHeader[] = pairs.map(([name, value]) => {
    const credential = headerMayBeCredential(name, value);
    let shown = visibleValue(value);
    if (credential) {
      const c = credentialOf(name, value, false);
      credentials.push(c);
      shown = { text: `${c.scheme ? `${c.scheme} ` : ''}${c.visible}`, hidden: [...c.hidden] };
    }
    return {
      name,
      value: shown.text,
      hidden: shown.hidden,
      credential,
      underscore: name.includes('_'),
      count: counts.get(name.toLowerCase()) ?? 1,
    };
  });
  const url = new URL(req.url ?? '/', 'http://echo.invalid');
  registerPathSecrets(url);
  const query = [...url.searchParams].map(([name, value]) => {
    // decoded, a query can hold anything (%0A starts a line of its own): shown as headers are
    const shownName = visibleValue(name).text;
    if (!paramMayBeCredential(name, value)) return `${shownName}=${visibleValue(value).text}`;
    const c = credentialOf(name, value, true);
    credentials.push(c);
    return `${shownName}=${c.visible}`;
  });
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([name]) => name);
  const underscores = [...new Set(pairs.map(([n]) => n).filter((n) => n.includes('_')))];
  const notes = [
    ...underscores.map(
      (n) =>
        `${n}: a header name with an underscore; nginx (underscores_in_headers off) and other proxies drop it`,
    ),
    ...duplicates.map(
      (n) => `${n}: sent ${counts.get(n)} times; servers keep the first, the last, or join them`,
    ),
    ...credentials
      .filter((c) => c.hidden.length > 0)
      .map((c) => `${c.where}: hidden characters in the credential: ${c.hidden.join(', ')}`),
  ];
  return {
    schema: 'why401/echo@1',
    method: req.method ?? '',
    path: `${url.pathname}${query.length ? `?${query.join('&')}` : ''}`,
    httpVersion: req.httpVersion,
    headers,
    credentials,
    duplicates,
    underscores,
    notes,
    bodyBytes,
  };
}
