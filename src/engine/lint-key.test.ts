/**
 * `lintKey`: every key.* check over one credential, as `why401 key` runs them. The checks' own
 * cases are their table tests (src/checks/key/); here the pipeline: the key as found in a
 * request (a Basic token), the provider named, the findings rendered.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../providers/catalog/index.js';
import { Secret } from '../secret/secret.js';
import { samplesOf } from '../../test/support/key-samples.js';
import { ALNUM, fill } from '../checks/key/test-helpers.js';
import { lintKey } from './lint-key.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const token = fill(ALNUM, 32, 'basic-pair-token');
const stripe = `sk_live_${fill(ALNUM, 99, 'basic-pair-stripe')}`;

/** A fake key of real length, from the catalog's own pattern (seeded generator, never a real key). */
const real = (prefix: string, n = 0): string => {
  for (const p of PROVIDERS)
    for (const shape of p.keyShapes)
      if (shape.prefix === prefix && !shape.generic)
        return samplesOf(shape, `malformed/${p.id}/${prefix}`, n + 1)[n] as string;
  throw new Error(`no shape with prefix ${prefix}`);
};

describe('a key wrapped in Basic, as found in a request (`why401 key -H`, check)', () => {
  it.each([
    ['-u ":$KEY"', `:${stripe}`],
    ['-u "$KEY:"', `${stripe}:`],
    ['Stripe/Mailgun style api:KEY', `api:${stripe}`],
  ])('%s: the token under the Basic scheme names its provider, no finding', (_name, pair) => {
    const report = lintKey(new Secret(b64(pair), 'test'), { scheme: 'Basic' });
    expect(report.provider).toBe('stripe');
    expect(report.findings).toEqual([]);
  });

  it('a truncated key inside Basic is key.truncated', () => {
    const report = lintKey(new Secret(b64(`:${stripe.slice(0, 20)}`), 'test'), { scheme: 'Basic' });
    expect(report.findings.map((f) => f.id)).toContain('key.truncated');
  });

  it('a malformed key inside Basic is key.malformed', () => {
    const report = lintKey(new Secret(b64(`api:${stripe}${stripe}`), 'test'), { scheme: 'Basic' });
    expect(report.findings.map((f) => f.id)).toContain('key.malformed');
  });

  it("issue 14: dev@acme.dev :token is one key.whitespace naming the user, and the pair's key is the token", () => {
    const report = lintKey(new Secret(b64(`dev@acme.dev :${token}`), 'test'), { scheme: 'Basic' });
    expect(report.findings.map((f) => f.id)).toEqual(['key.whitespace']);
    expect(report.findings[0]?.evidence.join('\n')).toContain("the Basic pair's user");
    expect(report.findings[0]?.data?.['half']).toBe('user');
    expect(report.findings[0]?.fix).toContain("Remove the whitespace around the Basic pair's user");
  });
});

describe('why401 key names the provider of a damaged key with a distinctive prefix', () => {
  it('sk-proj- + 30 chars: OpenAI, key.truncated', () => {
    const report = lintKey(new Secret(`sk-proj-${fill(ALNUM, 30)}`, 'test'));
    expect(report.provider).toBe('openai');
    expect(report.findings.map((f) => f.id)).toEqual(['key.truncated']);
  });
  it('AIza, shared by Gemini and Firebase: no single provider named', () => {
    const report = lintKey(new Secret(`${real('AIza')}x`, 'test'));
    expect(report.provider).toBeNull();
    expect(report.findings.map((f) => f.id)).toEqual(['key.malformed']);
  });
});
