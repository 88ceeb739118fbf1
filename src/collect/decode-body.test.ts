import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody, MAX_DECODED, type DecodeOptions } from './decode-body.js';

const TEXT = '{"error":{"message":"Invalid API key"}}';
const text = Buffer.from(TEXT);
const long = Buffer.from(`${'{"error":"invalid_api_key"} '.repeat(4000)}`);
const gz = (b: Buffer) => gzipSync(b);
const br = (b: Buffer) => brotliCompressSync(b);

const cases: {
  name: string;
  raw: Buffer;
  encoding: string | undefined;
  options?: DecodeOptions;
  /** The text, or a pattern it matches. */
  want: string | RegExp;
}[] = [
  { name: 'no encoding', raw: text, encoding: undefined, want: TEXT },
  { name: 'identity', raw: text, encoding: 'identity', want: TEXT },
  { name: 'gzip', raw: gz(text), encoding: 'gzip', want: TEXT },
  { name: 'x-gzip, any case, spaces', raw: gz(text), encoding: ' X-Gzip ', want: TEXT },
  { name: 'deflate', raw: deflateSync(text), encoding: 'deflate', want: TEXT },
  { name: 'br', raw: br(text), encoding: 'br', want: TEXT },
  // RFC 9110 §8.4: codings are listed in the order they were applied: undone last first
  {
    name: 'stacked gzip, br (br undone first)',
    raw: br(gz(text)),
    encoding: 'gzip, br',
    want: TEXT,
  },
  { name: 'stacked br,gzip', raw: gz(br(text)), encoding: 'br,gzip', want: TEXT },
  {
    name: 'stacked with identity among them',
    raw: gz(deflateSync(text)),
    encoding: 'deflate, identity, gzip',
    want: TEXT,
  },
  { name: 'an empty body', raw: Buffer.alloc(0), encoding: 'gzip', want: '' },
  {
    name: 'unknown coding: kept raw, said',
    raw: text,
    encoding: 'zstd',
    want: '(a zstd-encoded body, not decoded)',
  },
  {
    name: 'unknown coding in a stack: nothing decoded',
    raw: gz(text),
    encoding: 'gzip, compress',
    want: '(a gzip, compress-encoded body, not decoded)',
  },
  {
    name: 'more codings than any API uses',
    raw: text,
    encoding: Array(9).fill('gzip').join(', '),
    want: /^\(a gzip, gzip, .*-encoded body, not decoded\)$/,
  },
  {
    name: 'not gzip at all',
    raw: text,
    encoding: 'gzip',
    want: '(a gzip body that does not decode)',
  },
  {
    name: 'truncated (check): said, not decoded',
    raw: gz(long).subarray(0, 100),
    encoding: 'gzip',
    options: { truncated: true },
    want: '(a gzip body not read to its end; not decoded)',
  },
  {
    name: 'truncated without a word: does not decode',
    raw: gz(long).subarray(0, 100),
    encoding: 'gzip',
    want: '(a gzip body that does not decode)',
  },
  {
    name: 'a sample (capture, run): the beginning of a cut gzip stream',
    raw: gz(long).subarray(0, 100),
    encoding: 'gzip',
    options: { prefix: true, truncated: true },
    want: /^\{"error":"invalid_api_key"\}/,
  },
  {
    name: 'a sample: the beginning of a cut br stream',
    raw: br(long).subarray(0, 60),
    encoding: 'br',
    options: { prefix: true },
    want: /^\{"error":"invalid_api_key"\}/,
  },
  {
    name: 'gzip bomb: 32 MiB of zeros stops at the cap',
    raw: gz(Buffer.alloc(32 * 1024 * 1024)),
    encoding: 'gzip',
    want: '(a gzip body that does not decode within 1024 KiB)',
  },
  {
    name: 'a bomb under a stack (gzip, br): the cap holds at each step',
    raw: br(gz(Buffer.alloc(32 * 1024 * 1024))),
    encoding: 'gzip, br',
    want: '(a gzip, br body that does not decode within 1024 KiB)',
  },
  {
    name: 'bomb as a sample: the cap holds too',
    raw: gz(Buffer.alloc(32 * 1024 * 1024)),
    encoding: 'gzip',
    options: { prefix: true },
    want: /within 1024 KiB/,
  },
  {
    name: 'just under the cap decodes whole',
    raw: gz(Buffer.alloc(MAX_DECODED - 1, 'a')),
    encoding: 'gzip',
    want: 'a'.repeat(MAX_DECODED - 1),
  },
];

describe('decodeBody', () => {
  it.each(cases)('$name', ({ raw, encoding, options, want }) => {
    const out = decodeBody(raw, encoding, options);
    if (typeof want === 'string') expect(out).toBe(want);
    else expect(out).toMatch(want);
  });
});

describe('decodeBody with maxBytes: only what is read is decoded', () => {
  const head = long.subarray(0, 4096).toString('utf8');
  it.each([
    ['identity', long, undefined],
    ['gzip', gz(long), 'gzip'],
    ['deflate', deflateSync(long), 'deflate'],
    ['br', br(long), 'br'],
    ['stacked gzip, br', br(gz(long)), 'gzip, br'],
  ])('%s: the first 4 KiB, exactly', (_name, raw, encoding) => {
    expect(decodeBody(raw, encoding, { maxBytes: 4096 })).toBe(head);
  });

  it('a cut stream shorter than asked: what it holds', () => {
    const out = decodeBody(gz(long).subarray(0, 100), 'gzip', { maxBytes: 4096 });
    expect(out.length).toBeGreaterThan(0);
    expect(long.toString('utf8').startsWith(out)).toBe(true);
  });

  it('a gzip bomb: its first 4 KiB, never inflated to the cap', () => {
    const raw = gz(Buffer.alloc(32 * 1024 * 1024, 'a'));
    expect(decodeBody(raw, 'gzip', { maxBytes: 4096 })).toBe('a'.repeat(4096));
  });

  it.each([
    ['br', br(Buffer.alloc(32 * 1024 * 1024, 'a'))],
    ['gzip, br', br(gz(Buffer.alloc(32 * 1024 * 1024, 'a')))],
  ])(
    'a %s bomb whose first input bytes alone pass every cap: said, as without maxBytes',
    (encoding, raw) => {
      expect(decodeBody(raw, encoding, { maxBytes: 4096 })).toBe(
        `(a ${encoding} body that does not decode within 1024 KiB)`,
      );
    },
  );

  it('a body that does not decode is still said', () => {
    expect(decodeBody(text, 'gzip', { maxBytes: 4096 })).toBe('(a gzip body that does not decode)');
  });
});
