import { describe, expect, it } from 'vitest';
import { insecureScheme, isLocalHost } from './insecure-scheme.js';
import { checkTable } from './test-helpers.js';

const QUERY = { in: 'query', name: 'api_key' } as const;

checkTable(insecureScheme, 'net.insecure-scheme', {
  finds: [
    {
      name: 'a key to a public host over plain http',
      url: 'http://api.example.test/v1/items',
      reply: { status: 401 },
      confidence: 'definitive',
      evidence: ['http://api.example.test: the credential crosses the network unencrypted'],
      data: { host: 'api.example.test' },
    },
    {
      name: 'even when the call is accepted',
      url: 'http://api.example.test/v1/items',
      reply: { status: 200, body: { ok: true } },
    },
    {
      name: 'a key in the query string, port kept',
      url: 'http://api.example.test:8080/v1/items',
      spot: QUERY,
      reply: { status: 403 },
      data: { host: 'api.example.test:8080' },
    },
    {
      name: 'a public address, not a private range',
      url: 'http://203.0.113.7/v1/items',
      reply: { status: 401 },
    },
  ],
  ok: [
    { name: 'https', url: 'https://api.example.test/v1/items', reply: { status: 401 } },
    {
      name: 'no credential sent: nothing to leak',
      url: 'http://api.example.test/v1/items',
      spot: null,
      reply: { status: 401 },
    },
    { name: 'localhost', url: 'http://localhost:8787/v1/items', reply: { status: 401 } },
    { name: 'loopback', url: 'http://127.0.0.1:4010/v1/items', reply: { status: 401 } },
    { name: 'IPv6 loopback', url: 'http://[::1]:4010/v1/items', reply: { status: 401 } },
    { name: 'a private range', url: 'http://10.1.2.3/v1/items', reply: { status: 401 } },
    { name: 'a .local name', url: 'http://printer.local/v1/items', reply: { status: 401 } },
    { name: 'a single-label host (docker compose)', url: 'http://api/v1', reply: { status: 401 } },
  ],
});

describe('isLocalHost: where plain http is a local emulator, not a leak', () => {
  it.each([
    'localhost',
    'app.localhost',
    '127.0.0.1',
    '[::1]',
    '10.0.0.1',
    '192.168.1.20',
    '172.16.0.1',
    '172.31.255.1',
    'db.internal',
    'mock',
  ])('%s is local', (host) => expect(isLocalHost(host)).toBe(true));

  it.each(['api.example.test', '172.32.0.1', '8.8.8.8', 'localhost.example.com'])(
    '%s is not',
    (host) => expect(isLocalHost(host)).toBe(false),
  );
});
