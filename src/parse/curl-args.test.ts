import { describe, expect, it } from 'vitest';
import { parseCurlArgs } from './curl-args.js';

describe('parseCurlArgs: what curl itself would send', () => {
  it.each([
    [['curl', '-d', 'a=1', 'https://x/y'], { data: 'a=1', form: true, url: 'https://x/y' }],
    [['curl', '-d', 'a=1', '-d', 'b=2', 'https://x'], { data: 'a=1&b=2' }],
    [['curl', '--json', '{"a":1}', 'https://x'], { data: '{"a":1}', form: false }],
    [
      ['curl', '-d', '@body.json', 'https://x'],
      { data: undefined, dataFile: { path: 'body.json', binary: false } },
    ],
    [['curl', '--data-binary', '@-', 'https://x'], { dataFile: { path: '-', binary: true } }],
    [['curl', '--data-raw', '@literal', 'https://x'], { data: '@literal', dataFile: undefined }],
    [
      ['curl', '-G', '-d', 'q=1', 'https://x/s?a=b'],
      { url: 'https://x/s?a=b&q=1', data: undefined, method: 'GET', form: false },
    ],
    [['curl', '-G', '--data-urlencode', 'q=hi', 'https://x/s'], { url: 'https://x/s?q=hi' }],
    [
      ['curl', '-XPOST', '-HAuthorization: Bearer k', 'https://x'],
      { method: 'POST', headers: [['Authorization', 'Bearer k']] },
    ],
    [
      ['curl', '--noproxy', '*', '-H', 'Authorization: Bearer k', 'http://127.0.0.1:8080/v1'],
      { noProxy: '*', url: 'http://127.0.0.1:8080/v1', ignored: [] },
    ],
    [
      ['curl', '-x', 'proxy:3128', '-U', 'me:pw', 'https://x/'],
      { proxy: 'proxy:3128', proxyUser: 'me:pw', url: 'https://x/', ignored: [] },
    ],
    [['curl', '--proxy-user=me:pw', 'https://x/'], { proxyUser: 'me:pw', url: 'https://x/' }],
    [
      ['curl', '--proxy-header', 'Proxy-Authorization: Basic abc', 'https://x/'],
      { url: 'https://x/', headers: [] },
    ],
  ])('%j', (argv, expected) => {
    expect(parseCurlArgs(argv)).toMatchObject(expected);
  });
});
