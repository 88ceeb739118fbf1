import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeCall } from '../call/judge-call.js';
import type { ObservedCall } from '../call/observed-call.js';
import { CertificateAuthority } from './certs.js';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.js';
import { parseMap } from './map.js';

const KEY = `sk-proj-${randomBytes(24).toString('hex')}`;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One WebSocket frame (FIN, a text or binary opcode, payload < 126 bytes), masked by a client. */
function frame(payload: Buffer, masked: boolean, opcode = 1): Buffer {
  const mask = masked ? randomBytes(4) : undefined;
  const body = mask ? Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number))) : payload;
  const head = Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | payload.length]);
  return Buffer.concat(mask ? [head, mask, body] : [head, body]);
}

/** The payload of one small frame. */
function unframe(data: Buffer): Buffer {
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  const length = (data[1] ?? 0) & 0x7f;
  if (!masked) return data.subarray(2, 2 + length);
  const mask = data.subarray(2, 6);
  return Buffer.from(data.subarray(6, 6 + length).map((b, i) => b ^ (mask[i % 4] as number)));
}

/** A CONNECT through the proxy, then TLS to `host` inside it (trusting the run's CA). */
function tunnelTo(proxy: ForwardProxy, host: string, ca: string): Promise<tls.TLSSocket> {
  const { hostname, port } = new URL(proxy.origin);
  return new Promise((resolve, reject) => {
    const raw = net.connect(Number(port), hostname, () =>
      raw.write(`CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`),
    );
    raw.once('error', reject);
    raw.once('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 200')) reject(new Error('no 200'));
      const secure = tls.connect({ socket: raw, servername: host, ca });
      secure.once('secureConnect', () => resolve(secure));
      secure.once('error', reject);
    });
  });
}

type Handshake =
  | { kind: 'upgrade'; status: number; socket: Duplex; head: Buffer }
  | { kind: 'response'; status: number; body: string };

/** A WebSocket handshake written with node:https, on a socket already tunnelled. */
function handshake(socket: tls.TLSSocket, key: string): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: 'ws.test',
      path: '/v1/realtime?model=gpt-4o-realtime',
      createConnection: () => socket,
      headers: {
        Host: 'ws.test',
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        Authorization: `Bearer ${key}`,
      },
    });
    req.on('upgrade', (res, up: Duplex, head: Buffer) =>
      resolve({ kind: 'upgrade', status: res.statusCode ?? 0, socket: up, head }),
    );
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ kind: 'response', status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function firstData(socket: Duplex, already: Buffer): Promise<Buffer> {
  if (already.length > 0) return Promise.resolve(already);
  return new Promise((resolve) => socket.once('data', resolve));
}

describe('WebSockets inside a TLS tunnel (wss:// through the forward proxy)', () => {
  let api: Server;
  let proxy: ForwardProxy;
  let ca: CertificateAuthority;
  const calls: ObservedCall[] = [];
  const seenHosts: string[] = [];

  beforeAll(async () => {
    ca = new CertificateAuthority();
    const leaf = ca.leafFor('127.0.0.1');
    // The API: a TLS WebSocket server that refuses a wrong key with 401, and echoes frames.
    api = createServer({ key: leaf.key, cert: leaf.cert }, (_req, res) => {
      res.writeHead(404).end();
    });
    api.on('upgrade', (req, socket: Duplex) => {
      seenHosts.push(req.headers.host ?? '');
      if (req.headers.authorization !== 'Bearer right-key') {
        const body = JSON.stringify({
          error: { message: 'Incorrect API key provided', code: 'invalid_api_key' },
        });
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: Bearer\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        return;
      }
      const accept = createHash('sha1')
        .update(`${req.headers['sec-websocket-key'] ?? ''}${GUID}`)
        .digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      socket.on('data', (data: Buffer) => socket.write(frame(unframe(data), false)));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const origin = `https://127.0.0.1:${(api.address() as AddressInfo).port}`;
    proxy = await startForwardProxy({
      port: 0,
      ca,
      maps: [parseMap(`ws.test=${origin}`), parseMap(`plain.test:80=${origin}`)],
      insecure: true,
      onCall: (c) => calls.push(c),
    });
  });

  afterAll(async () => {
    await proxy.close();
    api.close();
  });

  it('an accepted upgrade streams frames both ways, unchanged; the handshake is the call', async () => {
    calls.length = 0;
    const socket = await tunnelTo(proxy, 'ws.test', ca.certPem);
    const shake = await handshake(socket, 'right-key');
    expect(shake).toMatchObject({ kind: 'upgrade', status: 101 });
    if (shake.kind !== 'upgrade') return;
    expect(seenHosts.at(-1)).toBe('ws.test');
    const echoed: string[] = [];
    for (const text of ['hello', 'again']) {
      const answer = firstData(shake.socket, echoed.length === 0 ? shake.head : Buffer.alloc(0));
      shake.socket.write(frame(Buffer.from(text), true));
      echoed.push(unframe(await answer).toString());
    }
    expect(echoed).toEqual(['hello', 'again']);
    await expect.poll(() => calls.length).toBe(1);
    expect(calls[0]?.url.href).toBe('https://ws.test/v1/realtime?model=gpt-4o-realtime');
    expect(calls[0]?.response?.status).toBe(101);
    shake.socket.destroy();
  });

  it('frames the app sends right after its handshake wait for the 101, then go on', async () => {
    const socket = await tunnelTo(proxy, 'ws.test', ca.certPem);
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET /v1/realtime HTTP/1.1\r\nHost: ws.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\nAuthorization: Bearer right-key\r\n\r\n`,
    );
    socket.write(frame(Buffer.from('early'), true));
    let got = Buffer.alloc(0);
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        got = Buffer.concat([got, chunk]);
        const end = got.indexOf('\r\n\r\n');
        if (end >= 0 && got.length >= end + 4 + 7) resolve();
      });
    });
    const end = got.indexOf('\r\n\r\n');
    expect(got.toString('latin1', 0, 12)).toBe('HTTP/1.1 101');
    expect(unframe(got.subarray(end + 4)).toString()).toBe('early');
    socket.destroy();
  });

  it('a 401 to the upgrade reaches the app as sent and is diagnosed as a refused call', async () => {
    calls.length = 0;
    const socket = await tunnelTo(proxy, 'ws.test', ca.certPem);
    const shake = await handshake(socket, KEY);
    expect(shake).toMatchObject({ kind: 'response', status: 401 });
    if (shake.kind === 'response') expect(shake.body).toContain('invalid_api_key');
    await expect.poll(() => calls.length).toBe(1);
    const call = calls[0] as ObservedCall;
    expect(call.response?.status).toBe(401);
    const report = await judgeCall(call);
    expect(report.refused).toBe(true);
    expect(report.findings.map((f) => f.id)).toContain('credential.invalid');
    socket.destroy();
  });

  it('a request whose Host is another name goes to the tunnel’s host (TLS went there), not 501', async () => {
    const socket = await tunnelTo(proxy, 'ws.test', ca.certPem);
    socket.write('GET /other HTTP/1.1\r\nHost: elsewhere.test\r\nConnection: close\r\n\r\n');
    let got = '';
    await new Promise<void>((resolve) => {
      socket.setEncoding('latin1').on('data', (c: string) => (got += c));
      socket.on('end', resolve);
    });
    expect(got.startsWith('HTTP/1.1 404')).toBe(true);
  });

  it('ws:// as an absolute-form upgrade to the proxy is relayed too', async () => {
    const { hostname, port } = new URL(proxy.origin);
    const socket = net.connect(Number(port), hostname);
    socket.write(
      `GET http://plain.test/ws HTTP/1.1\r\nHost: plain.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nAuthorization: Bearer right-key\r\n\r\n`,
    );
    const head = await new Promise<string>((resolve) =>
      socket.once('data', (c: Buffer) => resolve(c.toString('latin1'))),
    );
    expect(head.startsWith('HTTP/1.1 101')).toBe(true);
    const echo = new Promise<Buffer>((resolve) => socket.once('data', resolve));
    socket.write(frame(Buffer.from('plain'), true));
    expect(unframe(await echo).toString()).toBe('plain');
    socket.destroy();
  });
});
