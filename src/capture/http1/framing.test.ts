import { describe, expect, it } from 'vitest';
import { BodyCursor, requestFraming, responseFraming, type Framing } from './framing.js';
import type { HeaderLine, RequestHead, ResponseHead } from './heads.js';

const req = (headers: HeaderLine[], method = 'POST'): RequestHead => ({
  method,
  target: '/',
  version: 'HTTP/1.1',
  headers,
});
const res = (status: number, headers: HeaderLine[] = []): ResponseHead => ({
  version: 'HTTP/1.1',
  status,
  reason: '',
  headers,
});

describe('requestFraming', () => {
  it.each([
    [[], { kind: 'none' }],
    [[['Content-Length', '0']], { kind: 'none' }],
    [[['content-length', '12']], { kind: 'length', length: 12 }],
    [[['Content-Length', '5, 5']], { kind: 'length', length: 5 }],
    [[['Transfer-Encoding', 'gzip, chunked']], { kind: 'chunked' }],
    [
      [
        ['Transfer-Encoding', 'chunked'],
        ['Content-Length', '3'],
      ],
      'ambiguous',
    ],
    [[['Transfer-Encoding', 'chunked, gzip']], 'ambiguous'],
    [
      [
        ['Content-Length', '5'],
        ['Content-Length', '6'],
      ],
      'ambiguous',
    ],
    [[['Content-Length', '-1']], 'ambiguous'],
    [[['Content-Length', '0x10']], 'ambiguous'],
  ] as [HeaderLine[], Framing | 'ambiguous'][])('%j → %j', (headers, expected) => {
    expect(requestFraming(req(headers))).toEqual(expected);
  });
});

describe('responseFraming', () => {
  it.each([
    [res(200, [['Content-Length', '10']]), 'GET', { kind: 'length', length: 10 }],
    [res(200, [['Content-Length', '10']]), 'HEAD', { kind: 'none' }],
    [res(204), 'GET', { kind: 'none' }],
    [res(304, [['Content-Length', '10']]), 'GET', { kind: 'none' }],
    [res(100), 'POST', { kind: 'none' }],
    [res(101), 'GET', { kind: 'tunnel' }],
    [res(200, [['Transfer-Encoding', 'chunked']]), 'GET', { kind: 'chunked' }],
    [res(200, [['Transfer-Encoding', 'gzip']]), 'GET', { kind: 'close' }],
    [res(200), 'GET', { kind: 'close' }],
    [res(200, [['Content-Length', 'x']]), 'GET', { kind: 'close' }],
    [res(401, [['Content-Length', '0']]), 'GET', { kind: 'none' }],
  ] as [ResponseHead, string, Framing][])('%j to %s → %j', (head, method, expected) => {
    expect(responseFraming(head, method)).toEqual(expected);
  });
});

describe('BodyCursor', () => {
  /** Feeds the wire bytes in pieces of `size`; returns the body seen and where it ended. */
  function walk(framing: Framing, wire: string, size: number) {
    const data: string[] = [];
    const cursor = new BodyCursor(framing, (d) => data.push(d.toString('latin1')));
    const all = Buffer.from(wire, 'latin1');
    let used = 0;
    for (let at = 0; at < all.length; at += size) {
      const piece = all.subarray(at, at + size);
      const step = cursor.consume(piece, 0);
      if ('error' in step) return { error: step.error };
      used += step.used;
      if (step.done) return { body: data.join(''), used, done: true };
    }
    return { body: data.join(''), used, done: false };
  }

  const CHUNKED = '5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT';
  it.each([1, 2, 3, 7, 100])('takes the chunk framing out, read %i bytes at a time', (size) => {
    expect(walk({ kind: 'chunked' }, CHUNKED, size)).toEqual({
      body: 'hello world',
      used: CHUNKED.length - 4,
      done: true,
    });
  });

  it('stops at the end of a length-delimited body', () => {
    expect(walk({ kind: 'length', length: 3 }, 'abcNEXT', 100)).toEqual({
      body: 'abc',
      used: 3,
      done: true,
    });
  });

  it('never ends a body that runs until close', () => {
    expect(walk({ kind: 'close' }, 'abc', 2)).toEqual({ body: 'abc', used: 3, done: false });
  });

  it.each([['zz\r\n'], ['3\r\nabcX\r\n'], [`${'1'.repeat(9000)}`]])(
    'refuses broken chunking %j',
    (wire) => {
      expect(walk({ kind: 'chunked' }, wire, 4096)).toHaveProperty('error');
    },
  );
});
