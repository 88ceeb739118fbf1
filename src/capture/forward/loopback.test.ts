import { describe, expect, it } from 'vitest';
import { loopbackGoesStraight } from './loopback.js';

const PROXY = 'http://proxy.corp:3128';

describe('loopbackGoesStraight', () => {
  it.each([
    ['no proxy of the user’s', {}, true],
    ['a proxy, no NO_PROXY: loopback calls would go on through it', { HTTPS_PROXY: PROXY }, false],
    ['http_proxy alone', { http_proxy: PROXY }, false],
    ['ALL_PROXY', { ALL_PROXY: PROXY }, false],
    [
      'a socks proxy (not followed, but the user’s)',
      { ALL_PROXY: 'socks5://127.0.0.1:1080' },
      false,
    ],
    [
      'a proxy with NO_PROXY naming the whole loopback',
      { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY, NO_PROXY: 'localhost,127.0.0.0/8,::1' },
      true,
    ],
    [
      'NO_PROXY naming 127.0.0.1 but not localhost',
      { HTTPS_PROXY: PROXY, NO_PROXY: '127.0.0.1' },
      false,
    ],
    ['NO_PROXY=*', { HTTPS_PROXY: PROXY, NO_PROXY: '*' }, true],
  ])('%s: %s', (_name, env, expected) => {
    expect(loopbackGoesStraight(env)).toBe(expected);
  });
});
