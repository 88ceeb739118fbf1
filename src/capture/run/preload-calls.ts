import { monotonicMs } from '../../clock.js';
import type { WireCall } from './frames.js';
import type { Reporter } from './preload-reporter.js';

/** What each watcher (preload-http.ts, preload-undici.ts) knows of a call from its start. */
export interface PendingCall {
  readonly startedAt: number;
  readonly t0: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: [string, string][];
  error?: { code: string; message: string };
  /** Reported (as a call or as seen) or joined to another: nothing more to do. */
  done?: boolean;
}

/** A call's start: now. */
export function startCall(
  method: string,
  url: string,
  requestHeaders: [string, string][],
): PendingCall {
  return { startedAt: Date.now(), t0: monotonicMs(), method, url, requestHeaders };
}

/** What a WireCall adds to the call's start: the answer (or the error) and how it was read. */
type WireRest = Omit<
  WireCall,
  'via' | 'startedAt' | 'elapsedMs' | 'method' | 'url' | 'requestHeaders'
>;

/**
 * The calls one watcher has open. Each is closed once: sent to why401 (`report`), only counted
 * (`seen`), or dropped (`close`: a redirect joined to the call it led to).
 */
export class OpenCalls<P extends PendingCall> {
  readonly #open = new Set<P>();

  constructor(
    private readonly reporter: Reporter,
    private readonly via: WireCall['via'],
  ) {}

  add(p: P): void {
    this.#open.add(p);
  }

  /** False when the call was closed already. */
  close(p: P): boolean {
    if (p.done) return false;
    p.done = true;
    this.#open.delete(p);
    return true;
  }

  /** An answer not worth diagnosing: counted by why401, not sent. */
  seen(p: P, status: number): void {
    if (this.close(p)) this.reporter.send({ t: 'seen', pid: process.pid, status });
  }

  /** The call sent to why401 with its answer or error (`rest`), once. */
  report(p: P, rest: (p: P) => WireRest): void {
    if (!this.close(p)) return;
    const call: WireCall = {
      via: this.via,
      startedAt: p.startedAt,
      elapsedMs: Math.round(monotonicMs() - p.t0),
      method: p.method,
      url: p.url,
      requestHeaders: p.requestHeaders,
      ...rest(p),
    };
    this.reporter.send({ t: 'call', pid: process.pid, call });
  }

  /** The calls still open (at the process's exit). */
  list(): P[] {
    return [...this.#open];
  }
}
