import type http from 'node:http';
import type { Socket } from 'node:net';

/**
 * Node's HTTP parser trims the whitespace around header values (RFC 9110 calls it optional), so
 * `req.rawHeaders` cannot show a key sent with a trailing space. This tap reads each request
 * head as the bytes arrived, before the parser, and skips bodies by their framing, so a request
 * can be matched with its exact header lines.
 */

type State =
  | { readonly kind: 'head' }
  | { readonly kind: 'body'; remaining: number }
  | { readonly kind: 'chunk-size' }
  | { readonly kind: 'chunk-data'; remaining: number }
  | { readonly kind: 'trailer' }
  | { readonly kind: 'off' };

const MAX_HEAD = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const END_OF_HEAD = Buffer.from('\r\n\r\n');

export interface RawHead {
  readonly method: string;
  readonly target: string;
  /** Names and values exactly as sent (latin1: one char per byte). */
  readonly headers: [string, string][];
}

export class HeadTap {
  #state: State = { kind: 'head' };
  #pending: Buffer = Buffer.alloc(0);
  readonly #heads: RawHead[] = [];

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && this.#state.kind !== 'off') {
      const s = this.#state;
      if (s.kind === 'body' || s.kind === 'chunk-data') {
        const n = Math.min(s.remaining, chunk.length - i);
        s.remaining -= n;
        i += n;
        if (s.remaining === 0) this.#state = { kind: s.kind === 'body' ? 'head' : 'chunk-size' };
        continue;
      }
      const until = s.kind === 'head' ? END_OF_HEAD : CRLF;
      const data = this.#pending.length
        ? Buffer.concat([this.#pending, chunk.subarray(i)])
        : chunk.subarray(i);
      const at = data.indexOf(until);
      if (at < 0) {
        this.#pending = Buffer.from(data);
        if (this.#pending.length > MAX_HEAD) this.#state = { kind: 'off' };
        return;
      }
      const used = at + until.length - this.#pending.length;
      this.#pending = Buffer.alloc(0);
      i += used;
      this.#step(data.subarray(0, at).toString('latin1'));
    }
  }

  #step(text: string): void {
    const s = this.#state;
    if (s.kind === 'head') {
      if (text === '') return; // stray CRLF between requests
      const head = parseHead(text);
      if (!head) {
        this.#state = { kind: 'off' };
        return;
      }
      this.#heads.push(head);
      this.#state = framing(head);
    } else if (s.kind === 'chunk-size') {
      const size = parseInt(text.split(';')[0] ?? '', 16);
      if (!Number.isFinite(size)) this.#state = { kind: 'off' };
      else
        this.#state =
          size === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', remaining: size + 2 };
    } else if (s.kind === 'trailer' && text === '') {
      this.#state = { kind: 'head' };
    }
  }

  /** The raw head of the request the parser just emitted, when it is the next one seen. */
  take(method: string | undefined, target: string | undefined): RawHead | undefined {
    const head = this.#heads.shift();
    if (this.#state.kind === 'off') this.#heads.length = 0;
    return head && head.method === method && head.target === target ? head : undefined;
  }
}

function parseHead(text: string): RawHead | undefined {
  const lines = text.split(/\r?\n/);
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/\d(\.\d)?$/.exec(lines[0] ?? '');
  if (!m) return undefined;
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^[ \t]/, '')]);
  }
  return { method: m[1] ?? '', target: m[2] ?? '', headers };
}

function framing(head: RawHead): State {
  const get = (name: string) =>
    head.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v.trim().toLowerCase());
  if (head.method === 'CONNECT' || get('upgrade').length > 0) return { kind: 'off' };
  if (get('transfer-encoding').some((v) => v.endsWith('chunked'))) return { kind: 'chunk-size' };
  const length = Number(get('content-length')[0] ?? '0');
  if (!Number.isSafeInteger(length) || length < 0) return { kind: 'off' };
  return length > 0 ? { kind: 'body', remaining: length } : { kind: 'head' };
}

const taps = new WeakMap<Socket, HeadTap>();

/** Taps every connection of the server; `rawHeadOf` then finds a request's exact head. */
export function tapRawHeads(server: http.Server): void {
  server.on('connection', (socket: Socket) => {
    const tap = new HeadTap();
    taps.set(socket, tap);
    // Before the parser's own listener, so the head is queued when 'request' fires.
    socket.prependListener('data', (chunk: Buffer) => tap.feed(chunk));
  });
}

/**
 * The request's header lines as they were on the wire (value whitespace kept), or undefined when
 * the tap lost track (pipelining oddities, a malformed head): then `req.rawHeaders` is the truth.
 */
export function rawHeadOf(req: http.IncomingMessage): RawHead | undefined {
  return taps.get(req.socket)?.take(req.method, req.url);
}

/** The value the parser kept, with the whitespace the wire had: both agree but for the edges. */
export function headerPairs(req: http.IncomingMessage): [string, string][] {
  const raw = rawHeadOf(req);
  const parsed: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    parsed.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  if (!raw || raw.headers.length !== parsed.length) return parsed;
  const agree = raw.headers.every(
    ([n, v], i) => n === parsed[i]?.[0] && v.trim() === (parsed[i]?.[1] ?? '').trim(),
  );
  return agree ? raw.headers : parsed;
}
