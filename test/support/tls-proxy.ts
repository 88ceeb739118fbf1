/**
 * An https:// forward proxy on loopback: TLS with a self-signed certificate for 127.0.0.1, CONNECT
 * tunnels and absolute-form requests, Basic proxy authentication. Its port is a plain TCP listener
 * that hands a TLS ClientHello to the TLS server and keeps anything else as `plaintext` (then
 * drops it): a client that sends its CONNECT or its Proxy-Authorization in clear shows up there.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { selfSigned } from '../capture/tls.js';

export interface TlsProxy {
  readonly port: number;
  /** `https://user:pass@127.0.0.1:port` (no userinfo when none is given). */
  url(user?: string, pass?: string): string;
  /** The proxy's certificate in a file, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** Bytes that arrived on the port without TLS. */
  readonly plaintext: Buffer[];
  /** CONNECT requests received inside TLS: target and decoded Basic credentials. */
  readonly connects: { target: string; auth: string | undefined }[];
  /** Absolute-form requests received inside TLS. */
  readonly forwards: { url: string; auth: string | undefined }[];
  stop(): Promise<void>;
}

const decodeBasic = (value: string | undefined): string | undefined =>
  value?.startsWith('Basic ') ? Buffer.from(value.slice(6), 'base64').toString('utf8') : value;

export async function startTlsProxy(expected?: { user: string; pass: string }): Promise<TlsProxy> {
  const creds = selfSigned();
  const dir = mkdtempSync(join(tmpdir(), 'why401-proxy-ca-'));
  const caFile = join(dir, 'proxy.pem');
  writeFileSync(caFile, creds.cert);
  const plaintext: Buffer[] = [];
  const connects: TlsProxy['connects'] = [];
  const forwards: TlsProxy['forwards'] = [];
  const allowed = (auth: string | undefined) =>
    expected === undefined || auth === `${expected.user}:${expected.pass}`;
  const sockets = new Set<Duplex>();

  const tlsServer = createHttpsServer(creds, (req, res) => {
    const auth = decodeBasic(req.headers['proxy-authorization']);
    forwards.push({ url: req.url ?? '', auth });
    if (!allowed(auth)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(req.url ?? '', { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  tlsServer.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const auth = decodeBasic(req.headers['proxy-authorization']);
    connects.push({ target: req.url ?? '', auth });
    if (!allowed(auth)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  tlsServer.on('tlsClientError', () => undefined);

  const front = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk: Buffer) => {
      if (chunk[0] === 0x16) {
        // A TLS handshake record: the TLS server takes the connection from its first byte.
        socket.pause();
        socket.unshift(chunk);
        tlsServer.emit('connection', socket);
        return;
      }
      plaintext.push(chunk);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as AddressInfo;
  return {
    port,
    url: (user, pass) =>
      `https://${user !== undefined ? `${user}:${pass ?? ''}@` : ''}127.0.0.1:${port}`,
    caFile,
    plaintext,
    connects,
    forwards,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        tlsServer.close();
        front.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
