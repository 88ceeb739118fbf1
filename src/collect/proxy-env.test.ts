import { describe, expect, it } from 'vitest';
import { isExcluded, proxyFromEnv } from './proxy-env.js';

describe('isExcluded (NO_PROXY)', () => {
  it.each([
    ['http://api.example.com/x', 'example.com', true],
    ['http://api.example.com/x', '.example.com', true],
    ['http://api.example.com/x', '*.example.com', true],
    ['http://notexample.com/x', 'example.com', false],
    ['http://api.example.com:8080/x', 'api.example.com:8080', true],
    ['http://api.example.com:8081/x', 'api.example.com:8080', false],
    ['https://api.example.com/x', 'api.example.com:443', true],
    ['http://anything/x', '*', true],
    ['http://127.0.0.1:4000/x', '127.0.0.0/8', true],
    ['http://10.1.2.3/x', 'localhost, 10.0.0.0/8', true],
    ['http://11.1.2.3/x', '10.0.0.0/8', false],
    ['http://[::1]:4000/x', '::1/128', true],
    ['http://[fd00::5]/x', 'fd00::/8', true],
    ['http://[::1]/x', '[::1]', true],
    ['http://localhost/x', '127.0.0.0/8', false], // a name is not an address: no DNS here
    ['http://127.0.0.1/x', '127.0.0.0/99', false],
    ['http://127.0.0.1/x', 'garbage/8', false],
  ])('%s with NO_PROXY=%j → %s', (url, noProxy, expected) => {
    expect(isExcluded(new URL(url), noProxy)).toBe(expected);
  });
});

describe('proxyFromEnv', () => {
  it('reads lowercase before uppercase, https falling back to ALL_PROXY', () => {
    const env = {
      http_proxy: 'http://lower:1',
      HTTP_PROXY: 'http://upper:2',
      ALL_PROXY: 'http://all:3',
    };
    expect(proxyFromEnv(new URL('http://a.example/'), env)?.url.host).toBe('lower:1');
    expect(proxyFromEnv(new URL('https://a.example/'), env)?.url.host).toBe('all:3');
  });

  it('leaves a host NO_PROXY names alone, a CIDR block included', () => {
    const env = { HTTP_PROXY: 'http://proxy:3128', NO_PROXY: '127.0.0.0/8' };
    expect(proxyFromEnv(new URL('http://127.0.0.1:8080/'), env)).toBeUndefined();
    expect(proxyFromEnv(new URL('http://api.example/'), env)?.url.host).toBe('proxy:3128');
  });
});
