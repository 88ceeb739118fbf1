import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HeadTap, headerPairs, tapRawHeads } from './raw-heads.js';

describe('HeadTap', () => {
  it('reads heads across chunks and skips length, chunked and trailer framing', () => {
    const tap = new HeadTap();
    const wire =
      'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 19\r\nAuthorization: Bearer k1 \r\n\r\n' +
      'GET /b HTTP/1.1\r\n\r\n' + // (body of the first request: 19 bytes that look like a head)
      'PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nX-Key: \tv2\t\r\n\r\n' +
      '5\r\nGET /\r\n3;ext=1\r\nxyz\r\n0\r\nTrailer-A: 1\r\n\r\n' +
      'GET /d HTTP/1.1\r\nx_api_key: v3\r\n\r\n';
    const bytes = Buffer.from(wire, 'latin1');
    for (let i = 0; i < bytes.length; i += 7) tap.feed(bytes.subarray(i, i + 7));
    expect(tap.take('POST', '/a')?.headers).toContainEqual(['Authorization', 'Bearer k1 ']);
    expect(tap.take('PUT', '/c')?.headers).toContainEqual(['X-Key', '\tv2\t']);
    expect(tap.take('GET', '/d')?.headers).toEqual([['x_api_key', 'v3']]);
    expect(tap.take('GET', '/e')).toBeUndefined();
  });

  it('gives up on what is not HTTP/1 and says nothing then', () => {
    const tap = new HeadTap();
    tap.feed(Buffer.from('\u0016\u0003\u0001 binary\r\n\r\n', 'latin1'));
    expect(tap.take('GET', '/')).toBeUndefined();
  });
});

describe('tapRawHeads on a real server', () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  it('keeps the edge whitespace that the parser trims, request after request', async () => {
    const seen: [string, string][][] = [];
    server = http.createServer((req, res) => {
      seen.push(headerPairs(req));
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    tapRawHeads(server);
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    let answers = '';
    await new Promise<void>((resolve) => {
      socket.on('data', (d) => {
        answers += d.toString('latin1');
        if (answers.split('HTTP/1.1 200').length === 3) resolve();
      });
      socket.write(
        'POST /one HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer abc \r\nContent-Length: 4\r\n\r\nbody' +
          'GET /two HTTP/1.1\r\nHost: h\r\nX-Api-Key:  k\t\r\n\r\n',
      );
    });
    socket.destroy();
    expect(seen[0]).toContainEqual(['Authorization', 'Bearer abc ']);
    expect(seen[1]).toContainEqual(['X-Api-Key', ' k\t']);
  });
});
