/**
 * The origin guarantee of spec/cli.md, checked on the servers' side: a credential is sent only
 * to the origin the user named. Every path by which it could go elsewhere is tried — each redirect
 * code with absolute, protocol-relative and relative Locations, every way of supplying the key, a
 * Location that echoes the key, a forward proxy (plain http and CONNECT), the probes, and
 * --base-url — and every request each server received is searched for the key.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hasBinary } from '../support/layers.js';
import * as H from './hostile-servers.js';
import { describeRun, expectSane, runsOf, why401, type Run } from './run.js';

/** spec/cli.md: at most 6 requests per check, redirect hops included. */
const MAX_REQUESTS = 6;

const newKey = () => `t0k-${randomBytes(24).toString('base64url')}`;

/** The forms a key travels in: as is, in Basic (base64 of `user:key`), percent-encoded. */
function carries(raw: string, key: string): boolean {
  const forms = [key, encodeURIComponent(key), Buffer.from(`${key}:`).toString('base64')];
  return forms.some((f) => runsOf(f, raw).length > 0) || raw.includes(key.slice(4, 13));
}

function deny(res: ServerResponse): void {
  res.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': 'Bearer realm="api", error="invalid_token"',
  });
  res.end('{"error":"invalid_token"}');
}

/** How the key is given to why401, and the arguments that say so. */
const SUPPLY: readonly {
  name: string;
  args: (key: string, url: string) => { args: string[]; env: Record<string, string>; url: string };
}[] = [
  {
    name: '--key-env (Authorization: Bearer)',
    args: (key, url) => ({ args: ['--key-env', 'API_KEY'], env: { API_KEY: key }, url }),
  },
  {
    name: '-H x-api-key',
    args: (key, url) => ({ args: ['-H', `x-api-key: ${key}`], env: {}, url }),
  },
  {
    name: '?api_key= in the URL',
    args: (key, url) => ({ args: [], env: {}, url: `${url}?api_key=${key}` }),
  },
  {
    name: 'two credential headers and a cookie',
    args: (key, url) => ({
      args: [
        '-H',
        `Authorization: Bearer ${key}`,
        '-H',
        `X-Auth-Token: ${key}`,
        '-H',
        `Cookie: session=${key}`,
      ],
      env: {},
      url,
    }),
  },
];

const STATUSES = [301, 302, 303, 307, 308] as const;
const LOCATIONS = ['absolute', 'protocol-relative', 'relative'] as const;

describe.concurrent('redirects: the key never reaches another origin', () => {
  for (const status of STATUSES)
    for (const form of LOCATIONS)
      for (const supply of SUPPLY)
        it(`${status}, ${form} Location, key by ${supply.name}`, async () => {
          const key = newKey();
          const other = await H.recording((_req, res) => deny(res));
          const front = await H.recording((req, res) => {
            if (req.url?.startsWith('/landed')) return deny(res);
            const location =
              form === 'absolute'
                ? `${other.origin}/landed`
                : form === 'protocol-relative'
                  ? `//127.0.0.1:${other.port}/landed`
                  : '/landed';
            res.writeHead(status, { location, 'content-length': '0' });
            res.end();
          });
          try {
            const given = supply.args(key, `${front.origin}/start`);
            const run = await why401(
              [
                'check',
                given.url,
                ...given.args,
                '--json',
                '--timeout',
                '3000',
                '-X',
                'POST',
                '-d',
                'x=1',
              ],
              { env: given.env },
            );
            expectSane(run, [key]);
            expect(run.code, describeRun(run)).toBe(1);
            // Server side: not one request at the other origin carried any form of the key.
            for (const seen of other.seen) expect(carries(seen.raw, key), seen.raw).toBe(false);
            if (form === 'relative') {
              // Same origin: a header key rides along (the check above is not vacuous); a query
              // key only where the Location keeps it, and `/landed` does not.
              const landed = front.seen.filter((s) => s.url.startsWith('/landed'));
              expect(landed.length, describeRun(run)).toBeGreaterThan(0);
              if (!supply.name.startsWith('?'))
                expect(landed.some((s) => carries(s.raw, key))).toBe(true);
            } else {
              expect(other.seen.length, describeRun(run)).toBeGreaterThan(0);
              expect(run.json?.findings.map((f) => f.id)).toContain('net.redirect-drops-auth');
            }
            expect(front.seen.length + other.seen.length).toBeLessThanOrEqual(MAX_REQUESTS);
          } finally {
            await front.stop();
            await other.stop();
          }
        });
});

describe.concurrent('a Location that echoes the key to another origin', () => {
  for (const supply of SUPPLY)
    it(`is not followed: key by ${supply.name}`, async () => {
      const key = newKey();
      const other = await H.recording((_req, res) => deny(res));
      const front = await H.recording((req, res) => {
        const echoed =
          req.headers.authorization ??
          req.headers['x-api-key'] ??
          new URL(req.url ?? '/', 'http://x').searchParams.get('api_key') ??
          '';
        res.writeHead(302, {
          location: `${other.origin}/next?seen=${encodeURIComponent(String(echoed))}`,
          'content-length': '0',
        });
        res.end();
      });
      try {
        const given = supply.args(key, `${front.origin}/start`);
        const run = await why401(
          ['check', given.url, ...given.args, '--json', '--timeout', '3000'],
          {
            env: given.env,
          },
        );
        expectSane(run, [key]);
        for (const seen of other.seen) expect(carries(seen.raw, key), seen.raw).toBe(false);
      } finally {
        await front.stop();
        await other.stop();
      }
    });
});

describe('a forward proxy', () => {
  it('plain http target: the proxy sees requests to the named origin only, at most 6', async () => {
    const key = newKey();
    const api = await H.recording((_req, res) => deny(res));
    const proxy = await H.forwardProxy();
    try {
      const run = await why401(
        [
          'check',
          `${api.origin}/v1/items`,
          '--key-env',
          'API_KEY',
          '--proxy',
          proxy.origin,
          '--json',
          '--timeout',
          '3000',
        ],
        { env: { API_KEY: key } },
      );
      expectSane(run, [key]);
      expect(run.code, describeRun(run)).toBe(1);
      expect(proxy.seen.length).toBeGreaterThan(0);
      for (const seen of proxy.seen) expect(new URL(seen.url).origin).toBe(api.origin);
      expect(proxy.connects).toEqual([]);
      // Every request reached the API once, through the proxy or as the direct probe.
      expect(api.seen.length, describeRun(run)).toBeLessThanOrEqual(MAX_REQUESTS);
      expect(api.seen.length).toBe(run.json?.exchanges.length);
    } finally {
      await proxy.stop();
      await api.stop();
    }
  });

  it('plain http target redirecting elsewhere: the proxy sees no key on the way to the other origin', async () => {
    const key = newKey();
    const other = await H.recording((_req, res) => deny(res));
    const front = await H.redirectTo(() => other.origin);
    const proxy = await H.forwardProxy();
    try {
      const run = await why401(
        [
          'check',
          `${front.origin}/v1/items`,
          '--key-env',
          'API_KEY',
          '--proxy',
          proxy.origin,
          '--json',
          '--timeout',
          '3000',
        ],
        { env: { API_KEY: key } },
      );
      expectSane(run, [key]);
      const toOther = proxy.seen.filter((s) => new URL(s.url).origin === other.origin);
      expect(toOther.length, describeRun(run)).toBeGreaterThan(0);
      for (const seen of toOther) expect(carries(seen.raw, key), seen.raw).toBe(false);
      for (const seen of other.seen) expect(carries(seen.raw, key), seen.raw).toBe(false);
    } finally {
      await proxy.stop();
      await front.stop();
      await other.stop();
    }
  });

  it.skipIf(!hasBinary('openssl'))(
    'https target: the proxy sees CONNECT host:port only, the key only inside TLS',
    async () => {
      const key = newKey();
      const tls = H.selfSigned();
      if (!tls) throw new Error('openssl could not make a certificate');
      const api = await H.tlsSelfSigned(tls);
      const proxy = await H.forwardProxy();
      try {
        const run = await why401(
          [
            'check',
            `${api.origin}/v1/items`,
            '--key-env',
            'API_KEY',
            '--proxy',
            proxy.origin,
            '--insecure',
            '--json',
            '--timeout',
            '3000',
          ],
          { env: { API_KEY: key } },
        );
        expectSane(run, [key]);
        expect(run.code, describeRun(run)).toBe(1);
        expect(proxy.seen).toEqual([]); // no absolute-form request: everything went through CONNECT
        expect(proxy.connects.length, describeRun(run)).toBeGreaterThan(0);
        for (const c of proxy.connects) {
          expect(c.method).toBe('CONNECT');
          expect(c.url).toBe(`127.0.0.1:${api.port}`);
          expect(carries(c.raw, key)).toBe(false);
        }
        expect(carries(proxy.tunnelled().toString('latin1'), key)).toBe(false);
        // …and the API did get it, inside the tunnel.
        expect(api.seen.some((s) => carries(s.raw, key))).toBe(true);
      } finally {
        await proxy.stop();
        await api.stop();
      }
    },
  );
});

/** Requests per origin, and how many of them carried the key. */
function tally(servers: readonly H.Hostile[], key: string) {
  return servers.map((s) => ({
    origin: s.origin,
    requests: s.seen.length,
    withKey: s.seen.filter((x) => carries(x.raw, key)).length,
  }));
}

describe.concurrent('probes stay on the named origin, at most 6 requests in all', () => {
  const cases: readonly { name: string; handler: H.Handler; extra: string[] }[] = [
    { name: '401 with a Bearer challenge', handler: (_req, res) => deny(res), extra: [] },
    {
      name: '403 from a WAF-looking layer',
      handler: (_req, res) => {
        res.writeHead(403, { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-AMS' });
        res.end('<html><title>Attention Required! | Cloudflare</title></html>');
      },
      extra: ['-H', 'User-Agent: python-requests/2.31'],
    },
    {
      name: '403 for a known provider (validation probe)',
      handler: (_req, res) => {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"You do not have access","code":"insufficient_permissions"}}');
      },
      extra: ['--provider', 'openai'],
    },
    {
      name: 'a key with a trailing newline and a quote (sanitised probe)',
      handler: (_req, res) => deny(res),
      extra: [],
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      const key = newKey();
      const supplied = c.name.startsWith('a key with') ? `"${key}"\n` : key;
      const api = await H.recording(c.handler);
      try {
        const run = await why401(
          [
            'check',
            `${api.origin}/v1/items`,
            '--key-env',
            'API_KEY',
            ...c.extra,
            '--json',
            '--timeout',
            '3000',
          ],
          { env: { API_KEY: supplied } },
        );
        expectSane(run, [key]);
        const [t] = tally([api], key);
        expect(t?.requests ?? 0, describeRun(run)).toBeGreaterThan(1); // probes ran
        expect(t?.requests ?? Infinity, describeRun(run)).toBeLessThanOrEqual(MAX_REQUESTS);
        // Every answered exchange is a request this server got (a refused one never left).
        expect(run.json?.exchanges.filter((x) => x.response !== null).length).toBe(t?.requests);
        for (const x of run.json?.exchanges ?? [])
          expect(new URL(x.request.url).origin).toBe(api.origin);
      } finally {
        await api.stop();
      }
    });

  it.each([
    ['DELETE', [] as string[], 1],
    ['POST', ['-d', '{"name":"x"}'], 1],
    ['DELETE', ['--probe-unsafe'], 2],
  ])(
    'a %s %j is not sent again by probes unless --probe-unsafe',
    async (method, extra, atLeast) => {
      const key = newKey();
      const api = await H.recording((_req, res) => deny(res));
      try {
        const run = await why401(
          [
            'check',
            `${api.origin}/v1/items/7`,
            '-X',
            method,
            '--key-env',
            'API_KEY',
            ...extra,
            '--json',
          ],
          { env: { API_KEY: `"${key}"` } },
        );
        expectSane(run, [key]);
        const [t] = tally([api], key);
        if (atLeast === 1) expect(t?.requests, describeRun(run)).toBe(1);
        else expect(t?.requests ?? 0, describeRun(run)).toBeGreaterThanOrEqual(atLeast);
      } finally {
        await api.stop();
      }
    },
  );

  it('after a redirect to another origin: probes go to the named origin only', async () => {
    const key = newKey();
    const other = await H.recording((_req, res) => deny(res));
    const front = await H.redirectTo(() => other.origin);
    try {
      const run = await why401(
        [
          'check',
          `${front.origin}/v1/items`,
          '--key-env',
          'API_KEY',
          '--json',
          '--timeout',
          '3000',
        ],
        { env: { API_KEY: key } },
      );
      expectSane(run, [key]);
      const [f, o] = tally([front, other], key);
      expect(o?.withKey, describeRun(run)).toBe(0);
      expect((f?.requests ?? 0) + (o?.requests ?? 0)).toBeLessThanOrEqual(MAX_REQUESTS);
      expect(f?.withKey).toBeGreaterThan(0);
    } finally {
      await front.stop();
      await other.stop();
    }
  });
});

describe.concurrent('--base-url', () => {
  const run = (args: string[], key: string): Promise<Run> =>
    why401(['check', ...args, '--key-env', 'API_KEY', '--json', '--timeout', '3000'], {
      env: { API_KEY: key },
    });

  it("a provider's validation request goes to the base origin, never the provider's host", async () => {
    const key = newKey();
    const api = await H.recording((_req, res) => deny(res));
    try {
      const r = await run(['--provider', 'openai', '--base-url', api.origin], key);
      expectSane(r, [key]);
      expect(r.code, describeRun(r)).toBe(1);
      expect(api.seen[0]?.url).toBe('/v1/models');
      for (const x of r.json?.exchanges ?? [])
        expect(new URL(x.request.url).origin).toBe(api.origin);
      expect(api.seen.length).toBeLessThanOrEqual(MAX_REQUESTS);
    } finally {
      await api.stop();
    }
  });

  for (const path of [
    '//127.0.0.1:PORT/v1/models',
    '/\\127.0.0.1:PORT/v1/models',
    '/@127.0.0.1:PORT/x',
  ])
    it(`a path that looks like another host (${path}) stays on the base origin`, async () => {
      const key = newKey();
      const api = await H.recording((_req, res) => deny(res));
      const other = await H.recording((_req, res) => deny(res));
      try {
        const r = await run(
          [
            path.replace('PORT', String(other.port)),
            '--provider',
            'openai',
            '--base-url',
            api.origin,
          ],
          key,
        );
        expectSane(r, [key]);
        expect(r.code, describeRun(r)).toBe(1);
        expect(other.seen, describeRun(r)).toEqual([]);
        expect(api.seen.length).toBeGreaterThan(0);
      } finally {
        await api.stop();
        await other.stop();
      }
    });
});
