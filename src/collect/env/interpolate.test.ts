import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate.js';

const vars: Record<string, string | null> = { SET: 'v', EMPTY: '', ARG: null };
const lookup = (n: string) => (n in vars ? vars[n] : undefined);

describe('interpolate', () => {
  it.each([
    ['plain', 'plain'],
    ['${SET}', 'v'],
    ['$SET/x', 'v/x'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${UNSET:+alt}', ''],
    ['${UNSET:-${SET}}', 'v'],
    ['$$SET', '$SET'],
    ['cost $5', 'cost $5'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, lookup).value).toBe(expected);
  });

  it('lists what is missing or required', () => {
    expect(interpolate('${A} ${B:?need B}', lookup)).toMatchObject({
      missing: ['A'],
      required: ['B'],
    });
  });

  it('marks unknown parts', () => {
    expect(interpolate('${ARG}', lookup).unknown).toBe(true);
  });

  it('dotenv-expand escapes with a backslash', () => {
    expect(interpolate('\\$SET and $SET', lookup, '\\$').value).toBe('$SET and v');
  });
});
