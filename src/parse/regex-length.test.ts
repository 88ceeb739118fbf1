import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../providers/catalog/index.js';
import { samplesOf } from '../../test/support/key-samples.js';
import { minMatchLength } from './regex-length.js';

describe('minMatchLength', () => {
  it.each([
    ['abc', 3],
    ['', 0],
    ['^abc$', 3],
    ['a?', 0],
    ['a*', 0],
    ['a+', 1],
    ['a+?', 1],
    ['a{3}', 3],
    ['a{2,5}', 2],
    ['a{4,}', 4],
    ['a{0,3}', 0],
    ['[abc]', 1],
    ['[a-z0-9]{20}', 20],
    ['[\\]x]{2}', 2],
    ['[\\s\\S]+', 1],
    ['[^]', 1],
    ['[^]]', 2],
    ['\\.', 1],
    ['\\d{4}', 4],
    ['\\bab\\b', 2],
    ['(?:ab|c)', 1],
    ['(ab|cde){2}', 4],
    ['(?:ab)?c', 1],
    ['(?:a|b(?:cd|e))x', 2],
    ['sk-proj-[A-Za-z0-9_-]+T3BlbkFJ[A-Za-z0-9_-]+', 18],
    ['sk-ant-api03-[A-Za-z0-9_-]{93}AA', 108],
    ['ghp_[A-Za-z0-9]{36}', 40],
    ['a{,3}', 5], // not a quantifier in JS: the literal text a{,3}
  ])('/%s/ → %s', (source, expected) => {
    expect(minMatchLength(source)).toBe(expected);
  });

  it.each([
    ['(?=a)b'],
    ['(?!a)b'],
    ['(?<=a)b'],
    ['(ab'],
    ['ab)'],
    ['[ab'],
    ['\\x41'],
    ['\\u0041{3}'],
    ['\\p{L}+'],
    ['(a)\\1'],
    // an empty class matches nothing in JavaScript: `[]a]` is `[]`, then `a]` (not POSIX's class)
    ['[]a]'],
    ['x[]?'],
  ])('/%s/ → undefined (not understood)', (source) => {
    expect(minMatchLength(source)).toBeUndefined();
  });

  it('agrees with every catalog shape: its samples are no shorter, the bound is tight', () => {
    for (const p of PROVIDERS) {
      p.keyShapes.forEach((shape, n) => {
        const min = minMatchLength(shape.pattern.source);
        expect(min, `${p.id} /${shape.pattern.source}/`).toBeTypeOf('number');
        for (const sample of samplesOf(shape, `${p.id}/${n}/len`, 4)) {
          expect(sample.length, `${p.id} /${shape.pattern.source}/`).toBeGreaterThanOrEqual(
            min ?? 0,
          );
        }
        // a string of exactly `min` chars fits when the shape has no alternation
        if (!shape.pattern.source.includes('|')) {
          const re = new RegExp(`^(?:${shape.pattern.source})$`, shape.pattern.flags);
          expect(re.test('x'.repeat(Math.max(0, (min ?? 0) - 1))), p.id).toBe(false);
        }
      });
    }
  });
});
