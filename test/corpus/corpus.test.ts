/**
 * Issue 14's generalisation corpus, on the built CLI. Every case runs; the expected cause is
 * asserted for the cases in PASSING (a ratchet: add a case once the engine gets it right, never
 * remove one), the others are `it.todo` with what the engine answered before the fix, so the
 * suite stays green while the rate is tracked (`node scripts/corpus-rate.mjs` prints it).
 *
 * The consistency property (no two errors that explain the refusal incompatibly, no
 * layer.upstream beside layer.gateway, no credential.invalid when the key made no difference) is
 * asserted for every case but those in KNOWN_INCONSISTENT, each with what it found.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CASES } from './cases.js';
import { inconsistencies, judge, runCase, runnable, type Outcome } from './run.js';

/** Cases whose expected cause the engine names today. */
export const PASSING = new Set<string>([
  'cred-cohere-revoked',
  'cred-replicate-invalid-did-not-pass-valid',
  'cred-vercel-invalid-token-403',
  'cred-cloudflare-api-invalid-token',
  'cred-gitlab-revoked',
  'cred-telegram-revoked-path',
  'cred-deepseek-masked-echo',
  'cred-xai-400-masked',
  'cred-sentry-invalid-token',
  'cred-azure-apim-invalid-subscription',
  'cred-mistral-kong-unauthorized',
  'incon-digitalocean-same-answer',
  'incon-perplexity-openresty-html',
  'incon-mailgun-us-host-forbidden',
  'strip-nginx-openai-blanked',
  'strip-nginx-underscore-elevenlabs',
  'redirect-host-change-express',
  'gw-apim-missing-subscription-key',
  'gw-kong-no-api-key',
  'gw-kong-invalid-credentials',
  'gw-apigee-invalid-apikey',
  'gw-apigee-failed-resolve',
  'gw-aws-apigw-usage-plan',
  'gw-aws-apigw-jwt-expired',
  'gw-traefik-basicauth',
  'gw-traefik-forwardauth-authelia',
  'gw-netlify-basic-password',
  'gw-aws-apigw-incomplete-signature',
  'gw-oauth2-proxy-sign-in',
  'gw-cloudflare-access-302',
  'gw-vercel-deployment-protection',
  'gw-istio-rbac-denied',
  'gw-envoy-jwt-issuer-not-configured',
  'gw-envoy-jwt-audiences',
  'gw-cloudflare-waf-1020',
  'gw-akamai-access-denied',
  'gw-cloudfront-request-blocked',
  'gw-rails-devise-login-redirect',
  'habit-github-token-scheme-to-gitlab',
  'habit-bearer-to-anthropic',
  'habit-lowercase-bearer',
  'habit-basic-space-around-user',
  'habit-query-key-trailing-newline',
  'habit-twilio-test-credentials-live',
  'habit-slack-user-token-for-bot',
  'habit-stripe-restricted-quoted-mask',
  'habit-expired-jwt-aspnet',
  'habit-jwt-not-yet-valid',
  'habit-id-token-for-access-token',
  'habit-gemini-key-as-bearer',
  'habit-firebase-referrer-blocked',
  'habit-vertex-api-key',
  'habit-shopify-shared-secret',
  'habit-shopify-bearer',
  'habit-atlassian-bearer-api-token',
  'habit-linear-bearer-personal-key',
  'habit-notion-missing-version',
  'habit-notion-not-shared',
  'habit-airtable-legacy-key',
  'habit-airtable-no-base-access',
  'habit-pagerduty-bearer',
  'habit-cloudflare-global-key-as-bearer',
  'habit-supabase-no-apikey-header',
  'habit-openrouter-x-api-key',
  'habit-deepseek-raw-key',
  'habit-discord-bot-without-prefix',
  'habit-sentry-token-scheme',
  'habit-sendgrid-raw-key',
  'habit-sendgrid-restricted-key',
  'habit-resend-sending-only-key',
  'habit-hf-fine-grained-no-permission',
  'habit-gitlab-insufficient-scope',
  'habit-gitlab-expired-oauth',
  'key-placeholder-mistral',
  'key-unexpanded-cohere',
  'key-undefined-huggingface',
  'key-scheme-twice-perplexity',
  'key-quoted-groq',
  'key-wrong-provider-groq-to-together',
  'key-basic-newline-mailgun',
  'key-basic-wrapped-groq',
  'status-cohere-trial-rate-limit',
  'status-openrouter-402-credits',
  'status-deepseek-402-balance',
]);

/** Cases whose report breaks the consistency property today, with what it found (before the fix). */
export const KNOWN_INCONSISTENT: Readonly<Record<string, string>> = {};

const outcomes = new Map<string, Promise<Outcome>>();
/** One CLI run per case, shared by the cause test and the consistency test. */
function outcome(id: string): Promise<Outcome> {
  let p = outcomes.get(id);
  if (!p) {
    const c = CASES.find((x) => x.id === id);
    if (!c) throw new Error(`no case ${id}`);
    p = runCase(c);
    outcomes.set(id, p);
  }
  return p;
}

function noLeak(o: Outcome): string[] {
  const leaks: string[] = [];
  for (const secret of o.secrets)
    for (let i = 0; i + 9 <= secret.length; i++) {
      const window = secret.slice(i, i + 9);
      if (o.stdout.includes(window) || o.stderr.includes(window)) {
        leaks.push(`chars ${i}..${i + 8}`);
        break;
      }
    }
  return leaks;
}

describe('generalisation corpus (issue 14)', () => {
  afterAll(() => outcomes.clear());

  it('has at least 45 cases with unique ids, each naming a source and a reason', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    for (const c of CASES) {
      expect(c.source.length, c.id).toBeGreaterThan(5);
      expect(c.expect.because.length, c.id).toBeGreaterThan(10);
    }
  });

  it('the ratchet lists only cases that exist', () => {
    const ids = new Set(CASES.map((c) => c.id));
    expect([...PASSING].filter((id) => !ids.has(id))).toEqual([]);
    expect(Object.keys(KNOWN_INCONSISTENT).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of CASES) {
    const can = runnable(c);
    const title = `${c.id}: ${c.expect.status}/${c.expect.cause ?? '*'}`;
    if (!can.ok) {
      it.skip(`${title} (${can.reason ?? 'cannot run here'})`, () => undefined);
      continue;
    }
    if (PASSING.has(c.id)) {
      it(title, async () => {
        const o = await outcome(c.id);
        const { pass, got } = judge(c, o);
        const findings = o.json?.findings.map((f) => `${f.id}(${f.severity})`).join(', ');
        expect(pass, `${c.name}\n  want ${title}\n  got  ${got}\n  findings ${findings}`).toBe(
          true,
        );
        expect(noLeak(o), 'no credential in the output').toEqual([]);
      });
    } else {
      it.todo(`${title} — not yet (see scripts/corpus-rate.mjs for what the engine answers)`);
    }
  }

  describe('consistency: no two errors explain the refusal incompatibly', () => {
    for (const c of CASES) {
      if (!runnable(c).ok) continue;
      const known = KNOWN_INCONSISTENT[c.id];
      if (known !== undefined) {
        it.todo(`${c.id} — known: ${known}`);
        continue;
      }
      it(c.id, async () => {
        const o = await outcome(c.id);
        expect(o.json, `no JSON (exit ${o.code}): ${o.stderr.slice(0, 300)}`).toBeDefined();
        expect(inconsistencies(o)).toEqual([]);
      });
    }
  });
});
