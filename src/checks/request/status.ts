import { AUTH_CODE, type AnswerFacts } from '../../evidence/answer.js';
import type { Provider } from '../../providers/types.js';
import { defineCheck, finding } from '../types.js';
import {
  isBlockPage,
  layerOwnRefusal,
  proxyOwnAnswer,
  rateLimited,
  sameAnswer,
  saysNoCredential,
  type RequestEvidence,
  type Sent,
  unknownKeyAnswer,
} from '../../evidence/request.js';

/** 407: a forward proxy wants its own credentials. */
export const proxyAuth = defineCheck<RequestEvidence>('proxy-auth', (ev) => {
  const { final, proxy } = ev;
  const f = final.facts;
  // Some proxies (tinyproxy with a wrong password) answer 401 themselves: proxyOwnAnswer.
  if (!f || !proxyOwnAnswer(ev)) return [];
  const challenge = f.headers['proxy-authenticate'];
  const own = f.status === 401 ? f.headers['www-authenticate'] : undefined;
  const withCreds = proxy?.url.username
    ? 'credentials in the proxy URL were refused'
    : 'no proxy credentials were sent';
  return [
    finding(
      'status.proxy-auth',
      'definitive',
      [
        `${f.status} from ${proxy?.url.host ?? 'a proxy'}${challenge ? ` (Proxy-Authenticate: ${challenge.slice(0, 60)})` : own ? ` itself (server: ${(f.headers['server'] ?? '').slice(0, 40)}, WWW-Authenticate: ${own.slice(0, 60)}), not the API` : ''}`,
        withCreds,
      ],
      {
        proxy: proxy?.url.host ?? null,
      },
    ),
  ];
});

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

export const serverError = defineCheck<RequestEvidence>('server-error', ({ final }) => {
  const f = final.facts;
  if (!f || f.status < 500 || f.status > 599) return [];
  return [
    finding(
      'status.server-error',
      'definitive',
      `${f.status} ${final.result.ok ? final.result.response.statusText : ''}: the server failed; the key's validity cannot be told`,
      { status: f.status },
    ),
  ];
});

/** A 2xx (or 400) whose body is an auth error. */
export const errorInBody = defineCheck<RequestEvidence>('error-in-body', (ev) => {
  const { final, credential } = ev;
  const f = final.facts;
  // A sign-in page is status.login-redirect's; a key of another mode is key.wrong-environment's.
  if (!f || f.loginForm || f.says.has('environment')) return [];
  const twoHundred = f.status >= 200 && f.status < 300 && f.bodySaysFailure;
  // A 400 is about the request unless its words are about the credential (`resource_missing`,
  // "missing parameter" are not); a 2xx that says it failed needs less.
  const authTopic =
    f.blamesCredential ||
    f.says.has('restricted') ||
    ((f.says.has('missing') || f.says.has('expired') || f.says.has('invalid')) &&
      (twoHundred || f.aboutCredential)) ||
    (twoHundred && (f.says.has('scope') || f.errorCodes.some((c) => AUTH_CODE.test(c))));
  if (!(twoHundred || f.status === 400) || !authTopic) return [];
  // A 400 whose words blame the key sent (`API key not valid`) is credential.invalid's to name:
  // here it is only how the refusal came.
  const keyBlamed = !twoHundred && credential !== null && f.blamesCredential;
  return [
    finding(
      'status.error-in-body',
      keyBlamed ? 'heuristic' : 'attributed',
      `${f.status} with an auth error in the body: ${f.errorText.slice(0, 160)}`,
      {
        status: f.status,
        bodyCode: f.errorCodes.find((c) => !/^\d+$/.test(c)) ?? null,
      },
    ),
  ];
});

/** 403 from a WAF or bot filter, before any auth. */
export const wafBlocked = defineCheck<RequestEvidence>('waf-blocked', (ev) => {
  const { final, probes } = ev;
  const f = final.facts;
  if (!f || (f.status !== 403 && f.status !== 503 && f.status !== 429)) return [];
  const ua = probes['user-agent'];
  const cdn = f.layers.find((l) => l.kind === 'cdn' || l.kind === 'waf');
  const wafWords = f.says.has('waf');
  const uaHelped =
    ua?.facts !== undefined && !sameAnswer(ua, final) && ua.facts.status !== f.status;
  const blockPage = isBlockPage(ev);
  if (
    !wafWords &&
    !uaHelped &&
    !blockPage &&
    !(cdn && f.challenges.length === 0 && !f.isJson && f.status === 403)
  )
    return [];
  const evidence = [
    `${f.status}${cdn ? ` from ${cdn.name} (${cdn.evidence})` : ''} with no WWW-Authenticate challenge`,
  ];
  if (wafWords) evidence.push(`the body reads like a bot filter: ${f.errorText.slice(0, 80)}`);
  else if (blockPage)
    evidence.push(
      `an HTML block page of its own (${f.errorText.slice(0, 80)}), the very same without the key: the key played no part`,
    );
  if (ua?.facts)
    evidence.push(
      `with a descriptive User-Agent: ${ua.facts.status}${uaHelped ? ' (a different answer)' : ' (the same)'}`,
    );
  return [
    finding('status.waf-blocked', uaHelped ? 'confirmed' : 'attributed', evidence, {
      status: f.status,
      layer: cdn?.name ?? null,
    }),
  ];
});

/** Does this provider answer 404 for what the caller may not see? Its known error shapes say so. */
function hidesAs404(provider: Provider | null): boolean {
  if (!provider) return false;
  if (['github', 'github-app', 'gitlab'].includes(provider.id)) return true;
  return provider.errorShapes.some(
    (e) =>
      e.status === 404 &&
      /not visible|hidden|hides|private|not shared|permission|instead of 40[13]/i.test(
        `${e.when} ${e.body}`,
      ),
  );
}

/**
 * Why a 404 may mean "not for you": the provider is known to hide resources so, the server names
 * the scopes it wants, or the answer depends on the credential (without it: 401/403) and its words
 * are not those of an unmatched route.
 */
function masking(ev: RequestEvidence): string[] {
  const f = ev.final.facts;
  if (f?.status !== 404 || !ev.credential) return [];
  const anon = ev.probes['without-credential'];
  const scopes = f.headers['x-accepted-oauth-scopes'] ?? f.headers['x-accepted-github-permissions'];
  const reasons: string[] = [];
  if (hidesAs404(ev.provider))
    reasons.push(`${ev.provider?.name} answers 404 for resources the caller may not see`);
  if (scopes) reasons.push(`the server accepts these scopes here: ${scopes.slice(0, 80)}`);
  const anonStatus = anon?.facts?.status;
  if (
    (anonStatus === 401 || anonStatus === 403) &&
    !f.says.has('route') &&
    !sameAnswer(anon, ev.final)
  )
    reasons.push(
      `without the credential: ${anonStatus}; with it: 404: the server read the key, and shows this caller nothing here`,
    );
  return reasons;
}

/** The gateway's "auth" error that really means no such route (API Gateway); a 404 that is a wrong URL. */
export const noRoute = defineCheck<RequestEvidence>('no-route', (ev) => {
  const { final, probes, provider } = ev;
  const f = final.facts;
  if (!f || (f.status !== 403 && f.status !== 404 && f.status !== 401)) return [];
  const amzn = f.headers['x-amzn-errortype'] ?? '';
  const missingToken =
    /MissingAuthenticationToken/i.test(amzn) || /missing authentication token/i.test(f.errorText);
  const anon = probes['without-credential'];
  if (missingToken) {
    return [
      finding(
        'status.no-route',
        sameAnswer(anon, final) ? 'confirmed' : 'attributed',
        [
          `${f.status} "${f.errorText.slice(0, 60)}"${amzn ? ` (x-amzn-ErrorType: ${amzn.slice(0, 60)})` : ''}`,
          ...(sameAnswer(anon, final)
            ? ['the same answer without any credential: the route, not the key']
            : []),
        ],
        { status: f.status, kind: 'gateway' },
      ),
    ];
  }
  // A plain 404 of a server not known to hide resources behind it: the URL, not the key; unless
  // the key placed elsewhere was accepted (Telegram's token belongs in the path itself).
  const acceptedElsewhere =
    Object.values(probes).some((p) => p?.carried && p.accepted) ||
    ev.alternatives.some((a) => a.accepted);
  if (
    f.status !== 404 ||
    acceptedElsewhere ||
    masking(ev).length > 0 ||
    (hidesAs404(provider) && !ev.credential)
  )
    return [];
  const identical = ev.credential !== null && sameAnswer(anon, final);
  const evidence = [`404${f.errorText ? `: ${f.errorText.slice(0, 100)}` : ''}`];
  if (f.says.has('route'))
    evidence.push('the words are those of a path or method that matched nothing');
  if (identical)
    evidence.push('the very same 404 without any credential: the key plays no part in it');
  else if (anon?.facts)
    evidence.push(
      `without the credential: ${anon.facts.status}; with it the key was read, and the path still matched nothing`,
    );
  return [
    finding(
      'status.no-route',
      identical ? 'confirmed' : f.says.has('route') ? 'attributed' : 'heuristic',
      evidence,
      { status: 404, kind: 'not-found', path: final.request.url.pathname.slice(0, 120) },
    ),
  ];
});

/** A 404 that means "not for you": a provider that hides resources, scope headers, or a probe. */
export const notFoundMasked = defineCheck<RequestEvidence>('not-found-masked', (ev) => {
  const { final, probes } = ev;
  const reasons = masking(ev);
  if (reasons.length === 0) return [];
  const anon = probes['without-credential'];
  const validate = probes.validate;
  const scopes =
    final.facts?.headers['x-accepted-oauth-scopes'] ??
    final.facts?.headers['x-accepted-github-permissions'];
  // The same 404 without the credential proves hiding only where the provider is known to hide.
  const identical = hidesAs404(ev.provider) && sameAnswer(anon, final);
  const evidence = ['404 Not Found', ...reasons];
  if (identical)
    evidence.push('the very same 404 without any credential: "not found" cannot be trusted');
  if (validate?.accepted)
    evidence.push(
      `the credential itself is valid (${validate.request.url.pathname} answered ${validate.facts?.status})`,
    );
  return [
    finding(
      'status.not-found-masked',
      identical || validate?.accepted ? 'confirmed' : 'attributed',
      evidence,
      { status: 404, scopesNeeded: scopes ?? null },
    ),
  ];
});

/** 403: the caller is known but not allowed (the catch-all after the specific 403 checks). */
export const forbidden = defineCheck<RequestEvidence>('forbidden', (ev) => {
  const { final, credential } = ev;
  const f = final.facts;
  if (f?.status !== 403 || !credential) return [];
  // The same 403 as without a key, where the provider answers so to unknown keys: not "known";
  // nor a web server's stock 403 the key played no part in (layer.gateway), nor a filter's block
  // page (status.waf-blocked).
  if (saysNoCredential(f) || unknownKeyAnswer(ev) || layerOwnRefusal(ev) || isBlockPage(ev))
    return [];
  // More specific readings of a 403: the key itself (credential.invalid), a rate limit, quota,
  // an unmatched API Gateway route, a signed request outside the server's time window.
  if (
    f.blamesCredential ||
    rateLimited(f) ||
    f.says.has('quota') ||
    /missing authentication token/i.test(f.errorText) ||
    (f.says.has('clock') && Math.abs(f.skewSeconds ?? 0) > 60)
  )
    return [];
  return [
    finding(
      'status.forbidden',
      'heuristic',
      `403${f.errorText ? `: ${f.errorText.slice(0, 120)}` : ''}`,
      { status: 403 },
    ),
  ];
});
