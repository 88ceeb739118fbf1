import { describe, expect, it } from 'vitest';
import { connectTarget } from './connect-target.js';

describe('connectTarget: what a CONNECT may ask a leaf for', () => {
  it.each([
    ['api.openai.com:443', { host: 'api.openai.com', port: 443 }],
    ['API.OpenAI.com:8443', { host: 'api.openai.com', port: 8443 }],
    ['api.test.:443', { host: 'api.test.', port: 443 }],
    ['my_host.internal:443', { host: 'my_host.internal', port: 443 }],
    ['xn--bcher-kva.test:443', { host: 'xn--bcher-kva.test', port: 443 }],
    ['localhost:3000', { host: 'localhost', port: 3000 }],
    ['10.0.0.1:443', { host: '10.0.0.1', port: 443 }],
    ['[::1]:443', { host: '::1', port: 443 }],
    ['[2001:DB8::1]:443', { host: '2001:db8::1', port: 443 }],
    ['[::ffff:127.0.0.1]:443', { host: '::ffff:127.0.0.1', port: 443 }],
    [`${'a'.repeat(63)}.test:443`, { host: `${'a'.repeat(63)}.test`, port: 443 }],
  ])('%s is a target', (target, expected) => {
    expect(connectTarget(target)).toEqual(expected);
  });

  it.each([
    ['a b:443'],
    ['x\r\nInjected: 1:443'],
    ['x\0y.test:443'],
    ['bücher.test:443'],
    ['*.example.com:443'],
    ['a..b:443'],
    ['.test:443'],
    ['-a.test:443'],
    ['a/b:443'],
    ['a@b:443'],
    [`${'a'.repeat(64)}.test:443`],
    [`${'a.'.repeat(127)}test:443`],
    ['api.test:0'],
    ['api.test:99999'],
    ['api.test'],
    ['api.test:'],
    [':443'],
    ['[zz::1]:443'],
    ['[fe80::1%eth0]:443'],
    ['::1:443'],
    ['[::1]:'],
  ])('%j is refused', (target) => {
    expect(connectTarget(target)).toBeUndefined();
  });
});
