import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256.js';

const node = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('equals node:crypto at every length around the block and padding edges', () => {
    for (let n = 0; n <= 200; n++) expect(sha256Hex('k'.repeat(n))).toBe(node('k'.repeat(n)));
    expect(sha256Hex('x'.repeat(100_000))).toBe(node('x'.repeat(100_000)));
  });

  it('equals node:crypto on any text: non-ASCII, astral, lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(node(text));
      }),
    );
    for (const text of ['\ud800', 'a\udfffb', 'é€😀', '\u0000\r\n\u200b'])
      expect(sha256Hex(text)).toBe(node(text));
  });
});
