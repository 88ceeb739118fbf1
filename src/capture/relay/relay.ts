import type * as net from 'node:net';
import type { NetError } from '../../collect/http.js';
import { BodySample } from '../call/body-sample.js';
import type { Deadlines } from './deadlines.js';
import { BodyCursor, requestFraming, responseFraming, type Framing } from '../http1/framing.js';
import {
  closesAfter,
  HeadReader,
  MAX_HEAD,
  parseRequestHead,
  parseResponseHead,
  staysHttp,
  valuesOf,
  type HeaderLine,
  type RequestHead,
  type ResponseHead,
} from '../http1/heads.js';
import { judgeLocation } from './redirect-location.js';
import type { ObservedCall, ObservedResponse } from '../call/observed-call.js';
import { callUrl, upstreamPath } from './paths.js';
import type { UpstreamPool, UpstreamSocket } from './upstream-pool.js';
import { gatewayResponse, netErrorOf, timeoutError } from './upstream.js';
import { ProxyRefusal } from './proxy-tunnel.js';
import { wireText } from '../http1/wire-text.js';
import { monotonicMs } from '../../clock.js';

export interface RelayContext {
  readonly target: URL;
  readonly pool: UpstreamPool;
  /** Waits for an answer's head (`--timeout`). */
  readonly answerDeadlines: Deadlines;
  /** Waits for a request's head once it started arriving (slow clients). */
  readonly headDeadlines: Deadlines;
  readonly nextId: () => number;
  readonly onCall: (call: ObservedCall) => void;
  /** Requests capture answers itself (the live view): they go to node:http with their connection. */
  readonly isLocal: (requestTarget: string) => boolean;
  /** Gives node:http the connection, with the bytes already read from it. */
  readonly handOver: (socket: net.Socket, bytes: Buffer) => void;
  /** Something the user should know that is not a call (a redirect that leaves capture). */
  readonly onNotice?: ((text: string, kind: string) => void) | undefined;
  /**
   * The forward proxy (src/capture/forward/): the origin the app addressed. Calls are reported
   * under it, Host goes on as the app sent it, redirects are left alone (the app's next call
   * comes through the proxy anyway); `target` is where calls go (`--map` may change it).
   */
  readonly appOrigin?: URL | undefined;
  /**
   * Upgrades (a WebSocket handshake) are relayed here too, not handed over: the request goes on
   * as sent, a 101 joins the two connections byte for byte, a refusal is an answer like any.
   */
  readonly upgrades?: boolean | undefined;
}

interface Call {
  readonly id: number;
  readonly startedAt: number;
  readonly t0: number;
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderLine[];
  /** The head as written to the API: written again if a kept-alive connection was stale. */
  readonly head: Buffer;
  readonly hasBody: boolean;
  readonly sample: BodySample;
  /** The first bytes of the request body: a credential in it (a client_secret) is scrubbed too. */
  readonly requestSample: BodySample;
  response?: Omit<ObservedResponse, 'bodySample' | 'bodyBytes' | 'truncated'>;
  error?: NetError;
  interrupted?: ObservedCall['interrupted'];
  /** Some of the answer reached the app: from here a failure can only cut the connection. */
  forwarded: boolean;
  reported: boolean;
}

const KEEP_ALIVE_MS = 65_000;
const REQUEST_SAMPLE_BYTES = 8 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * One app connection, relayed to one API connection byte for byte (1:1, so the app's keep-alive,
 * pipelining and `Connection` headers mean what they say). Only the request line's path and the
 * Host header are rewritten. Heads are read here, exactly as sent, to observe each call; bodies
 * are walked through their framing without a copy, a 64 KiB sample kept for the diagnosis.
 */
export class Relay {
  readonly #client: net.Socket;
  readonly #ctx: RelayContext;
  readonly #calls: Call[] = [];
  readonly #requestHead = new HeadReader();
  readonly #answerHead = new HeadReader();
  #requestBody: BodyCursor | undefined;
  #answerBody: BodyCursor | undefined;
  #up: UpstreamSocket | undefined;
  #upError: Error | undefined;
  #retried = false;
  #tunnel = false;
  /** The app or the API said this connection ends after the answer in progress. */
  #closeAfter = false;
  #clientGone = false;
  #waitingHead = false;
  /** Bytes for node:http once the calls in flight are done. */
  #handOverBytes: Buffer | undefined;
  #upPaused = false;
  #clientPaused = false;
  /**
   * An upgrade request waits for its answer: the app is paused, and what it sent after the
   * handshake is held (frames if the answer is 101, the next request if it is not).
   */
  #upgrading: { readonly call: Call; held: Buffer } | undefined;

  constructor(client: net.Socket, ctx: RelayContext) {
    this.#client = client;
    this.#ctx = ctx;
    client.setNoDelay(true);
    client.setTimeout(KEEP_ALIVE_MS);
    client.on('data', this.#onClientData);
    client.on('end', this.#onClientEnd);
    client.on('error', this.#onClientError);
    client.on('close', this.#onClientClose);
    client.on('timeout', this.#onClientIdle);
  }

  // ── the app's side ──────────────────────────────────────────────────────────────────────────

  readonly #onClientData = (chunk: Buffer): void => {
    // A head and a body in one chunk go out in one write (one syscall), not two.
    const up = this.#up?.socket;
    up?.cork();
    try {
      this.#readRequests(chunk);
    } finally {
      up?.uncork();
    }
  };

  #readRequests(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && !this.#clientGone) {
      if (this.#tunnel) {
        this.#toUpstream(chunk.subarray(i));
        return;
      }
      if (this.#handOverBytes) {
        this.#handOverBytes = Buffer.concat([this.#handOverBytes, chunk.subarray(i)]);
        return;
      }
      if (this.#upgrading) {
        this.#upgrading.held = Buffer.concat([this.#upgrading.held, chunk.subarray(i)]);
        return;
      }
      if (this.#requestBody) {
        const step = this.#requestBody.consume(chunk, i);
        if ('error' in step) {
          this.#refuseRequest(400, 'Bad Request');
          return;
        }
        if (step.used > 0) this.#toUpstream(chunk.subarray(i, i + step.used));
        i += step.used;
        if (step.done) this.#requestBody = undefined;
        continue;
      }
      const step = this.#requestHead.push(chunk, i);
      if (step.kind === 'more') {
        this.#headStarted();
        return;
      }
      this.#headEnded();
      if (step.kind === 'too-large') {
        this.#requestHead.take();
        this.#refuseRequest(431, 'Request Header Fields Too Large');
        return;
      }
      const head = parseRequestHead(step.text);
      const framing = head && requestFraming(head);
      if (
        !head ||
        framing === undefined ||
        framing === 'ambiguous' ||
        !this.#relays(head, framing)
      ) {
        this.#handOver(Buffer.concat([step.bytes, chunk.subarray(i + step.used)]));
        return;
      }
      i += step.used;
      const call = this.#startCall(head, step.bytes, framing.kind !== 'none');
      if (!staysHttp(head)) {
        this.#upgrading = { call, held: Buffer.from(chunk.subarray(i)) };
        this.#client.pause();
        return;
      }
      if (framing.kind !== 'none')
        this.#requestBody = new BodyCursor(framing, (data) => call.requestSample.add(data));
    }
  }

  /**
   * Plain requests are relayed, and upgrades without a body when the context says so; CONNECT,
   * other upgrades and the live view are handed over.
   */
  #relays(head: RequestHead, framing: Framing): boolean {
    const upgrade =
      this.#ctx.upgrades === true && head.method !== 'CONNECT' && framing.kind === 'none';
    return (
      (staysHttp(head) || upgrade) &&
      (head.target.startsWith('/') || /^https?:\/\//i.test(head.target)) &&
      !this.#ctx.isLocal(head.target)
    );
  }

  #startCall(head: RequestHead, sent: Buffer, hasBody: boolean): Call {
    const path = upstreamPath(this.#ctx.target, head.target);
    const form = this.#ctx.pool.absoluteForm;
    // The forward proxy keeps Host and an origin-form path as sent: then the head goes on as
    // the app wrote it, byte for byte, without being written again (a copy: kept for a replay).
    const asSent =
      this.#ctx.appOrigin !== undefined &&
      form === undefined &&
      path === head.target &&
      valuesOf(head.headers, 'host').length === 1;
    const call: Call = {
      id: this.#ctx.nextId(),
      startedAt: Date.now(),
      t0: monotonicMs(),
      method: head.method,
      path,
      headers: head.headers,
      head: asSent
        ? Buffer.from(sent)
        : upstreamHead(
            head,
            form ? `${form.origin}${path}` : path,
            this.#ctx.appOrigin?.host ?? this.#ctx.target.host,
            this.#ctx.appOrigin !== undefined,
            form?.headerLines ?? '',
          ),
      hasBody,
      sample: new BodySample(),
      requestSample: new BodySample(REQUEST_SAMPLE_BYTES),
      forwarded: false,
      reported: false,
    };
    if (closesAfter(head.version, head.headers)) this.#closeAfter = true;
    this.#calls.push(call);
    if (!this.#up) this.#attach(this.#ctx.pool.take());
    this.#toUpstream(call.head);
    this.#ctx.answerDeadlines.add(call, () => this.#answerTimedOut(call));
    return call;
  }

  /** A request head is arriving slowly: it gets the head deadline, not the idle timeout. */
  #headStarted(): void {
    if (this.#waitingHead) return;
    this.#waitingHead = true;
    this.#ctx.headDeadlines.add(this, () => this.#refuseRequest(408, 'Request Timeout'));
  }

  #headEnded(): void {
    if (!this.#waitingHead) return;
    this.#waitingHead = false;
    this.#ctx.headDeadlines.delete(this);
  }

  readonly #onClientEnd = (): void => {
    // The app closed its side: as node:http does, a call still in flight counts as abandoned.
    if (this.#calls.length > 0) this.#client.destroy();
    else if (!this.#handOverBytes) this.#endClient();
  };

  readonly #onClientError = (): void => {
    // 'close' follows and does the cleaning up.
  };

  readonly #onClientIdle = (): void => {
    // A stream may idle for long (an LLM thinking): only a connection with nothing in flight ends.
    if (this.#calls.length === 0 && !this.#tunnel) this.#client.destroy();
  };

  readonly #onClientClose = (): void => {
    this.#clientGone = true;
    this.#headEnded();
    for (const call of this.#calls) {
      call.interrupted ??= 'client-aborted';
      this.#report(call);
    }
    const idle =
      this.#calls.length === 0 &&
      !this.#requestBody &&
      !this.#answerBody &&
      !this.#answerHead.pending &&
      !this.#tunnel;
    this.#calls.length = 0;
    this.#detach(idle);
  };

  /** A request the relay will not pass on: answered here, and the connection closed. */
  #refuseRequest(status: number, reason: string): void {
    this.#headEnded();
    if (this.#calls.length === 0)
      this.#endClient(
        `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    else this.#client.destroy();
    this.#detach(false);
  }

  /** The last bytes for the app, then the connection closes (whether or not the app closes its side). */
  #endClient(last?: string): void {
    if (this.#clientGone) return;
    if (last !== undefined) this.#client.write(last);
    this.#client.destroySoon();
  }

  /** From here node:http serves this connection (once the calls in flight are answered). */
  #handOver(bytes: Buffer): void {
    this.#headEnded();
    this.#handOverBytes = bytes;
    this.#client.pause();
    if (this.#calls.length === 0) this.#doHandOver();
  }

  #doHandOver(): void {
    const client = this.#client;
    const bytes = this.#handOverBytes ?? EMPTY;
    this.#handOverBytes = undefined;
    client.removeListener('data', this.#onClientData);
    client.removeListener('end', this.#onClientEnd);
    client.removeListener('error', this.#onClientError);
    client.removeListener('close', this.#onClientClose);
    client.removeListener('timeout', this.#onClientIdle);
    client.setTimeout(0);
    this.#detach(!this.#answerBody && !this.#requestBody && !this.#tunnel);
    this.#ctx.handOver(client, bytes);
  }

  #toClient(bytes: Buffer): void {
    if (this.#clientGone) return;
    if (!this.#client.write(bytes) && this.#up && !this.#upPaused) {
      this.#upPaused = true;
      this.#up.socket.pause();
      this.#client.once('drain', () => {
        this.#upPaused = false;
        this.#up?.socket.resume();
      });
    }
  }

  // ── the API's side ──────────────────────────────────────────────────────────────────────────

  #attach(up: UpstreamSocket): void {
    this.#up = up;
    this.#upError = undefined;
    const { socket } = up;
    socket.on('data', this.#onUpstreamData);
    socket.on('end', this.#onUpstreamEnd);
    socket.on('error', this.#onUpstreamError);
    socket.on('close', this.#onUpstreamClose);
  }

  /** Lets go of the API connection: back to the pool when it sits between calls, else closed. */
  #detach(reusable: boolean): void {
    const up = this.#up;
    if (!up) return;
    this.#up = undefined;
    const { socket } = up;
    socket.removeListener('data', this.#onUpstreamData);
    socket.removeListener('end', this.#onUpstreamEnd);
    socket.removeListener('error', this.#onUpstreamError);
    socket.removeListener('close', this.#onUpstreamClose);
    if (reusable && !this.#closeAfter && !socket.destroyed) {
      if (this.#upPaused) socket.resume();
      this.#ctx.pool.release(socket);
    } else socket.destroy();
    this.#upPaused = false;
    this.#answerHead.take();
    this.#answerBody = undefined;
  }

  #toUpstream(bytes: Buffer): void {
    const up = this.#up;
    if (!up) return;
    if (!up.socket.write(bytes) && !this.#clientPaused) {
      this.#clientPaused = true;
      this.#client.pause();
      up.socket.once('drain', () => {
        this.#clientPaused = false;
        if (!this.#handOverBytes && !this.#upgrading) this.#client.resume();
      });
    }
  }

  readonly #onUpstreamData = (chunk: Buffer): void => {
    // Not corked: #readAnswers writes each run of bytes once (corking costs a buffered write).
    this.#readAnswers(chunk);
  };

  #readAnswers(chunk: Buffer): void {
    // Bytes of `chunk` for the app go out as one write per run of adjacent bytes (a head and
    // its body in one chunk: one write, one TLS record), written before anything else happens.
    let from = 0;
    let to = 0;
    const flush = () => {
      if (to > from) this.#toClient(chunk.subarray(from, to));
      from = to;
    };
    const pass = (start: number, end: number) => {
      if (start !== to) {
        flush();
        from = start;
      }
      to = end;
    };
    let i = 0;
    while (i < chunk.length) {
      if (this.#tunnel) {
        pass(i, chunk.length);
        break;
      }
      const call = this.#calls[0];
      if (!call) {
        flush();
        this.#upstreamFailed(protocolError('the API sent an answer to no request'));
        return;
      }
      if (this.#answerBody) {
        const step = this.#answerBody.consume(chunk, i);
        if ('error' in step) {
          flush();
          this.#upstreamFailed(protocolError(step.error));
          return;
        }
        if (step.used > 0) pass(i, i + step.used);
        i += step.used;
        if (step.done) {
          flush();
          this.#answerBody = undefined;
          this.#finish(call);
        }
        continue;
      }
      const step = this.#answerHead.push(chunk, i);
      if (step.kind === 'more') break;
      const head = step.kind === 'head' ? parseResponseHead(step.text) : undefined;
      if (step.kind !== 'head' || !head) {
        flush();
        this.#upstreamFailed(
          step.kind === 'too-large'
            ? headOverflow('the answer')
            : protocolError('the answer is not HTTP/1.x'),
        );
        return;
      }
      const rewrite = head.status >= 300 && head.status < 400 && !this.#ctx.appOrigin;
      if (!rewrite && step.used === step.bytes.length) {
        pass(i, i + step.used); // the whole head is in this chunk, at i: it joins the run
      } else {
        flush();
        this.#toClient(rewrite ? this.#redirect(call, head, step.bytes) : step.bytes);
        from = to = i + step.used;
      }
      i += step.used;
      call.forwarded = true;
      const framing = responseFraming(head, call.method);
      if (head.status < 200 && head.status !== 101) continue; // 100, 103: the answer follows
      this.#ctx.answerDeadlines.delete(call);
      call.response = { status: head.status, statusText: head.reason, headers: head.headers };
      if (closesAfter(head.version, head.headers) || framing.kind === 'close')
        this.#closeAfter = true;
      if (framing.kind === 'tunnel') {
        flush();
        this.#tunnel = true;
        this.#report(call);
        this.#upgraded(call);
      } else if (framing.kind === 'none') {
        flush();
        this.#finish(call);
      } else this.#answerBody = new BodyCursor(framing, (data) => call.sample.add(data));
    }
    flush();
  }

  /**
   * A redirect's head as the app gets it: an absolute Location at the target points back at
   * capture (the app's next call stays seen, and keeps its key); one to another origin is said.
   */
  #redirect(call: Call, head: ResponseHead, bytes: Buffer): Buffer {
    const verdict = judgeLocation(
      head.status,
      valuesOf(head.headers, 'location')[0],
      this.#ctx.target,
      valuesOf(call.headers, 'host')[0],
    );
    if (verdict?.kind === 'elsewhere') {
      const path = call.path.split('?')[0] ?? '';
      this.#ctx.onNotice?.(
        `redirect: ${head.status} for ${call.method} ${path.slice(0, 80)} sends the app to ${verdict.origin}, another origin: its next call goes there directly, not through capture (not seen), and clients send no Authorization there`,
        `redirect ${verdict.origin}`,
      );
    }
    if (verdict?.kind !== 'rewrite') return bytes;
    const text = bytes
      .toString('latin1')
      .replace(
        /\r\n(location)[ \t]*:[^\r\n]*/i,
        (_, name: string) => `\r\n${name}: ${verdict.location}`,
      );
    return Buffer.from(text, 'latin1');
  }

  /** A 101: what the app sent after its handshake goes on, and from now on everything does. */
  #upgraded(call: Call): void {
    const upgrading = this.#upgrading;
    if (upgrading?.call !== call) return;
    this.#upgrading = undefined;
    if (upgrading.held.length > 0) this.#toUpstream(upgrading.held);
    if (!this.#clientPaused) this.#client.resume();
  }

  /** An upgrade refused (or ignored): the connection stays HTTP, what was held is read as such. */
  #notUpgraded(call: Call): void {
    const upgrading = this.#upgrading;
    if (upgrading?.call !== call) return;
    this.#upgrading = undefined;
    if (this.#clientGone || this.#closeAfter) return;
    if (upgrading.held.length > 0) this.#onClientData(upgrading.held);
    if (!this.#clientPaused && !this.#handOverBytes && !this.#upgrading) this.#client.resume();
  }

  #finish(call: Call): void {
    this.#calls.shift();
    this.#report(call);
    this.#notUpgraded(call);
    if (this.#calls.length > 0) return;
    this.#retried = false;
    if (this.#closeAfter) {
      this.#endClient();
      this.#detach(false);
    } else if (this.#handOverBytes) this.#doHandOver();
  }

  readonly #onUpstreamError = (error: Error): void => {
    this.#upError = error;
  };

  readonly #onUpstreamEnd = (): void => {
    // An answer that runs until the connection closes has just ended.
    const call = this.#calls[0];
    if (call && this.#answerBody?.framing.kind === 'close') {
      this.#answerBody = undefined;
      this.#finish(call);
    }
  };

  readonly #onUpstreamClose = (): void => {
    const up = this.#up;
    this.#detach(false);
    if (this.#tunnel) {
      this.#endClient();
      return;
    }
    const call = this.#calls[0];
    if (!call) return; // closed between calls: the next call opens a new connection
    if (this.#upError instanceof ProxyRefusal) {
      this.#proxyRefused(this.#upError);
      return;
    }
    const replayable =
      up?.reused === true &&
      !this.#retried &&
      !call.forwarded &&
      this.#calls.every((c) => !c.hasBody);
    if (replayable && !this.#requestBody) {
      // A kept-alive connection the API had closed: the requests were not read, send them again.
      this.#retried = true;
      this.#attach({ socket: this.#ctx.pool.connect(), reused: false });
      for (const c of this.#calls) this.#toUpstream(c.head);
      return;
    }
    this.#upstreamFailed(
      this.#upError
        ? netErrorOf(this.#upError)
        : { kind: 'reset', code: 'ECONNRESET', message: 'the API closed the connection' },
    );
  };

  readonly #answerTimedOut = (call: Call): void => {
    if (call.response || !this.#calls.includes(call)) return;
    this.#upstreamFailed(timeoutError(this.#ctx.answerDeadlines.ms));
  };

  /**
   * The API connection failed. A call whose answer had not started gets 502 or 504 with a body
   * that says why; one whose answer had started is cut, as the API cut it. Either way the app's
   * connection ends: calls queued behind it are lost with it.
   */
  #upstreamFailed(error: NetError): void {
    this.#detach(false);
    const [first, ...rest] = this.#calls.splice(0);
    if (first) {
      if (first.response) first.interrupted ??= 'upstream-reset';
      else first.error = error;
      if (!first.forwarded && !this.#clientGone) {
        this.#endClient(gatewayResponse(this.#ctx.target, error, first.method));
      } else this.#client.destroy();
      this.#report(first);
    } else this.#client.destroy();
    for (const call of rest) {
      call.error = error;
      this.#report(call);
    }
  }

  /**
   * The user's proxy refused the CONNECT (a 407 wants its own credentials): its answer is the
   * first call's, as the app would have had it from that proxy, and is judged like any.
   */
  #proxyRefused(refusal: ProxyRefusal): void {
    this.#detach(false);
    const [first, ...rest] = this.#calls.splice(0);
    if (!first) return;
    first.response = {
      status: refusal.status,
      statusText: refusal.reason,
      headers: refusal.headers,
    };
    first.sample.add(refusal.body);
    if (this.#clientGone) first.interrupted ??= 'client-aborted';
    else if (first.forwarded) this.#client.destroy();
    else this.#endClient(refusal.response(first.method));
    first.forwarded = true;
    this.#report(first);
    this.#ctx.onNotice?.(
      `${refusal.message}: ${refusal.status === 407 ? 'it wants credentials of its own (user:password in the proxy URL)' : 'its answer goes to the app as the answer'}`,
      `proxy ${refusal.status}`,
    );
    for (const call of rest) {
      call.error = netErrorOf(refusal);
      this.#report(call);
    }
  }

  #report(call: Call): void {
    if (call.reported) return;
    call.reported = true;
    this.#ctx.answerDeadlines.delete(call);
    const { response, sample } = call;
    // Written out field by field (no spreads): this runs once per call, on the hot path.
    this.#ctx.onCall({
      id: call.id,
      startedAt: call.startedAt,
      method: call.method,
      url: callUrl(this.#ctx.appOrigin ?? this.#ctx.target, call.path),
      requestHeaders: headersAsText(call.headers),
      requestBody:
        call.requestSample.bytes > 0 ? call.requestSample.buffer().toString('utf8') : undefined,
      response: response && {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        bodySample: sample.buffer(),
        bodyBytes: sample.bytes,
        truncated: sample.truncated,
      },
      error: call.error,
      interrupted: call.interrupted,
      elapsedMs: Math.round(monotonicMs() - call.t0),
      viaProxy: this.#ctx.pool.via,
    });
  }
}

/** Header values as text (wireText); the very same array when none holds a byte above 0x7f. */
function headersAsText(headers: HeaderLine[]): HeaderLine[] {
  for (const [, value] of headers)
    if (wireText(value) !== value) return headers.map(([n, v]) => [n, wireText(v)]);
  return headers;
}

/**
 * The head for the API: the path rewritten, Host set to the API's (kept as sent when `keepHost`),
 * every other line as sent.
 */
function upstreamHead(
  head: RequestHead,
  path: string,
  host: string,
  keepHost: boolean,
  extraLines: string,
): Buffer {
  let text = `${head.method} ${path} ${head.version}\r\n`;
  let hostSet = false;
  for (const [name, value] of head.headers) {
    if (name.length === 4 && name.toLowerCase() === 'host') {
      if (!hostSet) text += `${name}: ${keepHost ? value : host}\r\n`;
      hostSet = true;
    } else text += `${name}: ${value}\r\n`;
  }
  if (!hostSet) text = text.replace('\r\n', `\r\nHost: ${host}\r\n`);
  return Buffer.from(`${text}${extraLines}\r\n`, 'latin1');
}

function protocolError(message: string): NetError {
  return { kind: 'protocol', code: 'HPE_INVALID_RESPONSE', message };
}

/** A head past MAX_HEAD: said as such (node:http's code for it), not as "not HTTP". */
export function headOverflow(whose: string): NetError {
  const message = `${whose}'s head is over ${MAX_HEAD / 1024} KiB, more than the proxy reads`;
  return { kind: 'protocol', code: 'HPE_HEADER_OVERFLOW', message };
}
