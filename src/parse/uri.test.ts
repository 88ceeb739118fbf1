import { describe, expect, it } from 'vitest';
import { encodeComponent } from './uri.js';

describe('encodeComponent', () => {
  it.each([
    ['plain', 'sk-abc_123', 'sk-abc_123'],
    ['reserved characters', 'a b/c?d', 'a%20b%2Fc%3Fd'],
    ['a surrogate pair (emoji)', 'k\u{1F511}', 'k%F0%9F%94%91'],
    ['a lone high surrogate', '\ud800', '%EF%BF%BD'],
    ['a lone low surrogate inside', 'a\udc00b', 'a%EF%BF%BDb'],
    ['two high surrogates, then a low one', '\ud800\ud800\udc00', '%EF%BF%BD%F0%90%80%80'],
  ])('%s', (_, value, encoded) => {
    expect(encodeComponent(value)).toBe(encoded);
  });
});
