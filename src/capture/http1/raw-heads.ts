import type * as http from 'node:http';
import type { Socket } from 'node:net';
import { BodyCursor, requestFraming } from './framing.js';
import { HeadReader, parseRequestHead, staysHttp, type RequestHead } from './heads.js';

/**
 * Node's HTTP parser trims the whitespace around header values (RFC 9110 calls it optional), so
 * `req.rawHeaders` cannot show a key sent with a trailing space. This tap reads each request
 * head as the bytes arrived, before the parser, and skips bodies by their framing, so a request
 * can be matched with its exact header lines.
 */

export type RawHead = RequestHead;

export class HeadTap {
  readonly #head = new HeadReader();
  #body: BodyCursor | undefined;
  #off = false;
  readonly #heads: RawHead[] = [];

  feed(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && !this.#off) {
      if (this.#body) {
        const step = this.#body.consume(chunk, i);
        if ('error' in step) this.#off = true;
        else {
          i += step.used;
          if (step.done) this.#body = undefined;
        }
        continue;
      }
      const step = this.#head.push(chunk, i);
      if (step.kind === 'more') return;
      const head = step.kind === 'head' ? parseRequestHead(step.text) : undefined;
      const framing = head && requestFraming(head);
      // Past a head it cannot frame (or an upgrade), the tap cannot tell heads from bodies.
      if (
        !head ||
        !framing ||
        framing === 'ambiguous' ||
        framing.kind === 'close' ||
        !staysHttp(head)
      ) {
        this.#off = true;
        return;
      }
      i += step.kind === 'head' ? step.used : 0;
      this.#heads.push(head);
      if (framing.kind !== 'none') this.#body = new BodyCursor(framing, () => undefined);
    }
  }

  /** The raw head of the request the parser just emitted, when it is the next one seen. */
  take(method: string | undefined, target: string | undefined): RawHead | undefined {
    const head = this.#heads.shift();
    if (this.#off) this.#heads.length = 0;
    return head && head.method === method && head.target === target ? head : undefined;
  }
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
