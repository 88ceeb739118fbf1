import { describe, expect, it } from 'vitest';
import { judgeLocation } from './redirect-location.js';

const target = new URL('https://api.example.com/v1');

describe('judgeLocation', () => {
  it.each([
    ['https://api.example.com/v1/next?page=2', 'http://127.0.0.1:8401/v1/next?page=2'],
    ['https://API.example.com:443/v1/x#frag', 'http://127.0.0.1:8401/v1/x#frag'],
    ['//api.example.com/v1/y', 'http://127.0.0.1:8401/v1/y'],
    ['https://api.example.com', 'http://127.0.0.1:8401/'],
  ])('rewrites %s (the target itself) to capture', (location, rewritten) => {
    expect(judgeLocation(302, location, target, '127.0.0.1:8401')).toEqual({
      kind: 'rewrite',
      location: rewritten,
    });
  });

  it.each([
    ['https://login.example.com/sso', 'https://login.example.com'],
    ['http://api.example.com/v1/x', 'http://api.example.com'],
    ['https://api.example.com:8443/v1', 'https://api.example.com:8443'],
  ])('reports %s (another origin) and leaves it', (location, origin) => {
    expect(judgeLocation(307, location, target, '127.0.0.1:8401')).toEqual({
      kind: 'elsewhere',
      origin,
    });
  });

  it.each([
    [302, '/v1/next'],
    [302, 'next'],
    [200, 'https://api.example.com/v1/x'],
    [302, undefined],
    [302, 'mailto:x@example.com'],
    [302, 'https://exa mple.com/\u0000'],
  ])('leaves %s %s alone', (status, location) => {
    expect(judgeLocation(status, location, target, '127.0.0.1:8401')).toBeUndefined();
  });

  it('does not rewrite to a Host that is not a host', () => {
    expect(judgeLocation(302, 'https://api.example.com/x', target, 'a b/c')).toBeUndefined();
  });
});
