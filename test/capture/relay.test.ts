/**
 * capture's relay at the byte level: what a raw client sends and what a raw API receives, for the
 * HTTP/1.1 features apps and SDKs use (pipelining, HEAD, 100-continue, chunked uploads, close,
 * HTTP/1.0) and for a kept-alive API connection that turns out closed.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type Running } from './support.js';

/** Bytes from a client that writes `text` and reads until `done` says the answers are in. */
function exchange(
  port: number,
  text: string,
  done: (got: string) => boolean,
  then?: (socket: net.Socket, got: string) => void,
): Promise<{ got: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    let finished = false;
    const finish = (closed: boolean) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ got, closed });
    };
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      got += d;
      then?.(socket, got);
      if (done(got)) finish(false);
    });
    socket.on('close', () => finish(true));
    socket.on('error', reject);
    socket.write(text, 'latin1');
  });
}

interface RawOrigin {
  readonly port: number;
  /** Every request head the API received, as bytes (latin1). */
  readonly heads: string[];
  stop(): void;
}

/**
 * An API written on sockets, so the test sees the exact bytes capture sends: answers `ok` to
 * each request (reading Content-Length and chunked bodies), `100 Continue` first when asked,
 * and closes instead of answering `/stale-2` on a connection that served before, as an API
 * whose keep-alive timeout just ran out does.
 */
async function rawOrigin(): Promise<RawOrigin> {
  const heads: string[] = [];
  const server = net.createServer((socket) => {
    let buffered = '';
    let served = 0;
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      buffered += d;
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.slice(0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        const chunked = /\r\ntransfer-encoding: *chunked/i.test(head);
        let rest = buffered.slice(end + 4);
        if (
          /\r\nexpect: *100-continue/i.test(head) &&
          rest.length === 0 &&
          !head.includes('X-Sent')
        )
          socket.write('HTTP/1.1 100 Continue\r\n\r\n');
        let body: string;
        if (chunked) {
          const last = rest.indexOf('0\r\n\r\n');
          if (last < 0) return;
          body = rest.slice(0, last + 5);
          rest = rest.slice(last + 5);
        } else {
          if (rest.length < length) return;
          body = rest.slice(0, length);
          rest = rest.slice(length);
        }
        buffered = rest;
        heads.push(head);
        served++;
        if (head.includes(' /base/stale-2 ') && served > 1) {
          socket.destroy();
          return;
        }
        const text = `ok ${head.split(' ')[1]} ${body.length}`;
        const isHead = head.startsWith('HEAD ');
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Length: ${text.length}\r\nContent-Type: text/plain\r\n\r\n${isHead ? '' : text}`,
        );
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { port, heads, stop: () => server.close() };
}

const answers = (got: string) => got.match(/HTTP\/1\.1 \d{3}/g) ?? [];

describe('capture relays HTTP/1.1 byte for byte', () => {
  let api: RawOrigin;
  let cap: Running;
  let port: number;
  beforeAll(async () => {
    api = await rawOrigin();
    cap = await startCli([
      'capture',
      '--target',
      `http://127.0.0.1:${api.port}/base`,
      '--port',
      '0',
      '--json',
    ]);
    port = Number(new URL(cap.origin).port);
  });
  afterAll(async () => {
    await cap.stop();
    api.stop();
  });

  it('sends every header line as the app wrote it, with only the path and Host changed', async () => {
    const head =
      'GET /v1/models?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer key-with-trailing-space \r\n' +
      'x_api_key:raw\r\nX-Dup: 1\r\nX-Dup: 2\r\n\r\n';
    const { got } = await exchange(port, head, (g) => g.includes('ok /base'));
    expect(got).toContain('ok /base/v1/models?x=1 0');
    expect(api.heads.at(-1)).toBe(
      `GET /base/v1/models?x=1 HTTP/1.1\r\nHost: 127.0.0.1:${api.port}\r\n` +
        'Authorization: Bearer key-with-trailing-space \r\nx_api_key: raw\r\nX-Dup: 1\r\nX-Dup: 2',
    );
    const [line] = await cap.lines(1, (l) => l.includes('"/base/v1/models?x=1"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ status: 200 });
  });

  it('answers pipelined requests in order, a HEAD among them, on one connection', async () => {
    const two =
      'HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n' +
      'POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello' +
      'GET /c HTTP/1.1\r\nHost: x\r\n\r\n';
    const { got, closed } = await exchange(port, two, (g) => g.includes('ok /base/c'));
    expect(closed).toBe(false);
    expect(answers(got)).toHaveLength(3);
    expect(got.indexOf('ok /base/b 5')).toBeLessThan(got.indexOf('ok /base/c 0'));
    expect(got).not.toContain('ok /base/a'); // a HEAD answer has no body
  });

  it('streams a chunked upload, and passes 100 Continue on before it', async () => {
    const head =
      'POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n';
    const { got } = await exchange(
      port,
      head,
      (g) => g.includes('ok /base/up'),
      (socket, g) => {
        if (g.includes('100 Continue') && !g.includes('200 OK'))
          socket.write('3\r\nabc\r\n0\r\n\r\n');
      },
    );
    expect(got.indexOf('HTTP/1.1 100 Continue')).toBe(0);
    expect(got).toContain('ok /base/up 13'); // the chunked body as sent: 3\r\nabc\r\n0\r\n\r\n
  });

  it('closes after the answer when the app says Connection: close, and for HTTP/1.0', async () => {
    const close = await exchange(
      port,
      'GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      () => false,
    );
    expect(close).toMatchObject({ closed: true });
    expect(close.got).toContain('ok /base/bye');
    const old = await exchange(port, 'GET /old HTTP/1.0\r\n\r\n', () => false);
    expect(old.got).toContain('ok /base/old');
    expect(old.closed).toBe(true);
  });

  it('sends a request again on a new connection when a kept-alive one was closed by the API', async () => {
    const first = await exchange(port, 'GET /stale-1 HTTP/1.1\r\nHost: x\r\n\r\n', (g) =>
      g.includes('ok /base/stale-1'),
    );
    expect(first.got).toContain('200 OK');
    // capture keeps that API connection for the next app connection (not a timed assertion: a
    // pause so the pool surely holds it)
    await new Promise((r) => setTimeout(r, 100));
    const second = await exchange(port, 'GET /stale-2 HTTP/1.1\r\nHost: x\r\n\r\n', (g) =>
      g.includes('ok /base/stale-2'),
    );
    expect(second.got).toContain('200 OK');
    // the attempt on the kept-alive connection the API closed, then the same request on a new one
    expect(api.heads.filter((h) => h.startsWith('GET /base/stale-2 '))).toHaveLength(2);
    const [line] = await cap.lines(1, (l) => l.includes('"/base/stale-2"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ status: 200, refused: false });
  });

  it('leaves what it will not relay to node:http: an ambiguous body length gets 400', async () => {
    const { got, closed } = await exchange(
      port,
      'POST /smuggle HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      () => false,
    );
    expect(got).toMatch(/^HTTP\/1\.1 400/);
    expect(closed).toBe(true);
    expect(api.heads.some((h) => h.includes('/smuggle'))).toBe(false);
  });
});
