import { describe, expect, it } from 'vitest';
import { ago } from './jwt-time.js';

describe('ago: a JWT time distance in words', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [59, '59 seconds'],
    [60, '1 minute'],
    [-7200, '2 hours'],
    [86400, '1 day'],
    [3 * 86400 + 5, '3 days'],
  ])('ago(%d) = %s', (s, text) => {
    expect(ago(s)).toBe(text);
  });
});
