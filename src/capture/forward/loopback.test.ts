import { describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../../collect/proxy-env.js';
import { withLoopbackDirect } from './loopback.js';

const PROXY = 'http://proxy.corp:3128';

describe('withLoopbackDirect', () => {
  it.each([
    ['no NO_PROXY', {}, 'localhost,127.0.0.0/8,::1'],
    ['the user’s NO_PROXY first', { NO_PROXY: '.corp' }, '.corp,localhost,127.0.0.0/8,::1'],
    [
      'lower case is read first, so it is the one kept',
      { no_proxy: 'a.test', NO_PROXY: 'b.test' },
      'a.test,localhost,127.0.0.0/8,::1',
    ],
    [
      'an empty lower case falls back to upper',
      { no_proxy: ' ', NO_PROXY: 'b.test' },
      'b.test,localhost,127.0.0.0/8,::1',
    ],
  ])('%s', (_name, env, expected) => {
    const out = withLoopbackDirect({ HTTPS_PROXY: PROXY, ...env });
    expect(out['no_proxy']).toBe(expected);
    expect(out['NO_PROXY']).toBe(expected);
    expect(out['HTTPS_PROXY']).toBe(PROXY);
  });

  it.each([
    ['http://127.0.0.1:8080/v1', false],
    ['http://127.1.2.3/', false],
    ['http://localhost:3000/', false],
    ['http://app.localhost:3000/', false],
    ['http://[::1]:8080/', false],
    ['https://api.openai.com/v1/models', true],
    ['http://128.0.0.1/', true],
  ])('%s through the user’s proxy: %s', (url, proxied) => {
    const env = withLoopbackDirect({ HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY });
    expect(proxyFromEnv(new URL(url), env) !== undefined).toBe(proxied);
  });
});
