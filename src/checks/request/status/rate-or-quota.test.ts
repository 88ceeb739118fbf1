import { rateOrQuota } from './rate-or-quota.js';
import { checkTable } from '../test-helpers.js';

checkTable(rateOrQuota, 'status.rate-limited', {
  finds: [
    {
      name: '429 with Retry-After',
      reply: { status: 429, headers: { 'retry-after': '20' }, body: { error: 'slow down' } },
      confidence: 'definitive',
      evidence: ['Retry-After 20 s'],
    },
    {
      name: 'Groq-style 429: rate limit words, a link to the billing page',
      reply: {
        status: 429,
        headers: { 'retry-after': '2', 'x-ratelimit-remaining-requests': '0' },
        body: {
          error: {
            code: 'rate_limit_exceeded',
            message:
              'Rate limit reached for model. Please try again in 2s. Upgrade at https://console.groq.com/settings/billing',
          },
        },
      },
    },
    {
      name: 'Hugging Face-style 429: "hourly quotas", Retry-After',
      reply: {
        status: 429,
        headers: { 'retry-after': '132' },
        body: { error: 'You have exceeded our hourly quotas for action: request. Retry later.' },
      },
    },
    {
      name: 'Google-style 429 RESOURCE_EXHAUSTED "check quota"',
      reply: {
        status: 429,
        body: {
          error: {
            code: 429,
            message: 'Resource has been exhausted (e.g. check quota).',
            status: 'RESOURCE_EXHAUSTED',
          },
        },
      },
    },
    {
      name: 'GitHub-style 403: X-RateLimit-Remaining 0, "API rate limit exceeded", a limit of 60',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
        body: { message: 'API rate limit exceeded for 203.0.113.9.' },
      },
      evidence: ['X-RateLimit-Remaining: 0 of 60', /looks like an anonymous allowance/],
      data: { status: 403, anonymousLimit: 'low' },
    },
    {
      name: '403, remaining 0, and without the credential the same limit: counted as anonymous',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      probes: {
        'without-credential': {
          status: 403,
          headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' },
          body: { message: 'You have exceeded a secondary rate limit.' },
        },
      },
      evidence: [/without the credential the limit is the same \(60\)/],
      data: { anonymousLimit: 'compared' },
    },
    {
      name: 'a 403 with only the header: X-RateLimit-Remaining 0 (IETF RateLimit field)',
      reply: { status: 403, headers: { ratelimit: 'limit=5000, remaining=0, reset=30' }, body: '' },
      data: { anonymousLimit: null },
    },
  ],
  ok: [
    {
      name: 'a 403 that names a permission',
      reply: { status: 403, body: { message: 'Must have admin rights' } },
    },
    {
      name: 'a 403 with remaining 0 whose body blames the key',
      reply: {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0' },
        body: { errors: ['Invalid API key'] },
      },
    },
    {
      name: '429 insufficient_quota is quota',
      reply: { status: 429, body: { error: { code: 'insufficient_quota' } } },
    },
    { name: 'a 401', reply: { status: 401, body: { message: 'rate limit info: 100 left' } } },
  ],
});

checkTable(rateOrQuota, 'status.quota-exceeded', {
  finds: [
    {
      name: 'qb-01: 429 insufficient_quota',
      reply: {
        status: 429,
        body: { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } },
      },
      data: { bodyCode: 'insufficient_quota' },
    },
    { name: '402 Payment Required', reply: { status: 402, body: '' } },
    {
      name: 'SendGrid-style 401: maximum credits exceeded',
      reply: { status: 401, body: { errors: [{ message: 'Maximum credits exceeded' }] } },
    },
    {
      name: 'ElevenLabs-style 401: quota_exceeded',
      reply: {
        status: 401,
        body: { detail: { status: 'quota_exceeded', message: 'This request exceeds your quota.' } },
      },
    },
    {
      name: 'Anthropic-style 400: the credit balance is too low',
      reply: {
        status: 400,
        body: {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message:
              'Your credit balance is too low to access the API. Please go to Plans & Billing to upgrade or purchase credits.',
          },
        },
      },
      evidence: [/credit balance is too low/],
    },
    {
      name: 'Google-style 403 PERMISSION_DENIED with reason BILLING_DISABLED',
      reply: {
        status: 403,
        body: {
          error: {
            code: 403,
            message:
              'This API method requires billing to be enabled. Please enable billing on project #123.',
            status: 'PERMISSION_DENIED',
            details: [
              { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'BILLING_DISABLED' },
            ],
          },
        },
      },
      data: { bodyCode: 'BILLING_DISABLED' },
    },
  ],
  ok: [
    {
      name: 'a 400 about a parameter',
      reply: { status: 400, body: { error: 'max_tokens must be positive' } },
    },
    {
      name: 'a 400 that blames the key',
      reply: {
        status: 400,
        body: { error: { message: 'API key not valid. Check your balance page.' } },
      },
    },
    { name: 'a 429 rate limit', reply: { status: 429, body: { error: 'Rate limit reached' } } },
  ],
});
