import { RegExpParser, type AST } from '@eslint-community/regexpp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../providers/catalog/index.js';
import { matchLengthRange } from './regex-length.js';

/**
 * regex-length.ts is hand-written (the CLI must not load a regex parser at start); regexpp, the
 * parser ESLint uses, is the reference: on every pattern of the subset the hand-written reader
 * claims (literals, escapes, classes, groups, alternation, quantifiers, ^ $ \b), both give the
 * same shortest and longest match.
 */
const parser = new RegExpParser({ ecmaVersion: 2024 });

type Range = { min: number; max: number };

function lengths(node: AST.Alternative[] | AST.Element): Range {
  if (Array.isArray(node)) {
    // alternation: the shortest and longest branch
    const each = node.map((alt) =>
      alt.elements.map(lengths).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), {
        min: 0,
        max: 0,
      }),
    );
    return {
      min: Math.min(...each.map((r) => r.min)),
      max: Math.max(...each.map((r) => r.max)),
    };
  }
  switch (node.type) {
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return { min: 1, max: 1 };
    case 'Assertion':
      return { min: 0, max: 0 };
    case 'Group':
    case 'CapturingGroup':
      return lengths(node.alternatives);
    case 'Quantifier': {
      const inner = lengths(node.element);
      return {
        min: inner.min * node.min,
        max: inner.max === 0 || node.max === 0 ? 0 : inner.max * node.max,
      };
    }
    default:
      throw new Error(`not in the compared subset: ${node.type}`);
  }
}

/** The reference: regexpp's AST of the pattern (no flags, as key shapes are compiled), walked. */
function reference(source: string): Range {
  return lengths(parser.parsePattern(source, 0, source.length, { unicode: false }).alternatives);
}

const literal = fc.constantFrom('a', 'b', 'Z', '0', '9', '_', '-', ',', '}', ']', 'é');
const escape = fc.constantFrom(
  '\\d',
  '\\w',
  '\\s',
  '\\S',
  '\\.',
  '\\-',
  '\\/',
  '\\[',
  '\\n',
  '\\0',
);
const cls = fc.constantFrom(
  '[a-z]',
  '[A-Za-z0-9_-]',
  '[^x]',
  '[\\]x]',
  '[\\s\\S]',
  '[.]',
  '[-a]',
  '[^]',
);
const assertion = fc.constantFrom('^', '$', '\\b', '\\B');
const quantifier = fc
  .tuple(
    fc.oneof(
      fc.constant(''),
      fc.constantFrom('?', '*', '+'),
      fc.nat(40).map((n) => `{${n}}`),
      fc.nat(40).map((n) => `{${n},}`),
      fc.tuple(fc.nat(20), fc.nat(20)).map(([a, b]) => `{${a},${a + b}}`),
    ),
    fc.boolean(),
  )
  .map(([q, lazy]) => (q !== '' && lazy ? `${q}?` : q));

const { pattern } = fc.letrec<{ pattern: string; sequence: string; term: string }>((tie) => ({
  pattern: fc.array(tie('sequence'), { minLength: 1, maxLength: 3 }).map((s) => s.join('|')),
  sequence: fc.array(tie('term'), { maxLength: 5 }).map((t) => t.join('')),
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.oneof(literal, escape, cls), quantifier).map(([a, q]) => a + q),
    assertion,
    // `{,3}` is no quantifier in JavaScript: four literal characters
    fc.constant('x{,3}'),
    fc
      .tuple(fc.constantFrom('(?:', '('), tie('pattern'), quantifier)
      .map(([open, inner, q]) => `${open}${inner})${q}`),
  ),
}));

describe('matchLengthRange agrees with regexpp', () => {
  it('on generated patterns of the subset it reads', () => {
    fc.assert(
      fc.property(pattern, (source) => {
        expect(new RegExp(source).source).toBeTruthy(); // a valid JavaScript pattern
        expect(matchLengthRange(source), source).toEqual(reference(source));
      }),
      { numRuns: 2000 },
    );
  });

  it('on every key shape of the provider catalog it reads', () => {
    let compared = 0;
    for (const p of PROVIDERS)
      for (const shape of p.keyShapes) {
        const ours = matchLengthRange(shape.pattern.source);
        if (ours === undefined) continue; // lookarounds, \uXXXX…: the check leaves these alone
        compared++;
        expect(ours, `${p.id}: /${shape.pattern.source}/`).toEqual(reference(shape.pattern.source));
      }
    expect(compared).toBeGreaterThan(50);
  });
});
