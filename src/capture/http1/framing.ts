import { valuesOf, type RequestHead, type ResponseHead } from './heads.js';

/** How a message's body ends: RFC 9112 §6.3, the rules both ends of a connection agree on. */
export type Framing =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  /** Until the connection closes (responses only). */
  | { readonly kind: 'close' }
  /** The connection becomes a tunnel (101 Switching Protocols). */
  | { readonly kind: 'tunnel' };

const NONE: Framing = { kind: 'none' };

function contentLength(values: readonly string[]): number | undefined | 'invalid' {
  if (values.length === 0) return undefined;
  if (values.length === 1 && /^\d{1,15}$/.test(values[0] as string)) return Number(values[0]);
  // `5, 5` or two equal lines: allowed when every value agrees (RFC 9110 §8.6)
  const all = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (!all.every((v) => /^\d{1,15}$/.test(v)) || new Set(all).size !== 1) return 'invalid';
  return Number(all[0]);
}

function chunkedLast(values: readonly string[]): boolean | undefined {
  if (values.length === 0) return undefined;
  return /(^|,)[ \t]*chunked[ \t]*$/i.test(values[values.length - 1] as string);
}

/**
 * A request's framing, or 'ambiguous' when the head could be read two ways (Content-Length with
 * Transfer-Encoding, differing lengths, a coding that is not chunked last): such requests are
 * left to node:http, which refuses them, rather than relayed and read differently upstream.
 */
export function requestFraming(head: RequestHead): Framing | 'ambiguous' {
  const chunked = chunkedLast(valuesOf(head.headers, 'transfer-encoding'));
  const length = contentLength(valuesOf(head.headers, 'content-length'));
  if (chunked !== undefined)
    return chunked && length === undefined ? { kind: 'chunked' } : 'ambiguous';
  if (length === 'invalid') return 'ambiguous';
  return length ? { kind: 'length', length } : NONE;
}

/** A response's framing, which depends on the request it answers (HEAD) and its status. */
export function responseFraming(head: ResponseHead, requestMethod: string): Framing {
  if (head.status === 101) return { kind: 'tunnel' };
  if (requestMethod === 'HEAD' || head.status < 200 || head.status === 204 || head.status === 304)
    return NONE;
  const chunked = chunkedLast(valuesOf(head.headers, 'transfer-encoding'));
  if (chunked !== undefined) return chunked ? { kind: 'chunked' } : { kind: 'close' };
  const length = contentLength(valuesOf(head.headers, 'content-length'));
  if (length === 'invalid' || length === undefined) return { kind: 'close' };
  return length === 0 ? NONE : { kind: 'length', length };
}

type ChunkState = 'size' | 'data' | 'data-end' | 'trailer';
/** A chunk-size line or a trailer line longer than this is not HTTP. */
const MAX_LINE = 8 * 1024;

export type BodyStep =
  { readonly used: number; readonly done: boolean } | { readonly error: string };

/**
 * Walks a body through its framing without changing a byte: how much of a chunk belongs to this
 * message, whether the message ended, and the body's own bytes (chunk framing taken out) for
 * whoever keeps a sample.
 */
export class BodyCursor {
  #remaining: number;
  #state: ChunkState = 'size';
  #line = '';

  constructor(
    readonly framing: Framing,
    private readonly onData: (data: Buffer) => void,
  ) {
    this.#remaining = framing.kind === 'length' ? framing.length : 0;
  }

  /** Consumes from `chunk` at `from`; `done` once the body is complete. */
  consume(chunk: Buffer, from: number): BodyStep {
    const kind = this.framing.kind;
    if (kind === 'close' || kind === 'tunnel') {
      if (chunk.length > from) this.onData(chunk.subarray(from));
      return { used: chunk.length - from, done: false };
    }
    if (kind === 'length') {
      const n = Math.min(this.#remaining, chunk.length - from);
      if (n > 0) this.onData(chunk.subarray(from, from + n));
      this.#remaining -= n;
      return { used: n, done: this.#remaining === 0 };
    }
    if (kind === 'none') return { used: 0, done: true };
    return this.#chunked(chunk, from);
  }

  #chunked(chunk: Buffer, from: number): BodyStep {
    let i = from;
    while (i < chunk.length) {
      if (this.#state === 'data') {
        const n = Math.min(this.#remaining, chunk.length - i);
        this.onData(chunk.subarray(i, i + n));
        this.#remaining -= n;
        i += n;
        if (this.#remaining === 0) {
          this.#state = 'data-end';
          this.#line = '';
        }
        continue;
      }
      // size, data-end and trailer states read one line at a time
      const lf = chunk.indexOf(0x0a, i);
      const end = lf < 0 ? chunk.length : lf + 1;
      this.#line += chunk.toString('latin1', i, end);
      i = end;
      if (lf < 0) {
        if (this.#line.length > MAX_LINE) return { error: 'a chunk line too long' };
        continue;
      }
      const line = this.#line.replace(/\r?\n$/, '');
      this.#line = '';
      if (this.#state === 'data-end') {
        if (line !== '') return { error: 'no line end after chunk data' };
        this.#state = 'size';
      } else if (this.#state === 'size') {
        const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line);
        if (!size) return { error: 'an invalid chunk size' };
        this.#remaining = parseInt(size[1] as string, 16);
        this.#state = this.#remaining === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        return { used: i - from, done: true }; // the blank line after the trailers
      }
    }
    return { used: i - from, done: false };
  }
}
