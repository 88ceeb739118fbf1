/**
 * The failure modes `why401 demo` walks through, in order: each is what an app did against the
 * sandbox, and the cause the engine should name. Keys come from the running sandbox.
 */
import type { RequestInput } from '../engine/build-request.js';
import type { SendAndJudgeOptions } from '../engine/send-and-judge.js';
import type { FindingId } from '../findings/ids.js';
import { Secret } from '../secret/secret.js';
import type { Sandbox } from './sandbox.js';

export interface Scenario {
  readonly title: string;
  /** One line: what the app did. */
  readonly story: string;
  readonly input: RequestInput;
  readonly options: SendAndJudgeOptions;
  /** The finding that should be named as the cause; null when the call should be accepted. */
  readonly expectedCause: FindingId | null;
}

/** Each diagnosis gets this budget: the sandbox answers in milliseconds. */
export const SCENARIO_TIMEOUT_MS = 3000;

const opts = (providerId?: string): SendAndJudgeOptions => ({
  ...(providerId ? { providerId } : {}),
  proxy: null,
  timeoutMs: SCENARIO_TIMEOUT_MS,
});

export function demoScenarios(sandbox: Pick<Sandbox, 'urls' | 'keys' | 'tokens'>): Scenario[] {
  const { urls, keys, tokens } = sandbox;
  const bearer = (key: string): [string, string] => ['Authorization', `Bearer ${key}`];
  return [
    {
      title: 'Trailing newline in the key',
      story:
        'The app reads its OpenAI-style key from a file saved with a final newline and sends it as is.',
      input: {
        url: `${urls.openai}/v1/models`,
        key: new Secret(`${keys.openai}\n`, 'file:./openai.key'),
      },
      options: opts('openai'),
      expectedCause: 'key.newline',
    },
    {
      title: 'Quotes kept in the value',
      story:
        'A compose file lists - OPENAI_API_KEY="sk-…" in list syntax, so the quotes become part of the key.',
      input: {
        url: `${urls.openai}/v1/models`,
        key: new Secret(`"${keys.openai}"`, 'env:OPENAI_API_KEY'),
      },
      options: opts('openai'),
      expectedCause: 'key.quoted',
    },
    {
      title: "'Bearer undefined'",
      story:
        'The code reads process.env.PUBLIC_API_TOKEN, but the .env file only defines VITE_API_TOKEN.',
      input: {
        url: `${urls.openai}/v1/models`,
        headers: [['Authorization', 'Bearer undefined']],
      },
      options: opts('openai'),
      expectedCause: 'key.missing',
    },
    {
      title: 'Anthropic key sent as Authorization: Bearer',
      story:
        'An OpenAI-style client is pointed at the Anthropic-like API and sends its key as Bearer instead of x-api-key.',
      input: {
        url: `${urls.anthropic}/v1/models`,
        headers: [bearer(keys.anthropic), ['anthropic-version', '2023-06-01']],
      },
      options: opts('anthropic'),
      expectedCause: 'header.wrong-name',
    },
    {
      title: 'The gateway wants its own key',
      story:
        "The base URL points at the team's LLM gateway, but the app still sends the provider's own key.",
      input: {
        url: `${urls.gateway}/v1/models`,
        key: new Secret(keys.openai, 'env:OPENAI_API_KEY'),
      },
      options: opts('openai'),
      expectedCause: 'layer.gateway',
    },
    {
      title: 'A reverse proxy strips Authorization',
      story:
        'The app calls the API through an nginx-style reverse proxy configured to clear the Authorization header.',
      input: {
        url: `${urls.proxy}/v1/models`,
        key: new Secret(keys.openai, 'env:OPENAI_API_KEY'),
      },
      options: opts('openai'),
      expectedCause: 'net.proxy-strips-auth',
    },
    {
      title: 'A cross-origin redirect drops the header',
      story:
        'GET /items answers 307 to /items/ on another origin; the client follows it without the credential.',
      input: { url: `${urls.redirect}/items`, headers: [bearer(keys.redirectApi)] },
      options: opts(),
      expectedCause: 'net.redirect-drops-auth',
    },
    {
      title: "A skewed clock: a JWT from the server's future",
      story:
        "The app presents a JWT issued just now; the server's clock is 90 s behind, so it was issued in its future.",
      input: { url: `${urls.clock}/v1/me`, headers: [bearer(keys.jwt)] },
      options: opts(),
      expectedCause: 'key.not-yet-valid',
    },
    {
      title: "A WAF blocks the library's User-Agent",
      story:
        "The app calls with Node fetch's default User-Agent and a valid key; a Cloudflare-like WAF answers 403.",
      input: {
        url: `${urls.waf}/v1/items`,
        headers: [bearer(keys.wafApi), ['User-Agent', 'node']],
      },
      options: opts(),
      expectedCause: 'status.waf-blocked',
    },
    {
      title: 'Quota exhausted: 429',
      story: 'A chat completion with a valid key whose account has no credit left.',
      input: {
        url: `${urls.openai}/v1/chat/completions`,
        method: 'POST',
        body: JSON.stringify({
          model: 'demo-mini',
          messages: [{ role: 'user', content: 'Hello' }],
        }),
        key: new Secret(keys.openaiNoCredit, 'env:OPENAI_API_KEY'),
      },
      options: opts('openai'),
      expectedCause: 'status.quota-exceeded',
    },
    {
      title: 'Slack answers 200 with ok:false',
      story:
        'A bot calls auth.test with a token that was revoked; HTTP says 200, the body says no.',
      input: {
        url: `${urls.slack}/api/auth.test`,
        method: 'POST',
        key: new Secret(keys.slackRevoked, 'env:SLACK_BOT_TOKEN'),
      },
      options: opts('slack'),
      expectedCause: 'status.error-in-body',
    },
    {
      title: 'A GitHub 404 that means a missing scope',
      story:
        'A token with only read:org asks for a private repository; GitHub-style APIs answer 404, not 403.',
      input: {
        url: `${urls.github}/repos/acme/private`,
        key: new Secret(keys.githubReadOrg, 'env:GITHUB_TOKEN'),
      },
      options: opts('github'),
      expectedCause: 'status.not-found-masked',
    },
    {
      title: 'An OAuth token signed with a rotated-away key',
      story:
        'A service caches its access token; the issuer rotated its signing key since, and the API only trusts the keys the issuer publishes now.',
      input: {
        url: `${urls.oauth}/v1/me`,
        key: new Secret(tokens.rotated, 'env:ACCESS_TOKEN'),
      },
      options: { ...opts(), discovery: true },
      expectedCause: 'token.unknown-key',
    },
    {
      title: 'An ID token sent as the access token',
      story:
        'A web app keeps the whole token response and calls its API with id_token (a JWT) instead of access_token.',
      input: {
        url: `${urls.oauth}/v1/me`,
        key: new Secret(tokens.idToken, 'env:ACCESS_TOKEN'),
      },
      options: { ...opts(), discovery: true },
      expectedCause: 'token.id-token',
    },
    {
      title: 'An access token for another API (RFC 9728)',
      story:
        'The client asked the issuer for a token for the billing API and sends it to this one, whose protected resource metadata names another resource.',
      input: {
        url: `${urls.oauth}/v1/me`,
        key: new Secret(tokens.otherApi, 'env:ACCESS_TOKEN'),
      },
      options: { ...opts(), discovery: true },
      expectedCause: 'token.wrong-audience',
    },
    {
      title: 'Healthy control',
      story: 'The right key, sent the right way, to an API with nothing in between.',
      input: {
        url: `${urls.healthy}/v1/items`,
        key: new Secret(keys.healthy, 'env:API_TOKEN'),
      },
      options: opts(),
      expectedCause: null,
    },
  ];
}
