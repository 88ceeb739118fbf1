/**
 * Metamorphic tests (issue 14): one situation, several surface variants (another provider, other
 * wording, other header casing, JSON vs plain text, 401 vs 403) must give the same cause. The
 * expected cause is asserted for variants in PASSING (a ratchet, as in corpus.test.ts); a group
 * whose variants all pass also asserts that they agree with each other. The rest are todos.
 */
import { describe, expect, it } from 'vitest';
import { GROUPS } from './metamorphic-cases.js';
import { inconsistencies, judge, runCase, runnable, type Outcome } from './run.js';

/** Variants whose expected cause the engine names today. */
export const PASSING = new Set<string>([
  'meta-strip-openai-wording',
  'meta-strip-missing-api-key',
  'meta-strip-no-credentials-provided',
  'meta-strip-authorization-required',
  'meta-strip-plain-text',
  'meta-strip-403-not-provided',
  'meta-strip-groq-provider',
  'meta-scheme-case-lower',
  'meta-scheme-case-upper-name',
  'meta-scheme-case-upper-scheme',
  'meta-scheme-case-plain-text',
  'meta-scheme-case-403',
  'meta-scheme-case-mistral',
  'meta-wrong-name-anthropic',
  'meta-wrong-name-generic-x-api-key',
  'meta-wrong-name-upper-header',
  'meta-wrong-name-postmark',
  'meta-wrong-name-elevenlabs',
  'meta-wrong-name-plain-text',
  'meta-wrong-name-403',
  'meta-invalid-cohere',
  'meta-invalid-invalid-api-key',
  'meta-invalid-not-valid',
  'meta-invalid-revoked',
  'meta-invalid-plain-text',
  'meta-invalid-403',
  'meta-invalid-upper-header',
  'meta-protection-vercel-401',
  'meta-protection-vercel-403',
  'meta-protection-netlify-password',
  'meta-protection-sso-proxy-sign-in',
  'meta-protection-sso-proxy-log-in-401',
  'meta-redirect-301',
  'meta-redirect-302',
  'meta-redirect-307',
  'meta-redirect-308',
  'meta-redirect-308-403',
  'meta-scope-insufficient-scope',
  'meta-scope-missing-permission',
  'meta-scope-missing-scopes',
  'meta-scope-plain-text',
  'meta-quota-openrouter-402',
  'meta-quota-insufficient-quota-429',
  'meta-quota-credit-balance-400',
  'meta-quota-balance-402',
  'meta-quota-plain-text-402',
  'meta-quoted-groq-single',
  'meta-quoted-groq-double',
  'meta-quoted-mistral-double',
  'meta-quoted-together-backticks',
  'meta-quoted-cohere-typographic',
]);

/** Variants whose report breaks the consistency property today (before the fix). */
export const KNOWN_INCONSISTENT: Readonly<Record<string, string>> = {};

const runs = new Map<string, Promise<Outcome>>();

describe('metamorphic: same situation, same cause (issue 14)', () => {
  it('has at least 8 situations with 4+ variants each', () => {
    expect(GROUPS.length).toBeGreaterThanOrEqual(8);
    for (const g of GROUPS) expect(g.variants.length, g.situation).toBeGreaterThanOrEqual(4);
  });

  for (const group of GROUPS) {
    describe(group.situation, () => {
      for (const v of group.variants) {
        const can = runnable(v);
        if (!can.ok) {
          it.skip(`${v.id} (${can.reason ?? 'cannot run here'})`, () => undefined);
          continue;
        }
        if (!PASSING.has(v.id)) {
          it.todo(`${v.id}: ${group.cause} — not yet`);
          continue;
        }
        it(`${v.id}: ${group.cause}`, async () => {
          let p = runs.get(v.id);
          if (!p) runs.set(v.id, (p = runCase(v)));
          const o = await p;
          const { pass, got } = judge(v, o);
          expect(pass, `${v.name}\n  want ${group.cause}\n  got  ${got}`).toBe(true);
          if (KNOWN_INCONSISTENT[v.id] === undefined) expect(inconsistencies(o)).toEqual([]);
        });
      }
      const all = group.variants.every((v) => PASSING.has(v.id) && runnable(v).ok);
      if (all)
        it('every variant names the same cause', async () => {
          const causes = await Promise.all(
            group.variants.map(async (v) => {
              let p = runs.get(v.id);
              if (!p) runs.set(v.id, (p = runCase(v)));
              return (await p).json?.verdict.cause ?? null;
            }),
          );
          expect(new Set(causes).size, causes.join(', ')).toBe(1);
        });
      else it.todo('every variant names the same cause — not yet');
    });
  }
});
