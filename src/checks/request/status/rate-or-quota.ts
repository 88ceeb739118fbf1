import type { AnswerFacts } from '../../../evidence/answer.js';
import { defineCheck, finding } from '../../types.js';
import { rateLimited, type RequestEvidence, type Sent } from '../../../evidence/request.js';

/** The body code that names the topic (`insufficient_quota`, `BILLING_DISABLED`), else the first word-like one. */
function codeFor(f: AnswerFacts, topic: RegExp): string | null {
  const words = f.errorCodes.filter((c) => !/^\d+$/.test(c));
  return words.find((c) => topic.test(c.replace(/_/g, ' '))) ?? words[0] ?? null;
}

const QUOTA_CODE = /quota|billing|credit|payment|insufficient|balance|funds/i;

/** Words that say the account's money or allowance ran out, not that calls came too fast. */
const SPENT =
  /insufficient_quota|exceeded your current quota|credit balance|out of (funds|credits)|insufficient (funds|credits|balance)|spending limit|payment required|billing_hard_limit|quota_exceeded|credits? (exceeded|exhausted)|maximum credits/i;

/**
 * The allowance is the anonymous one: a request without the credential gets the same limit, or
 * (without that probe) the limit is GitHub's for unauthenticated callers, 60, on a 403.
 */
function anonymousLimit(
  f: AnswerFacts,
  anon: Sent | undefined,
): { line: string; proof: 'compared' | 'low' } | undefined {
  const limit = f.rateLimit.limit;
  if (limit === undefined) return undefined;
  if (anon?.facts) {
    return anon.facts.rateLimit.limit === limit
      ? {
          line: `without the credential the limit is the same (${limit}): the call was counted like an anonymous one, so the key was probably not applied`,
          proof: 'compared',
        }
      : undefined;
  }
  return limit === 60 && f.status === 403 && f.headers['x-ratelimit-limit'] !== undefined
    ? {
        line: `X-RateLimit-Limit: ${limit} looks like an anonymous allowance (GitHub gives 60 an hour to unauthenticated callers): the credential may not have been applied`,
        proof: 'low',
      }
    : undefined;
}

/** 429 and 402: rate limit or quota (also a 403 or 400 that says so). The key works. */
export const rateOrQuota = defineCheck<RequestEvidence>(
  'rate-or-quota',
  ({ final, credential, probes }) => {
    const f = final.facts;
    if (!f) return [];
    const quota = f.says.has('quota');
    const text = `${f.errorText} ${f.errorCodes.join(' ')}`;
    // A 429 is a rate limit unless the words say the money ran out: "quota" and "billing" turn
    // up in rate-limit messages too (hourly quotas, a link to the billing page).
    const rate =
      f.says.has('rate') ||
      f.retryAfterSeconds !== undefined ||
      f.rateLimit.remaining === 0 ||
      /RESOURCE_EXHAUSTED/.test(text);
    const broke = SPENT.test(text);
    if (
      f.status === 402 ||
      (f.status === 429 && (broke || (quota && !rate))) ||
      ((f.status === 403 || f.status === 400 || f.status === 401) &&
        (f.status === 401 ? broke : quota) &&
        !f.blamesCredential &&
        !f.says.has('rate'))
    ) {
      return [
        finding(
          'status.quota-exceeded',
          'attributed',
          `${f.status}: ${f.errorText.slice(0, 160) || 'quota or billing'}`,
          { status: f.status, bodyCode: codeFor(f, QUOTA_CODE) },
        ),
      ];
    }
    if (!rateLimited(f)) return [];
    const after = f.retryAfterSeconds;
    const { limit, remaining } = f.rateLimit;
    const evidence = [
      `${f.status}${after !== undefined ? `, Retry-After ${after} s` : ''}${remaining !== undefined ? `, X-RateLimit-Remaining: ${remaining}` : ''}${limit !== undefined ? ` of ${limit}` : ''}`,
    ];
    if (f.status !== 429 && f.says.has('rate'))
      evidence.push(`the body speaks of a rate limit: ${f.errorText.slice(0, 120)}`);
    const anonymous = credential ? anonymousLimit(f, probes['without-credential']) : undefined;
    if (anonymous) evidence.push(anonymous.line);
    return [
      finding('status.rate-limited', 'definitive', evidence, {
        status: f.status,
        retryAfter: after ?? null,
        limit: limit ?? null,
        anonymousLimit: anonymous?.proof ?? null,
      }),
    ];
  },
);
