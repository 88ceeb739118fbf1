import { describe, expect, it } from 'vitest';
import {
  closesAfter,
  HeadReader,
  MAX_HEAD,
  parseRequestHead,
  parseResponseHead,
  type HeaderLine,
} from './heads.js';

describe('parseRequestHead', () => {
  it.each([
    [
      'GET /v1/models HTTP/1.1\r\nHost: a',
      { method: 'GET', target: '/v1/models', version: 'HTTP/1.1', headers: [['Host', 'a']] },
    ],
    // the one space after the colon goes, the rest of the value stays exactly as sent
    [
      'GET / HTTP/1.1\r\nAuthorization: Bearer k \t',
      { headers: [['Authorization', 'Bearer k \t']] },
    ],
    ['GET / HTTP/1.1\r\nX-Key:v', { headers: [['X-Key', 'v']] }],
    ['GET / HTTP/1.1\r\nx_api_key: v', { headers: [['x_api_key', 'v']] }],
    ['\r\n\r\nPOST /a HTTP/1.0\r\nA: 1', { method: 'POST', version: 'HTTP/1.0' }],
    ['GET http://h/p?q=1 HTTP/1.1', { target: 'http://h/p?q=1', headers: [] }],
  ])('reads %j', (text, expected) => {
    expect(parseRequestHead(text)).toMatchObject(expected);
  });

  it.each([
    ['GET / HTTP/2.0'],
    ['GET /  HTTP/1.1'],
    ['GET / HTTP/1.1\nHost: a'], // bare LF
    ['GET / HTTP/1.1\r\nHost : a'], // space before the colon (a smuggling classic)
    ['GET / HTTP/1.1\r\n folded'], // obs-fold
    ['GET / HTTP/1.1\r\nno colon'],
    ['G(T / HTTP/1.1'],
    [''],
  ])('leaves %j to node:http', (text) => {
    expect(parseRequestHead(text)).toBeUndefined();
  });
});

describe('parseResponseHead', () => {
  it.each([
    [
      'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate:  Bearer  ',
      { status: 401, reason: 'Unauthorized', headers: [['WWW-Authenticate', 'Bearer']] },
    ],
    ['HTTP/1.1 200', { status: 200, reason: '' }],
    ['HTTP/1.0 204 No Content', { version: 'HTTP/1.0', status: 204 }],
    ['HTTP/1.1 200 OK\r\nX: \u00a0v\u00a0', { headers: [['X', '\u00a0v\u00a0']] }], // only SP and HTAB trimmed
  ])('reads %j', (text, expected) => {
    expect(parseResponseHead(text)).toMatchObject(expected);
  });

  it.each([['SSH-2.0-OpenSSH'], ['HTTP/1.1 20 OK'], ['HTTP/1.1 200 OK\r\nbad line']])(
    'refuses %j',
    (text) => expect(parseResponseHead(text)).toBeUndefined(),
  );
});

describe('closesAfter', () => {
  const h = (v?: string): HeaderLine[] => (v === undefined ? [] : [['Connection', v]]);
  it.each([
    ['HTTP/1.1', h(), false],
    ['HTTP/1.1', h('close'), true],
    ['HTTP/1.1', h('Upgrade, Close'), true],
    ['HTTP/1.1', h('closed'), false],
    ['HTTP/1.0', h(), true],
    ['HTTP/1.0', h('keep-alive'), false],
  ] as const)('%s %j → %s', (version, headers, expected) => {
    expect(closesAfter(version, headers)).toBe(expected);
  });
});

describe('HeadReader', () => {
  const bytes = (s: string) => Buffer.from(s, 'latin1');

  it('returns a head split over chunks, the end marker straddling them', () => {
    const reader = new HeadReader();
    expect(reader.push(bytes('GET / HTTP/1.1\r\nHost: a\r'), 0).kind).toBe('more');
    expect(reader.push(bytes('\n\r'), 0).kind).toBe('more');
    const step = reader.push(bytes('\nBODY'), 0);
    expect(step).toMatchObject({ kind: 'head', text: 'GET / HTTP/1.1\r\nHost: a', used: 1 });
    expect(step.kind === 'head' && step.bytes.toString('latin1')).toBe(
      'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
    );
    expect(reader.pending).toBeUndefined();
  });

  it('starts at the offset it is given, and says how much it used', () => {
    const step = new HeadReader().push(bytes('xxHTTP/1.1 200 OK\r\n\r\nrest'), 2);
    expect(step).toMatchObject({ kind: 'head', text: 'HTTP/1.1 200 OK', used: 19 });
  });

  it('gives up past the head limit', () => {
    const reader = new HeadReader();
    expect(reader.push(Buffer.alloc(MAX_HEAD, 0x61), 0).kind).toBe('more');
    expect(reader.push(bytes('a'), 0).kind).toBe('too-large');
  });
});
