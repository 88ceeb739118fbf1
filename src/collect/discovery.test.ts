import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover, discoverIssuer, type DiscoveryTransport } from './discovery.js';

/** A hostile or odd issuer on loopback: each path answers as the table says. */
type Route = (
  send: (status: number, body: string, headers?: Record<string, string>) => void,
) => void;

async function serve(routes: Record<string, Route>): Promise<{
  origin: string;
  seen: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}> {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const route = routes[req.url ?? ''];
    if (!route) {
      res.statusCode = 404;
      res.end();
      return;
    }
    route((status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A Keycloak-like realm `a`: its OIDC document and its JWKS (with a private member by mistake). */
async function realm(): ReturnType<typeof serve> {
  let origin = '';
  const s = await serve({
    '/realms/a/.well-known/openid-configuration': (send) =>
      send(
        200,
        JSON.stringify({
          issuer: `${origin}/realms/a`,
          jwks_uri: `${origin}/realms/a/certs`,
          token_endpoint: `${origin}/realms/a/token`,
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
        }),
      ),
    '/realms/a/certs': (send) =>
      send(
        200,
        JSON.stringify({
          keys: [{ kty: 'EC', kid: 'e1', crv: 'P-256', x: 'x', y: 'y', d: 'PRIVATE' }],
        }),
      ),
  });
  origin = s.origin;
  return s;
}

const transport = (ms = 5_000): DiscoveryTransport => ({
  proxyFor: () => undefined,
  insecure: false,
  deadline: Date.now() + ms,
});

describe('discover', () => {
  let elsewhere: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    elsewhere = await serve({ '/jwks': (send) => send(200, '{"keys":[]}') });
  });
  afterAll(() => elsewhere.close());

  it('OIDC discovery then the JWKS, GETs without any credential', async () => {
    const s = await realm();
    const origin = s.origin;
    try {
      const { evidence, fetched } = await discover(
        { iss: `${origin}/realms/a/`, apiOrigin: 'http://127.0.0.1:1' },
        transport(),
      );
      expect(evidence.issuer).toMatchObject({
        iss: `${origin}/realms/a/`,
        issuer: `${origin}/realms/a`,
        keys: [{ kid: 'e1', kty: 'EC' }],
      });
      expect(evidence.issuer).toMatchObject({
        tokenEndpoint: `${origin}/realms/a/token`,
        tokenEndpointAuthMethods: ['client_secret_post', 'private_key_jwt'],
      });
      // a private member published by mistake is not kept
      expect(evidence.issuer?.keys?.[0]?.['d']).toBeUndefined();
      expect(fetched.map((f) => f.label)).toEqual([
        'discovery: openid-configuration',
        'discovery: jwks',
      ]);
      for (const { headers } of s.seen) {
        expect(headers.authorization).toBeUndefined();
        expect(headers.cookie).toBeUndefined();
      }
      expect(fetched.every((f) => f.request.method === 'GET')).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('RFC 8414 when there is no OIDC document; a redirect is not followed', async () => {
    let origin = '';
    const s = await serve({
      '/.well-known/openid-configuration': (send) =>
        send(302, '', { location: 'http://127.0.0.1:1/evil' }),
      '/.well-known/oauth-authorization-server': (send) =>
        send(200, JSON.stringify({ issuer: origin, jwks_uri: `${origin}/jwks` })),
      '/jwks': (send) => send(200, '{"keys":[{"kty":"RSA","kid":"r1","n":"AQAB","e":"AQAB"}]}'),
    });
    origin = s.origin;
    try {
      const { evidence } = await discover(
        { iss: origin, apiOrigin: 'http://127.0.0.1:1' },
        transport(),
      );
      expect(evidence.issuer?.url).toBe(`${origin}/.well-known/oauth-authorization-server`);
      expect(evidence.issuer?.keys?.map((k) => k['kid'])).toEqual(['r1']);
      expect(evidence.notes.join()).toContain('302 redirect not followed');
      expect(s.seen.map((r) => r.url)).not.toContain('/evil');
    } finally {
      await s.close();
    }
  });

  it('no discovery document at all (404 to both): said in the notes', async () => {
    const s = await serve({});
    try {
      const { evidence, fetched } = await discover(
        { iss: `${s.origin}/realms/x`, apiOrigin: 'http://127.0.0.1:1' },
        transport(),
      );
      expect(fetched).toHaveLength(2);
      expect(evidence.notes.join()).toContain(`no discovery document for iss ${s.origin}/realms/x`);
      expect(evidence.notes.join()).toContain('404');
    } finally {
      await s.close();
    }
  });

  it('a jwks_uri on another origin is not fetched, and said so', async () => {
    let origin = '';
    const s = await serve({
      '/.well-known/openid-configuration': (send) =>
        send(200, JSON.stringify({ issuer: origin, jwks_uri: `${elsewhere.origin}/jwks` })),
    });
    origin = s.origin;
    try {
      const before = elsewhere.seen.length;
      const { evidence, fetched } = await discover(
        { iss: origin, apiOrigin: 'http://127.0.0.1:1' },
        transport(),
      );
      expect(elsewhere.seen.length).toBe(before);
      expect(fetched.map((f) => f.label)).toEqual(['discovery: openid-configuration']);
      expect(evidence.notes.join()).toContain('another origin');
      expect(evidence.issuer?.keys).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it('a JWKS of 10,000 keys is cut to 100 (and says how many); one over 512 KiB is not read', async () => {
    let origin = '';
    const many = JSON.stringify({
      keys: Array.from({ length: 10_000 }, (_, i) => ({ kty: 'RSA', kid: `k${i}` })),
    });
    const huge = JSON.stringify({ keys: [{ kty: 'RSA', kid: 'big', n: 'A'.repeat(1024 * 1024) }] });
    const s = await serve({
      '/a/.well-known/openid-configuration': (send) =>
        send(200, JSON.stringify({ issuer: `${origin}/a`, jwks_uri: `${origin}/a/jwks` })),
      '/a/jwks': (send) => send(200, many),
      '/b/.well-known/openid-configuration': (send) =>
        send(200, JSON.stringify({ issuer: `${origin}/b`, jwks_uri: `${origin}/b/jwks` })),
      '/b/jwks': (send) => send(200, huge),
    });
    origin = s.origin;
    try {
      const a = await discover(
        { iss: `${origin}/a`, apiOrigin: 'http://127.0.0.1:1' },
        transport(),
      );
      expect(a.evidence.issuer?.keys?.length).toBe(100);
      expect(a.evidence.issuer?.keysTotal).toBe(10_000);
      const b = await discover(
        { iss: `${origin}/b`, apiOrigin: 'http://127.0.0.1:1' },
        transport(),
      );
      expect(b.evidence.issuer?.keys).toBeUndefined();
      expect(b.evidence.notes.join()).toContain('not read');
    } finally {
      await s.close();
    }
  });

  it('an issuer that never answers costs the deadline, not more', async () => {
    const s = await serve({ '/.well-known/openid-configuration': () => undefined });
    try {
      const { evidence, fetched } = await discover(
        { iss: s.origin, apiOrigin: 'http://127.0.0.1:1' },
        transport(300),
      );
      expect(fetched[0]?.result.ok).toBe(false);
      // Its other path is on the same origin: not tried.
      expect(fetched).toHaveLength(1);
      expect(evidence.notes.join()).toContain('no answer');
    } finally {
      await s.close();
    }
  });

  it('RFC 9728 metadata on the API origin is read; on another origin it is not fetched', async () => {
    const s = await serve({
      '/.well-known/oauth-protected-resource': (send) =>
        send(
          200,
          JSON.stringify({
            resource: 'https://api.example.test/mcp',
            authorization_servers: ['https://id.example.test'],
          }),
        ),
    });
    try {
      const same = await discover(
        {
          resourceMetadata: `${s.origin}/.well-known/oauth-protected-resource`,
          apiOrigin: s.origin,
        },
        transport(),
      );
      expect(same.evidence.resource).toMatchObject({
        resource: 'https://api.example.test/mcp',
        authorizationServers: ['https://id.example.test'],
      });
      const before = elsewhere.seen.length;
      const other = await discover(
        { resourceMetadata: `${elsewhere.origin}/jwks`, apiOrigin: s.origin },
        transport(),
      );
      expect(elsewhere.seen.length).toBe(before);
      expect(other.fetched).toEqual([]);
      expect(other.evidence.notes.join()).toContain('another origin');
    } finally {
      await s.close();
    }
  });

  it('an iss that is no http(s) URL: nothing fetched', async () => {
    const { fetched, evidence } = await discover(
      { iss: 'file:///etc/passwd', apiOrigin: 'http://127.0.0.1:1' },
      transport(),
    );
    expect(fetched).toEqual([]);
    expect(evidence.notes.join()).toContain('not an http(s) URL');
  });

  it('discoverIssuer: the metadata document alone, its JWKS not fetched, each GET told', async () => {
    const s = await realm();
    const origin = s.origin;
    try {
      const told: string[] = [];
      const { issuer, fetched } = await discoverIssuer(`${origin}/realms/a`, {
        ...transport(),
        onFetch: (url) => told.push(url.pathname),
      });
      expect(issuer).toMatchObject({
        issuer: `${origin}/realms/a`,
        tokenEndpoint: `${origin}/realms/a/token`,
      });
      expect(issuer.keys).toBeUndefined();
      const path = '/realms/a/.well-known/openid-configuration';
      expect(s.seen.map((x) => x.url)).toEqual([path]);
      expect(told).toEqual([path]);
      expect(fetched.map((f) => f.label)).toEqual(['discovery: openid-configuration']);
    } finally {
      await s.close();
    }
  });
});
