import { matchLengthRange } from '../parse/regex-length.js';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from './catalog/index.js';
import type { Placement, Provider } from './types.js';
import { anchored, samplesOf } from '../../test/support/key-samples.js';

/**
 * Provider pairs whose non-generic shapes genuinely overlap: the same credential works, or at
 * least looks identical, at both. Detection keeps both as candidates.
 */
const GENUINE_OVERLAPS: readonly (readonly [string, string])[] = [
  // One Google API key format (AIza…) for Gemini, Firebase and every other Google API.
  ['google-gemini', 'firebase'],
  // Atlassian account API tokens (ATATT…) and access tokens (ATCTT…) serve Bitbucket and Jira/Confluence.
  ['bitbucket', 'atlassian'],
];

/** Literal prefixes that more than one provider claims on purpose. */
const SHARED_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  // Google API keys, see above.
  AIza: ['google-gemini', 'firebase'],
  // Atlassian tokens, see above.
  ATATT: ['bitbucket', 'atlassian'],
  ATCTT3xFfG: ['bitbucket', 'atlassian'],
  // A bare `sk-`: legacy OpenAI user keys (with the T3BlbkFJ marker) and DeepSeek keys (32 hex).
  // The bodies never fit each other's pattern, but the prefix alone proves nothing.
  'sk-': ['openai', 'deepseek'],
};

const overlapAllowed = (a: string, b: string): boolean =>
  GENUINE_OVERLAPS.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HOST_PATTERN = /^(?:\*|[a-z0-9*-]+)(?:\.[a-z0-9-]+)+$/;
const SCHEMES = new Set(['Bearer', 'Token', 'Bot', 'Basic', 'Token token=']);

function placements(p: Provider): Placement[] {
  return [p.auth, ...p.alternatives];
}

describe('provider catalog', () => {
  it('has 55 providers with unique, kebab-case ids', () => {
    expect(PROVIDERS).toHaveLength(55);
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s has the required fields', (_id, p) => {
    expect(p.name.trim()).not.toBe('');
    expect(p.hosts.length).toBeGreaterThan(0);
    expect(p.auth).toBeDefined();
    expect(p.keyShapes.length).toBeGreaterThan(0);
    expect(['GET', 'POST', 'HEAD']).toContain(p.validate.method);
    expect(p.validate.successStatus).toBeGreaterThanOrEqual(100);
    expect(p.validate.successStatus).toBeLessThan(600);
    expect(p.errorShapes.length).toBeGreaterThan(0);
    for (const e of p.errorShapes) {
      expect(Number.isInteger(e.status) && e.status >= 100 && e.status < 600).toBe(true);
      expect(e.when.trim()).not.toBe('');
      expect(e.body.trim()).not.toBe('');
    }
    for (const u of p.unverified ?? []) expect(u.trim()).not.toBe('');
  });

  it('lists concrete host names, with `*` only as a wildcard', () => {
    for (const p of PROVIDERS) {
      for (const host of p.hosts) expect(host, p.id).toMatch(HOST_PATTERN);
      for (const { region, host } of p.regions ?? []) {
        expect(region.trim(), p.id).not.toBe('');
        expect(host, p.id).toMatch(/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/);
        expect(p.hosts, `${p.id}: region host ${host} is also a host`).toContain(host);
      }
    }
  });

  it('names the regional sites the research gives', () => {
    const regionHosts = (id: string): string[] =>
      (PROVIDERS.find((p) => p.id === id)?.regions ?? []).map((r) => r.host);
    expect(regionHosts('datadog')).toEqual([
      'api.datadoghq.com',
      'api.us3.datadoghq.com',
      'api.us5.datadoghq.com',
      'api.datadoghq.eu',
      'api.ap1.datadoghq.com',
      'api.ddog-gov.com',
    ]);
    expect(regionHosts('newrelic')).toEqual(['api.newrelic.com', 'api.eu.newrelic.com']);
    expect(regionHosts('mailgun')).toEqual(['api.mailgun.net', 'api.eu.mailgun.net']);
  });

  it('describes placements with valid header names and known schemes', () => {
    for (const p of PROVIDERS) {
      for (const pl of placements(p)) {
        switch (pl.in) {
          case 'header':
            expect(pl.name, p.id).toMatch(HEADER_TOKEN);
            if (pl.scheme !== null)
              expect(SCHEMES.has(pl.scheme), `${p.id} ${pl.scheme}`).toBe(true);
            break;
          case 'query':
          case 'signature':
            expect(pl.name, p.id).toMatch(/^[A-Za-z0-9_-]+$/);
            break;
          case 'path':
            expect(pl.template, p.id).toContain('<token>');
            break;
          case 'basic':
            expect(['key:', ':key', 'user:key', 'api:key']).toContain(pl.pair);
            break;
        }
      }
      for (const h of [...p.headers, ...(p.queryParams ?? [])]) {
        expect(h.name, p.id).toMatch(HEADER_TOKEN);
        expect(h.value.trim(), p.id).not.toBe('');
      }
      for (const h of p.revealingHeaders) expect(h.name, p.id).toMatch(HEADER_TOKEN);
    }
  });

  it('parses a few known placements as the research describes them', () => {
    const auth = (id: string): Placement | undefined => PROVIDERS.find((p) => p.id === id)?.auth;
    expect(auth('anthropic')).toMatchObject({ in: 'header', name: 'x-api-key', scheme: null });
    expect(auth('pagerduty')).toMatchObject({ in: 'header', scheme: 'Token token=' });
    expect(auth('discord')).toMatchObject({ in: 'header', scheme: 'Bot' });
    expect(auth('mailgun')).toEqual(expect.objectContaining({ in: 'basic', pair: 'api:key' }));
    expect(auth('telegram')).toMatchObject({ in: 'path' });
    expect(auth('mapbox')).toMatchObject({ in: 'query', name: 'access_token' });
    expect(auth('firebase')).toMatchObject({ in: 'query', name: 'key' });
    expect(auth('aws')).toMatchObject({ in: 'signature' });
    const stripe = PROVIDERS.find((p) => p.id === 'stripe');
    expect(stripe?.alternatives).toContainEqual(
      expect.objectContaining({ in: 'basic', pair: 'key:' }),
    );
  });

  it('has validation URLs that parse once placeholders are filled', () => {
    for (const p of PROVIDERS) {
      const filled = p.validate.url.replace(/<[^<>]+>/g, 'placeholder');
      const url = new URL(filled);
      expect(url.protocol, p.id).toBe('https:');
    }
  });

  it('stores key patterns unanchored, without \\b, compiling under this Node', () => {
    for (const p of PROVIDERS) {
      for (const s of p.keyShapes) {
        const src = s.pattern.source;
        expect(src, p.id).not.toMatch(/\\b|^\^|(?<!\\)\$$/);
        expect(['', 'i'], `${p.id} ${src}`).toContain(s.pattern.flags);
        expect(() => anchored(s)).not.toThrow();
        expect(s.kinds.length, `${p.id} ${src}`).toBeGreaterThan(0);
        expect(s.note.trim(), p.id).not.toBe('');
      }
    }
  });

  it('marks identifiers and refresh tokens as not usable as API keys', () => {
    for (const p of PROVIDERS) {
      for (const s of p.keyShapes) {
        if (s.kinds.includes('identifier') || s.kinds.includes('refresh')) {
          expect(s.usableAsApiKey, `${p.id} ${s.pattern.source}`).toBe(false);
        }
      }
    }
  });

  it('generates samples that match their own shape and start with its prefix', () => {
    for (const p of PROVIDERS) {
      p.keyShapes.forEach((s, n) => {
        for (const sample of samplesOf(s, `${p.id}/${n}`)) {
          expect(anchored(s).test(sample), `${p.id} ${s.pattern.source}`).toBe(true);
          if (s.prefix !== undefined) expect(sample.startsWith(s.prefix), p.id).toBe(true);
          // detection skips a shape by length before running it: the range must hold
          const range = matchLengthRange(s.pattern.source);
          if (range) {
            expect(sample.length, p.id).toBeGreaterThanOrEqual(range.min);
            expect(sample.length, p.id).toBeLessThanOrEqual(range.max);
          }
        }
      });
    }
  });

  it("never matches a provider's sample with another provider's non-generic shape", () => {
    const specific = PROVIDERS.flatMap((p) =>
      p.keyShapes.filter((s) => s.generic !== true).map((s) => ({ id: p.id, re: anchored(s) })),
    );
    const clashes: string[] = [];
    const seenOverlaps = new Set<string>();
    for (const p of PROVIDERS) {
      p.keyShapes.forEach((s, n) => {
        for (const sample of samplesOf(s, `${p.id}/${n}`)) {
          for (const other of specific) {
            if (other.id === p.id || !other.re.test(sample)) continue;
            if (overlapAllowed(p.id, other.id)) seenOverlaps.add([p.id, other.id].sort().join('+'));
            else clashes.push(`${p.id} /${s.pattern.source}/ sample fits ${other.id} ${other.re}`);
          }
        }
      });
    }
    expect(clashes).toEqual([]);
    // Every allowed overlap is real; a stale entry should go.
    expect([...seenOverlaps].sort()).toEqual(
      GENUINE_OVERLAPS.map((pair) => [...pair].sort().join('+')).sort(),
    );
  });

  it('has no literal prefix claimed by two providers unless listed as shared', () => {
    const owners = new Map<string, Set<string>>();
    for (const p of PROVIDERS) {
      for (const s of p.keyShapes) {
        if (s.prefix === undefined) continue;
        const set = owners.get(s.prefix) ?? new Set<string>();
        set.add(p.id);
        owners.set(s.prefix, set);
      }
    }
    const shared = Object.fromEntries(
      [...owners].filter(([, ids]) => ids.size > 1).map(([prefix, ids]) => [prefix, [...ids]]),
    );
    expect(shared).toEqual(SHARED_PREFIXES);
  });
});
