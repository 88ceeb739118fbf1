/**
 * HTTP/1.x message heads as bytes on the wire: capture's relay reads them itself instead of
 * through node:http, because it must see header values exactly as sent (node:http trims them)
 * and because parsing twice (in, then out again) costs more than the rest of a call.
 */

export type HeaderLine = [name: string, value: string];

export interface RequestHead {
  readonly method: string;
  readonly target: string;
  /** `HTTP/1.1` or `HTTP/1.0` */
  readonly version: string;
  /** Names as spelled, values as sent but for the one space after the colon. */
  readonly headers: HeaderLine[];
}

export interface ResponseHead {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  /** Values trimmed of optional whitespace, as node:http gives them. */
  readonly headers: HeaderLine[];
}

/** Past this a head is not a head: node:http's own limit is 16 KiB by default. */
export const MAX_HEAD = 64 * 1024;
const END = Buffer.from('\r\n\r\n');
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) ([^\s]+) (HTTP\/1\.[01])$/;
const STATUS_LINE = /^(HTTP\/1\.[01]) (\d{3})(?: ([^\r\n]*))?$/;

function headerLines(lines: readonly string[], trim: boolean): HeaderLine[] | undefined {
  const headers: HeaderLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    // No colon, a space before it, or a folded line (obs-fold): not ours to guess about.
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return undefined;
    const raw = line.slice(colon + 1);
    headers.push([name, trim ? trimOws(raw) : raw.replace(/^[ \t]/, '')]);
  }
  return headers;
}

/** Without the spaces and tabs around a value (not String#trim: it takes NBSP and more too). */
function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

const isOws = (c: number) => c === 0x20 || c === 0x09;

/** A request head (without its final CRLF CRLF), or undefined when it is not plain HTTP/1.x. */
export function parseRequestHead(text: string): RequestHead | undefined {
  // Empty lines before a request line are allowed (RFC 9112 §2.2); bare LF line ends are not ours.
  const head = text.replace(/^(\r\n)+/, '');
  if (/(^|[^\r])\n/.test(head)) return undefined;
  const lines = head.split('\r\n');
  const m = REQUEST_LINE.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers = headerLines(lines, false);
  return (
    headers && { method: m[1] as string, target: m[2] as string, version: m[3] as string, headers }
  );
}

/** A response head (without its final CRLF CRLF), or undefined when it is not HTTP/1.x. */
export function parseResponseHead(text: string): ResponseHead | undefined {
  const lines = text.split(/\r?\n/);
  const m = STATUS_LINE.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers = headerLines(lines, true);
  return (
    headers && {
      version: m[1] as string,
      status: Number(m[2]),
      reason: m[3] ?? '',
      headers,
    }
  );
}

/** All values of a header (names compared case-insensitively). */
export function valuesOf(headers: readonly HeaderLine[], lowerName: string): string[] {
  const out: string[] = [];
  for (const [name, value] of headers)
    if (name.length === lowerName.length && name.toLowerCase() === lowerName) out.push(value);
  return out;
}

/** Neither CONNECT nor an upgrade: a request whose connection stays HTTP after it. */
export function staysHttp(head: RequestHead): boolean {
  return head.method !== 'CONNECT' && valuesOf(head.headers, 'upgrade').length === 0;
}

/** Does the Connection header (or the HTTP/1.0 default) say the connection ends after this? */
export function closesAfter(version: string, headers: readonly HeaderLine[]): boolean {
  const values = valuesOf(headers, 'connection');
  if (values.some((v) => CLOSE.test(v))) return true;
  return version === 'HTTP/1.0' && !values.some((v) => KEEP_ALIVE.test(v));
}

const CLOSE = /(^|,)[ \t]*close[ \t]*(,|$)/i;
const KEEP_ALIVE = /(^|,)[ \t]*keep-alive[ \t]*(,|$)/i;

export type HeadStep =
  | { readonly kind: 'more' }
  | { readonly kind: 'head'; readonly bytes: Buffer; readonly text: string; readonly used: number }
  | { readonly kind: 'too-large' };

/**
 * Collects one head from chunks as they arrive. `push` returns the whole head (bytes and text,
 * without the blank line in `text`) and how many bytes of this chunk it used.
 */
export class HeadReader {
  #pending: Buffer | undefined;

  /** Bytes held for a head not yet complete. */
  get pending(): Buffer | undefined {
    return this.#pending;
  }

  push(chunk: Buffer, from: number): HeadStep {
    const held = this.#pending;
    const data = held ? Buffer.concat([held, chunk.subarray(from)]) : chunk.subarray(from);
    // A search from just before the new bytes: the end marker may straddle two chunks.
    const at = data.indexOf(END, held ? Math.max(0, held.length - 3) : 0);
    if (at < 0) {
      if (data.length > MAX_HEAD) return { kind: 'too-large' };
      this.#pending = Buffer.from(data); // a copy: the chunk's memory is reused by the socket
      return { kind: 'more' };
    }
    if (at > MAX_HEAD) return { kind: 'too-large' };
    this.#pending = undefined;
    const end = at + END.length;
    return {
      kind: 'head',
      bytes: data.subarray(0, end),
      text: data.toString('latin1', 0, at),
      used: end - (held?.length ?? 0),
    };
  }

  /** Forget a partial head (the connection is handed on or closed). */
  take(): Buffer | undefined {
    const held = this.#pending;
    this.#pending = undefined;
    return held;
  }
}
