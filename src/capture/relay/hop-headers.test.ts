import { describe, expect, it } from 'vitest';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './hop-headers.js';

describe('hop-by-hop headers', () => {
  it('keeps order, spelling, repeats and exact values; drops connection headers; sets Host', () => {
    const out = upstreamRequestHeaders(
      [
        ['Host', '127.0.0.1:8401'],
        ['Authorization', 'Bearer k '],
        ['Connection', 'keep-alive, X-Hop'],
        ['X-Hop', '1'],
        ['x_api_key', 'a'],
        ['X-Dup', '1'],
        ['X-Dup', '2'],
      ],
      'api.example.com',
    );
    expect(out).toEqual([
      'Host',
      'api.example.com',
      'Authorization',
      'Bearer k ',
      'x_api_key',
      'a',
      'X-Dup',
      '1',
      'X-Dup',
      '2',
    ]);
    expect(
      downstreamResponseHeaders([
        'Transfer-Encoding',
        'chunked',
        'Keep-Alive',
        'timeout=5',
        'X-A',
        '1',
      ]),
    ).toEqual(['X-A', '1']);
  });

  it('an upgrade keeps its Connection and Upgrade (the handshake), Host still set, added first when absent', () => {
    const sent = [
      ['Connection', 'Upgrade'],
      ['Upgrade', 'websocket'],
      ['host', 'a'],
      ['Host', 'b'],
      ['Sec-WebSocket-Key', 'k'],
    ] as const;
    expect(upstreamRequestHeaders(sent, 'api.example.com', { upgrade: true })).toEqual([
      'Connection',
      'Upgrade',
      'Upgrade',
      'websocket',
      'host',
      'api.example.com',
      'Sec-WebSocket-Key',
      'k',
    ]);
    expect(upstreamRequestHeaders([['Upgrade', 'websocket']], 'h', { upgrade: true })).toEqual([
      'Host',
      'h',
      'Upgrade',
      'websocket',
    ]);
  });
});
