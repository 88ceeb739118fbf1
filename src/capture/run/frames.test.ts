import { describe, expect, it } from 'vitest';
import { encodeFrames, FrameReader, type RunMessage } from './frames.js';

describe('run frames', () => {
  it('cuts big messages into ≤ 4 KiB lines and puts them back whatever the interleaving', () => {
    const big: RunMessage = {
      t: 'call',
      pid: 11,
      call: {
        via: 'http',
        startedAt: 1,
        elapsedMs: 2,
        method: 'GET',
        url: 'https://api.example.com/v1',
        requestHeaders: [['authorization', 'Bearer x']],
        status: 401,
        body: Buffer.alloc(20_000, 7).toString('base64'),
      },
    };
    const small: RunMessage = { t: 'seen', pid: 12, status: 200 };
    const a = encodeFrames(big, 1);
    const b = encodeFrames(small, 1);
    expect(a.length).toBeGreaterThan(5);
    for (const line of [...a, ...b]) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(4096);
    const mixed = [a[0], b[0], ...a.slice(1)].join('');
    const reader = new FrameReader();
    const out = [
      ...reader.push(mixed.slice(0, 1000)),
      ...reader.push(mixed.slice(1000, 9000)),
      ...reader.push(mixed.slice(9000)),
    ];
    expect(out).toEqual([small, big]);
  });
});
