import { readFileSync } from 'node:fs';
import type * as http from 'node:http';
import { printableDeep } from '../../secret/printable.js';
import { scrubJson } from '../../secret/scrub.js';
import { callJson } from '../call/call-lines.js';
import type { CallReport } from '../call/judge-call.js';
import { distFile } from '../dist-file.js';
import { livePage, type LiveScope } from './page.js';

export const LIVE_PATH = '/__why401/';
const KEEP = 1000;

/**
 * The live view: a page under /__why401/, fed by server-sent events, served by capture itself
 * (--target) or by a server of its own beside the forward proxy (server.ts).
 * Only redacted, scrubbed, printable JSON leaves here; only loopback Host names are answered (a
 * web page elsewhere cannot read it through DNS rebinding).
 */
export class LiveHub {
  readonly #recent: string[] = [];
  readonly #clients = new Set<http.ServerResponse>();
  #script: string | undefined;

  /** Set again by the forward proxy once it listens: the page names its address. */
  constructor(public scope: LiveScope) {}

  publish(report: CallReport): void {
    // scrubbed first, then every string printable: a browser reorders text at U+202E and hides
    // zero-width characters as a terminal does (textContent keeps the markup out already)
    const json = JSON.stringify(printableDeep(JSON.parse(scrubJson(callJson(report)))));
    this.#recent.push(json);
    if (this.#recent.length > KEEP) this.#recent.shift();
    for (const res of this.#clients) res.write(`data: ${json}\n\n`);
  }

  /** Answers the live view's paths; false for everything else (it goes on to the API). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const url = req.url ?? '/';
    if (!url.startsWith(LIVE_PATH) && url !== LIVE_PATH.slice(0, -1)) return false;
    if (!isLoopbackHost(req.headers.host)) {
      send(res, 403, 'text/plain', 'the live view answers on 127.0.0.1 or localhost only\n');
      return true;
    }
    const path = url.slice(LIVE_PATH.length).split('?')[0] ?? '';
    if (path === '' || path === 'index.html') send(res, 200, 'text/html', livePage(this.scope));
    else if (path === 'app.js') send(res, 200, 'text/javascript', this.#clientScript());
    else if (path === 'calls') send(res, 200, 'application/json', `[${this.#recent.join(',')}]`);
    else if (path === 'events') this.#subscribe(res);
    else send(res, 404, 'text/plain', 'not found\n');
    return true;
  }

  close(): void {
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }

  #subscribe(res: http.ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.write(`retry: 1000\n\n`);
    for (const json of this.#recent) res.write(`data: ${json}\n\n`);
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
  }

  #clientScript(): string {
    if (this.#script === undefined) {
      try {
        this.#script = readFileSync(distFile('capture/live/app.js'), 'utf8');
      } catch {
        this.#script = `document.body.textContent = 'why401: the live view script is missing (run npm run build)';`;
      }
    }
    return this.#script;
  }
}

function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
  });
  res.end(body);
}
