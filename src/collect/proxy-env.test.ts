import { describe, expect, it } from 'vitest';
import { isExcluded, proxyFromEnv, unsupportedProxy } from './proxy-env.js';

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

describe('unsupportedProxy', () => {
  it.each<[string, Record<string, string>, ReturnType<typeof unsupportedProxy>]>([
    [
      'a socks proxy for https: named by variable and scheme, not its value',
      { ALL_PROXY: 'socks5://user:s3cret-pass@proxy:1080' },
      { from: 'ALL_PROXY', scheme: 'socks5' },
    ],
    ['an https:// proxy is supported', { HTTPS_PROXY: 'https://user:pw@proxy' }, undefined],
    ['a bare host:port is http://', { https_proxy: 'proxy:3128' }, undefined],
    ['excluded by NO_PROXY', { ALL_PROXY: 'socks5://proxy:1080', NO_PROXY: 'example' }, undefined],
    ['nothing set', {}, undefined],
  ])('%s', (_name, env, expected) => {
    expect(unsupportedProxy(new URL('https://api.example/v1'), env)).toEqual(expected);
  });
});
