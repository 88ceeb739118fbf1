/**
 * Header and URL input to the request builder: only why401's own errors, and the origin rule of
 * spec/cli.md — with --base-url, a path never takes the request (and the key) to another origin.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  parseUrl,
  resolveUrl,
  withCredential,
  type RequestInput,
} from '../../src/engine/build-request.js';
import { pathSegmentIndex } from '../../src/evidence/credential-place.js';
import { PROVIDERS } from '../../src/providers/catalog/index.js';
import { resetScrubber } from '../../src/secret/scrub.js';
import { Secret } from '../../src/secret/secret.js';
import { ownErrorsOnly, params, pieces, text, TIMEOUT } from './support.js';

const provider = fc.option(fc.constantFrom(...PROVIDERS), { nil: null });
const header = fc.tuple(
  fc.oneof(
    fc.constantFrom('Authorization', 'x-api-key', 'api-key', 'Cookie', 'X-Auth_Token', 'Host'),
    text(30),
  ),
  text(120, 4096), // long values are the key linter's suite; here they only make Secrets slow
);
/** URLs as people type them, and as anything at all. */
const urlText = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(fc.constantFrom('http://', 'https://', '', '//', 'ftp://', 'HTTP://'), pieces(60))
    .map(([scheme, rest]) => `${scheme}${rest}`),
  text(120),
);
/** An origin the user names with --base-url, sometimes with a path prefix. */
const baseUrl = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    fc.domain(),
    fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    fc.constantFrom('', '/', '/v1', '/api/v2/'),
  )
  .map(([scheme, host, port, prefix]) => `${scheme}://${host}${port ? `:${port}` : ''}${prefix}`);
/** What may follow the leading `/` of a path: slashes, backslashes, @, encoded bytes, anything. */
const pathRest = fc.oneof(
  text(80),
  fc
    .array(
      fc.constantFrom('/', '\\', '@', ':', '.', '..', '%2F', '%5C', 'evil.example', '?', '#', 'a'),
      {
        maxLength: 10,
      },
    )
    .map((p) => p.join('')),
);

describe('resolveUrl / parseUrl (fuzz)', () => {
  it(
    'any URL text, base URL and provider: a http(s) URL or a usage error',
    () => {
      fc.assert(
        fc.property(
          fc.option(urlText, { nil: undefined }),
          fc.option(fc.oneof(baseUrl, urlText), { nil: undefined }),
          provider,
          (url, base, p) => {
            const input: RequestInput = {
              ...(url !== undefined ? { url } : {}),
              ...(base !== undefined ? { baseUrl: base } : {}),
            };
            const out = ownErrorsOnly(() => resolveUrl(input, p));
            if (out) expect(['http:', 'https:']).toContain(out.protocol);
            const parsed = ownErrorsOnly(() => parseUrl(url ?? '', 'the URL'));
            if (parsed) expect(['http:', 'https:']).toContain(parsed.protocol);
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );

  it(
    'with --base-url, a path (and the validation request) stays on the base origin',
    () => {
      fc.assert(
        fc.property(baseUrl, pathRest, provider, (base, rest, p) => {
          const origin = new URL(base).origin;
          const path = ownErrorsOnly(() => resolveUrl({ url: `/${rest}`, baseUrl: base }, p));
          if (path) expect(path.origin).toBe(origin);
          const validate = ownErrorsOnly(() => resolveUrl({ baseUrl: base }, p));
          if (validate) expect(validate.origin).toBe(origin);
        }),
        {
          ...params,
          examples: [
            ['http://a.aa', '/', null],
            ['http://a.aa', '\\evil.example/x', null],
          ],
        },
      );
    },
    TIMEOUT,
  );
});

describe('buildRequest / withCredential (fuzz)', () => {
  it(
    'any headers, key, method and body: a request to the URL it was given; stripping leaves no credential',
    () => {
      fc.assert(
        fc.property(
          fc.webUrl({ withQueryParameters: true }),
          fc.array(header, { maxLength: 6 }),
          fc.option(text(100, 4096), { nil: undefined }),
          fc.option(text(20, 4096), { nil: undefined }),
          fc.option(text(100, 4096), { nil: undefined }),
          provider,
          (href, headers, key, method, body, p) => {
            resetScrubber(); // every Secret registers itself: keep the scrubber's memory flat
            const url = new URL(href);
            const origin = url.origin;
            const built = buildRequest(
              {
                headers,
                ...(key !== undefined ? { key: new Secret(key, 'arg') } : {}),
                ...(method !== undefined ? { method } : {}),
                ...(body !== undefined ? { body } : {}),
              },
              url,
              p,
            );
            expect(built.request.url.origin).toBe(origin);
            expect(built.request.headers.length).toBeLessThanOrEqual(headers.length + 8);
            if (key !== undefined && key !== '' && built.credential === null) {
              throw new Error('a key was given and the request carries no credential');
            }
            const spot = built.credential?.spot;
            if (!spot) return;
            const stripped = withCredential(built.request, spot, undefined, null);
            if (spot.in === 'header')
              expect(
                stripped.headers.filter(([n]) => n.toLowerCase() === spot.name.toLowerCase()),
              ).toEqual([]);
            else if (spot.in === 'query')
              expect(stripped.url.searchParams.has(spot.name)).toBe(false);
            else if (spot.in === 'path') {
              const segments = stripped.url.pathname.split('/');
              expect(segments[pathSegmentIndex(segments, spot.prefix)]).toBe(spot.prefix);
            }
          },
        ),
        params,
      );
    },
    TIMEOUT,
  );
});
