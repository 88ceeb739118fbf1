import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObservedCall } from '../call/observed-call.js';
import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.js';
import { forwardInFront, settle, tlsThrough } from '../../../test/support/forward-in-front.js';

const MiB = 1024 * 1024;
const TOTAL = 256 * MiB;

/** How far a server got writing TOTAL bytes to a peer that reads nothing. */
interface Flood {
  sent: number;
  /** Resolves once a write was refused (the peer's buffers are full). */
  readonly blocked: Promise<void>;
}

/** Writes TOTAL bytes after `head`, honouring backpressure, as a well-behaved server does. */
function flood(socket: net.Socket, head: string): Flood {
  const chunk = Buffer.alloc(MiB, 0x61);
  let block: () => void = () => undefined;
  const state: Flood = { sent: 0, blocked: new Promise((resolve) => (block = resolve)) };
  socket.write(head);
  const pump = (): void => {
    while (state.sent < TOTAL && !socket.destroyed) {
      state.sent += chunk.length;
      if (!socket.write(chunk)) {
        block();
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
  return state;
}

describe('the forward proxy in front of hostile servers', () => {
  let api: net.Server;
  let ca: CertificateAuthority;
  let proxy: ForwardProxy;
  const floods: Flood[] = [];
  let calls: ObservedCall[];

  beforeAll(async () => {
    api = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', (head: Buffer) => {
        const path = head.toString('latin1').split(' ')[1] ?? '';
        if (path === '/huge-head') {
          const lines = Array.from({ length: 80 }, (_, i) => `X-Filler-${i}: ${'f'.repeat(1000)}`);
          socket.end(`HTTP/1.1 200 OK\r\n${lines.join('\r\n')}\r\nContent-Length: 2\r\n\r\nok`);
        } else if (path === '/flood') {
          floods.push(flood(socket, `HTTP/1.1 200 OK\r\nContent-Length: ${TOTAL}\r\n\r\n`));
        } else if (path === '/ws-flood') {
          const head =
            'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
          floods.push(flood(socket, head));
        }
      });
    });
    ({ proxy, ca, calls } = await forwardInFront(api));
  });

  afterAll(async () => {
    await proxy.close();
    api.close();
  });

  it('says an answer head over 64 KiB is too large, not that it is not HTTP', async () => {
    const secure = await tlsThrough(proxy, 'api.test', ca.certPem);
    let got = '';
    secure.on('data', (c: Buffer) => (got += c.toString('latin1')));
    secure.write('GET /huge-head HTTP/1.1\r\nHost: api.test\r\n\r\n');
    await new Promise((resolve) => secure.once('close', resolve));
    expect(got).toMatch(/^HTTP\/1\.1 502 /);
    expect(got).toContain('HPE_HEADER_OVERFLOW');
    const call = calls.find((c) => c.url.pathname === '/huge-head');
    expect(call?.error?.message).toMatch(/head is over 64 KiB/);
  });

  it("says a head over 64 KiB from the user's own proxy is too large", async () => {
    const userProxy = net.createServer((socket) => {
      socket.on('error', () => undefined);
      const lines = Array.from({ length: 80 }, (_, i) => `X-Filler-${i}: ${'f'.repeat(1000)}`);
      socket.once('data', () => socket.end(`HTTP/1.1 200 OK\r\n${lines.join('\r\n')}\r\n\r\n`));
    });
    await new Promise<void>((resolve) => userProxy.listen(0, '127.0.0.1', resolve));
    const userPort = (userProxy.address() as AddressInfo).port;
    const chained = await startForwardProxy({
      port: 0,
      ca,
      maps: [],
      userEnv: { HTTPS_PROXY: `http://user:pw@127.0.0.1:${userPort}` },
      onCall: (c) => calls.push(c),
    });
    const secure = await tlsThrough(chained, 'api.example.com', ca.certPem);
    let got = '';
    secure.on('data', (c: Buffer) => (got += c.toString('latin1')));
    secure.write('GET /v1/models HTTP/1.1\r\nHost: api.example.com\r\n\r\n');
    await new Promise((resolve) => secure.once('close', resolve));
    expect(got).toMatch(/^HTTP\/1\.1 502 /);
    const call = calls.find((c) => c.url.href === 'https://api.example.com/v1/models');
    expect(call?.error?.code).toBe('HPE_HEADER_OVERFLOW');
    expect(call?.error?.message).toMatch(/head is over 64 KiB/);
    await chained.close();
    userProxy.close();
  });

  it.each([
    ['an answer body', 'GET /flood HTTP/1.1\r\nHost: api.test\r\n\r\n'],
    [
      "a WebSocket's frames after its 101",
      'GET /ws-flood HTTP/1.1\r\nHost: api.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
    ],
  ])(
    'holds %s of 256 MiB back from an app that reads nothing (the API sees backpressure)',
    async (_what, request) => {
      floods.length = 0;
      const secure = await tlsThrough(proxy, 'api.test', ca.certPem);
      secure.pause();
      secure.write(request);
      await expect.poll(() => floods.length).toBe(1);
      const api = floods[0] as Flood;
      await api.blocked;
      await settle(500); // were the proxy buffering, the API would go on writing meanwhile
      expect(api.sent).toBeLessThan(64 * MiB);
      secure.destroy();
    },
  );
});
