import { defineCheck, finding } from '../types.js';
import { sameAnswer, saysNoCredential, type RequestEvidence } from './evidence.js';

/** 407: a forward proxy wants its own credentials. */
export const proxyAuth = defineCheck<RequestEvidence>('proxy-auth', ({ final, proxy }) => {
  const f = final.facts;
  // Some proxies (tinyproxy with a wrong password) answer 401 themselves: their Server says so.
  const proxyItself =
    final.viaProxy &&
    f?.status === 401 &&
    /proxy|squid/i.test(f.headers['server'] ?? '') &&
    !/nginx|apache/i.test(f.headers['server'] ?? '');
  if (f?.status !== 407 && !proxyItself) return [];
  const challenge = f.headers['proxy-authenticate'];
  const withCreds = proxy?.url.username
    ? 'credentials in the proxy URL were refused'
    : 'no proxy credentials were sent';
  return [
    finding(
      'status.proxy-auth',
      'definitive',
      [
        `${f.status} from ${proxy?.url.host ?? 'a proxy'}${challenge ? ` (Proxy-Authenticate: ${challenge.slice(0, 60)})` : ''}`,
        withCreds,
      ],
      {
        proxy: proxy?.url.host ?? null,
      },
    ),
  ];
});

/** 429 and 402: rate limit or quota. The key works. */
export const rateOrQuota = defineCheck<RequestEvidence>('rate-or-quota', ({ final }) => {
  const f = final.facts;
  if (!f) return [];
  const quota = f.says.has('quota');
  if (
    f.status === 402 ||
    (f.status === 429 && quota) ||
    (f.status === 403 && quota && !f.says.has('invalid'))
  ) {
    return [
      finding(
        'status.quota-exceeded',
        'attributed',
        `${f.status}: ${f.errorText.slice(0, 160) || 'quota or billing'}`,
        { status: f.status, bodyCode: f.errorCodes[0] ?? null },
      ),
    ];
  }
  if (f.status === 429) {
    const after = f.retryAfterSeconds;
    return [
      finding(
        'status.rate-limited',
        'definitive',
        `429${after !== undefined ? `, Retry-After ${after} s` : ''}`,
        {
          status: 429,
          retryAfter: after ?? null,
        },
      ),
    ];
  }
  return [];
});

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
export const errorInBody = defineCheck<RequestEvidence>('error-in-body', ({ final }) => {
  const f = final.facts;
  if (!f) return [];
  const authTopic =
    f.says.has('invalid') ||
    f.says.has('missing') ||
    f.says.has('expired') ||
    f.says.has('restricted');
  const twoHundred = f.status >= 200 && f.status < 300 && f.bodySaysFailure;
  if (!(twoHundred || f.status === 400) || !authTopic) return [];
  return [
    finding(
      'status.error-in-body',
      'attributed',
      `${f.status} with an auth error in the body: ${f.errorText.slice(0, 160)}`,
      {
        status: f.status,
        bodyCode: f.errorCodes[0] ?? null,
      },
    ),
  ];
});

/** 403 from a WAF or bot filter, before any auth. */
export const wafBlocked = defineCheck<RequestEvidence>('waf-blocked', ({ final, probes }) => {
  const f = final.facts;
  if (!f || (f.status !== 403 && f.status !== 503 && f.status !== 429)) return [];
  const ua = probes['user-agent'];
  const cdn = f.layers.find((l) => l.kind === 'cdn' || l.kind === 'waf');
  const wafWords = f.says.has('waf');
  const uaHelped =
    ua?.facts !== undefined && !sameAnswer(ua, final) && ua.facts.status !== f.status;
  if (
    !wafWords &&
    !uaHelped &&
    !(cdn && f.challenges.length === 0 && !f.isJson && f.status === 403)
  )
    return [];
  const evidence = [
    `${f.status}${cdn ? ` from ${cdn.name} (${cdn.evidence})` : ''} with no WWW-Authenticate challenge`,
  ];
  if (wafWords) evidence.push(`the body reads like a bot filter: ${f.errorText.slice(0, 80)}`);
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

/** The gateway's "auth" error that really means no such route (API Gateway). */
export const noRoute = defineCheck<RequestEvidence>('no-route', ({ final, probes }) => {
  const f = final.facts;
  if (!f || (f.status !== 403 && f.status !== 404 && f.status !== 401)) return [];
  const amzn = f.headers['x-amzn-errortype'] ?? '';
  const missingToken =
    /MissingAuthenticationToken/i.test(amzn) || /missing authentication token/i.test(f.errorText);
  const anon = probes['without-credential'];
  if (!missingToken) return [];
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
      { status: f.status },
    ),
  ];
});

/** A 404 that means "not for you": identical without the credential, or scope headers present. */
export const notFoundMasked = defineCheck<RequestEvidence>(
  'not-found-masked',
  ({ final, probes, provider, credential }) => {
    const f = final.facts;
    if (f?.status !== 404 || !credential) return [];
    const anon = probes['without-credential'];
    const validate = probes.validate;
    const scopes =
      f.headers['x-accepted-oauth-scopes'] ?? f.headers['x-accepted-github-permissions'];
    const hides =
      provider?.id === 'github' || provider?.id === 'github-app' || provider?.id === 'gitlab';
    const identical = sameAnswer(anon, final);
    if (!identical && !scopes && !hides) return [];
    const evidence = ['404 Not Found'];
    if (identical)
      evidence.push('the very same 404 without any credential: "not found" cannot be trusted');
    if (scopes) evidence.push(`the server accepts these scopes here: ${scopes.slice(0, 80)}`);
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
  },
);

/** 403: the caller is known but not allowed (the catch-all after the specific 403 checks). */
export const forbidden = defineCheck<RequestEvidence>('forbidden', ({ final, credential }) => {
  const f = final.facts;
  if (f?.status !== 403 || !credential) return [];
  if (saysNoCredential(f)) return [];
  return [
    finding(
      'status.forbidden',
      'heuristic',
      `403${f.errorText ? `: ${f.errorText.slice(0, 120)}` : ''}`,
      { status: 403 },
    ),
  ];
});
