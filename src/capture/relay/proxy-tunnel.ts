import * as net from 'node:net';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { countedLookup, proxyAuthorization, proxyPort } from '../../collect/http.js';
import type { ProxyChoice } from '../../collect/proxy-env.js';
import {
  HeadReader,
  MAX_HEAD,
  parseResponseHead,
  valuesOf,
  type HeaderLine,
} from '../http1/heads.js';

/**
 * A proxy of the user's in front (HTTPS_PROXY…): where the forward proxy's upstream connections
 * go through. `from` names the variable; notices never show the URL's userinfo.
 */
export type UserProxy = ProxyChoice;

/** The proxy as it may be shown: scheme, host and port, no userinfo. */
export function shownProxy(proxy: UserProxy): string {
  return `${proxy.from}=${proxy.url.protocol}//${proxy.url.host}`;
}

/** Past this the body of a proxy's refusal is not kept (the head says enough). */
const MAX_REFUSAL_BODY = 64 * 1024;

/**
 * The user's proxy answered the CONNECT itself, not with 2xx (407 wants its own credentials,
 * 403 an ACL, 502/503 it could not reach the host): its answer stands for the API's.
 */
export class ProxyRefusal extends Error {
  readonly code = 'EPROXYREFUSED';
  constructor(
    readonly proxy: UserProxy,
    readonly status: number,
    readonly reason: string,
    readonly headers: HeaderLine[],
    readonly body: Buffer,
    authority: string,
  ) {
    super(`${shownProxy(proxy)} answered ${status} ${reason} to CONNECT ${authority}`);
  }

  /** The answer as the app gets it (the connection closes after it). */
  response(method: string): string {
    let text = `HTTP/1.1 ${this.status} ${this.reason}\r\n`;
    for (const [name, value] of this.headers)
      if (!FRAMING.has(name.toLowerCase())) text += `${name}: ${value}\r\n`;
    const body = method === 'HEAD' ? '' : this.body.toString('latin1');
    return `${text}Content-Length: ${this.body.length}\r\nConnection: close\r\n\r\n${body}`;
  }
}

const FRAMING = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'content-length',
]);

/**
 * A connection to `authority` (`host:port`) through the user's proxy, as clients make one
 * (CONNECT, with Proxy-Authorization when the proxy URL has userinfo). Usable at once: what is
 * written before the proxy's 200 waits for it; a refusal destroys the stream with a
 * `ProxyRefusal` that holds the proxy's answer.
 */
export class ConnectTunnel extends Duplex {
  readonly #raw: net.Socket;
  readonly #head = new HeadReader();
  #open = false;
  #waiting: { chunk: Buffer; done: (e?: Error | null) => void }[] = [];
  #ending: (() => void) | undefined;

  constructor(
    readonly proxy: UserProxy,
    readonly authority: string,
  ) {
    super();
    const host = proxy.url.hostname.replace(/^\[|\]$/g, '');
    const port = proxyPort(proxy.url);
    const lookup = countedLookup();
    this.#raw =
      proxy.url.protocol === 'https:'
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, lookup })
        : net.connect({ host, port, noDelay: true, lookup });
    const auth = proxyAuthorization(proxy.url);
    this.#raw.write(
      `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` +
        (auth ? `Proxy-Authorization: ${auth}\r\n` : '') +
        '\r\n',
    );
    this.#raw.on('data', this.#onHead);
    this.#raw.on('error', (e) => this.destroy(e));
    this.#raw.on('close', () => {
      if (!this.#open && !this.destroyed)
        this.destroy(
          Object.assign(new Error('the proxy closed the connection'), { code: 'ECONNRESET' }),
        );
      else this.destroy();
    });
  }

  readonly #onHead = (chunk: Buffer): void => {
    const step = this.#head.push(chunk, 0);
    if (step.kind === 'more') return;
    this.#raw.removeListener('data', this.#onHead);
    const head = step.kind === 'head' ? parseResponseHead(step.text) : undefined;
    if (!head) {
      const overflow = step.kind === 'too-large';
      const message = overflow
        ? `the proxy's answer head is over ${MAX_HEAD / 1024} KiB, more than the forward proxy reads`
        : 'the proxy did not answer HTTP';
      const code = overflow ? 'HPE_HEADER_OVERFLOW' : 'HPE_INVALID_RESPONSE';
      this.destroy(Object.assign(new Error(message), { code }));
      return;
    }
    const rest = step.kind === 'head' ? chunk.subarray(step.used) : Buffer.alloc(0);
    if (head.status >= 200 && head.status < 300) {
      this.#opened(rest);
      return;
    }
    // The refusal's body: as long as its Content-Length says (bounded), else none.
    const length = Math.min(
      Number(valuesOf(head.headers, 'content-length')[0]) || 0,
      MAX_REFUSAL_BODY,
    );
    let body = rest.subarray(0, length);
    const refuse = (): void => {
      this.destroy(
        new ProxyRefusal(this.proxy, head.status, head.reason, head.headers, body, this.authority),
      );
    };
    if (body.length >= length) {
      refuse();
      return;
    }
    const more = (c: Buffer) => {
      body = Buffer.concat([body, c]).subarray(0, length);
      if (body.length >= length) refuse();
    };
    this.#raw.on('data', more);
    this.#raw.once('end', refuse);
  };

  #opened(rest: Buffer): void {
    this.#open = true;
    const raw = this.#raw;
    raw.on('data', (c: Buffer) => {
      if (!this.push(c)) raw.pause();
    });
    raw.on('end', () => this.push(null));
    if (rest.length > 0) this.push(rest);
    for (const { chunk, done } of this.#waiting.splice(0)) raw.write(chunk, done);
    this.#ending?.();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (e?: Error | null) => void,
  ): void {
    if (this.#open) this.#raw.write(chunk, done);
    else this.#waiting.push({ chunk, done });
  }

  override _final(done: (e?: Error | null) => void): void {
    const end = () => {
      this.#raw.end();
      done();
    };
    if (this.#open) end();
    else this.#ending = end;
  }

  override _read(): void {
    if (this.#open) this.#raw.resume();
  }

  override _destroy(error: Error | null, done: (e?: Error | null) => void): void {
    this.#raw.destroy();
    this.#waiting.length = 0;
    done(error);
  }
}
