import { createServer, type Server } from 'node:http';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.js';
import { forwardInFront, settle, tlsThrough } from '../../../test/support/forward-in-front.js';

/** A raw connection to the proxy: what it was sent back, and a promise of its close. */
function rawClient(proxy: ForwardProxy, first?: string) {
  const { hostname, port } = new URL(proxy.origin);
  const socket = net.connect({ port: Number(port), host: hostname, allowHalfOpen: true });
  let got = '';
  socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
  socket.on('error', () => undefined);
  // allowHalfOpen: the client never closes its side, as a hostile one would not; the proxy
  // letting go is its end (or a reset).
  const closed = new Promise<void>((resolve) => {
    socket.once('end', () => resolve());
    socket.once('close', () => resolve());
  });
  if (first !== undefined) socket.write(first);
  return { socket, closed, got: () => got };
}

/** One request on an open connection, its whole answer (Content-Length framed). */
function exchange(socket: net.Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const onData = (c: Buffer) => {
      got += c.toString('latin1');
      const end = got.indexOf('\r\n\r\n');
      const length = Number(/content-length: *(\d+)/i.exec(got)?.[1] ?? 0);
      if (end >= 0 && got.length >= end + 4 + length) {
        socket.removeListener('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
    socket.write(request);
  });
}

describe('the forward proxy against hostile clients', () => {
  const HEAD_MS = 300;
  let api: Server;
  let ca: CertificateAuthority;
  let proxy: ForwardProxy;

  beforeAll(async () => {
    api = createServer((_req, res) => res.end('fine\n'));
    ({ proxy, ca } = await forwardInFront(api, { requestHeadTimeoutMs: HEAD_MS }));
  });

  afterAll(async () => {
    await proxy.close();
    api.close();
  });

  it.each([
    ['x\0y.test:443'],
    ['*.example.com:443'],
    ['bücher.test:443'],
    [`${'a'.repeat(300)}.test:443`],
    ['[fe80::1%eth0]:443'],
  ])('answers 400 to CONNECT %j, mints no leaf, and goes on serving', async (target) => {
    const hostile = rawClient(proxy, `CONNECT ${target} HTTP/1.1\r\n\r\n`);
    await hostile.closed;
    expect(hostile.got()).toMatch(/^HTTP\/1\.1 400 /);
    hostile.socket.destroy();
    const next = rawClient(proxy);
    const answer = await exchange(
      next.socket,
      'GET http://api.test/ok HTTP/1.1\r\nHost: api.test\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 [^]*fine\n$/);
    next.socket.destroy();
  });

  it.each([
    ['sends nothing', undefined],
    ['sends half a head and stops', 'GET http://api.test/ HTTP/1.1\r\nHost: api.test\r\n'],
    ['never starts TLS after its CONNECT', 'CONNECT api.test:443 HTTP/1.1\r\n\r\n'],
  ])('lets go of a client that %s at the head deadline', async (_what, first) => {
    const hostile = rawClient(proxy, first);
    await hostile.closed; // the test's own timeout is the failure: a connection held forever
    expect(hostile.got()).not.toContain('200 OK');
    hostile.socket.destroy();
  });

  it('lets go of a client that trickles its head, a line at a time (slowloris)', async () => {
    const hostile = rawClient(proxy, 'GET http://api.test/ HTTP/1.1\r\n');
    const trickle = setInterval(() => hostile.socket.write('X-Slow: 1\r\n'), HEAD_MS / 10);
    await hostile.closed;
    clearInterval(trickle);
    expect(hostile.got()).not.toContain('200 OK');
    hostile.socket.destroy();
  });

  it('lets go of a client that goes on writing after a 400, never closing its side', async () => {
    const hostile = rawClient(proxy, 'NOT HTTP\r\n\r\n');
    const writing = setInterval(() => hostile.socket.write('more\r\n'), HEAD_MS / 10);
    await new Promise((resolve) => hostile.socket.once('close', resolve));
    clearInterval(writing);
    expect(hostile.got()).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('closes at once a CONNECT whose client hangs up before its TLS handshake ends', async () => {
    // No head deadline here: were the proxy waiting for one, this would hang (the test fails).
    const patient = await startForwardProxy({
      port: 0,
      ca,
      maps: [],
      requestHeadTimeoutMs: 3_600_000,
      onCall: () => undefined,
    });
    const client = rawClient(patient, 'CONNECT api.test:443 HTTP/1.1\r\n\r\n');
    await expect.poll(() => client.got()).toContain('200');
    client.socket.end(); // a FIN before any TLS byte (a client gone between CONNECT and handshake)
    await client.closed;
    client.socket.destroy();
    await patient.close();
  });

  it('does not cut a connection whose requests arrived, idle past the head deadline', async () => {
    const secure = await tlsThrough(proxy, 'api.test', ca.certPem);
    const request = 'GET /v1/x HTTP/1.1\r\nHost: api.test\r\n\r\n';
    expect(await exchange(secure, request)).toContain('fine');
    await settle(HEAD_MS * 3);
    expect(await exchange(secure, request)).toContain('fine');
    const plain = rawClient(proxy);
    const absolute = 'GET http://api.test/y HTTP/1.1\r\nHost: api.test\r\n\r\n';
    expect(await exchange(plain.socket, absolute)).toContain('fine');
    await settle(HEAD_MS * 3);
    expect(await exchange(plain.socket, absolute)).toContain('fine');
    secure.destroy();
    plain.socket.destroy();
  });
});
