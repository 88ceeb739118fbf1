/**
 * The wire between `why401 run`'s preload (inside the app's Node processes) and why401: JSON
 * messages cut into lines of at most 4 KiB, so each is one atomic write to the FIFO even when
 * several processes report at once; the reader puts them back together.
 */

export const FIFO_ENV = 'WHY401_RUN_FIFO';

/** `host:port` of the run's forward proxy, for the preload to know its connections to it. */
export const PROXY_ENV = 'WHY401_RUN_PROXY';

/** A call as the preload saw it: the credential as sent included (never printed as is). */
export interface WireCall {
  readonly startedAt: number;
  readonly elapsedMs: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: [string, string][];
  readonly status?: number | undefined;
  readonly statusText?: string | undefined;
  readonly responseHeaders?: [string, string][] | undefined;
  /** base64 of the first 64 KiB of the answer, as received (still content-encoded). */
  readonly body?: string | undefined;
  readonly bodyBytes?: number | undefined;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
  readonly via: 'http' | 'undici';
  /** The body was read after the client decoded it (fetch): its content-encoding no longer applies. */
  readonly decoded?: boolean | undefined;
  /** Redirects the client followed before this request (fetch), first first. */
  readonly hops?: readonly WireHop[] | undefined;
}

/** One redirect a client followed by itself: the request, and the 3xx that sent it on. */
export interface WireHop {
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: [string, string][];
  readonly status: number;
  readonly statusText: string;
  readonly responseHeaders: [string, string][];
}

export type RunMessage =
  | {
      readonly t: 'hello';
      readonly pid: number;
      readonly argv: string;
      /** A worker thread's id (0 or absent: the main thread). */
      readonly thread?: number | undefined;
    }
  | { readonly t: 'seen'; readonly pid: number; readonly status: number }
  /**
   * A connection of this process to the run's forward proxy, from local port `port`: the
   * preload sees (and reports) the calls on it, so the proxy does not report them again.
   */
  | { readonly t: 'proxied'; readonly pid: number; readonly port: number }
  | { readonly t: 'call'; readonly pid: number; readonly call: WireCall };

const PART = 2900; // raw bytes per line: base64 makes 3868, with the prefix under 4096 (PIPE_BUF)

export function encodeFrames(message: RunMessage, seq: number): string[] {
  const bytes = Buffer.from(JSON.stringify(message), 'utf8');
  const count = Math.max(1, Math.ceil(bytes.length / PART));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const part = bytes.subarray(i * PART, (i + 1) * PART).toString('base64');
    lines.push(`${message.pid}:${seq}:${i}:${count}:${part}\n`);
  }
  return lines;
}

/** Reassembles messages from lines, whatever the interleaving between processes. */
export class FrameReader {
  #rest = '';
  readonly #parts = new Map<string, string[]>();

  /** Feeds raw text; returns the messages completed by it. */
  push(text: string): RunMessage[] {
    const lines = (this.#rest + text).split('\n');
    this.#rest = lines.pop() ?? '';
    const done: RunMessage[] = [];
    for (const line of lines) {
      const m = /^(\d+):(\d+):(\d+):(\d+):([A-Za-z0-9+/=]*)$/.exec(line);
      if (!m) continue;
      const key = `${m[1]}:${m[2]}`;
      const index = Number(m[3]);
      const count = Number(m[4]);
      const parts = this.#parts.get(key) ?? new Array<string>(count).fill('');
      parts[index] = m[5] ?? '';
      if (index < count - 1) {
        this.#parts.set(key, parts);
        continue;
      }
      this.#parts.delete(key);
      try {
        const json = Buffer.concat(parts.map((p) => Buffer.from(p, 'base64'))).toString('utf8');
        done.push(JSON.parse(json) as RunMessage);
      } catch {
        // a message cut by a process that died mid-write: dropped
      }
    }
    return done;
  }
}
