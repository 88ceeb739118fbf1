import { keyWrongProvider } from './wrong-provider.js';
import { ALNUM, HEX, checkTable, fill, forProvider, sampleKey } from './test-helpers.js';

const openai = sampleKey('openai');
const anthropic = sampleKey('anthropic');
const github = sampleKey('github');
const githubApp = sampleKey('github-app');
const gitlab = sampleKey('gitlab');
const stripe = sampleKey('stripe');
const groq = sampleKey('groq');
const deepseek = sampleKey('deepseek');
const google = sampleKey('google-gemini');
const atlassian = sampleKey('atlassian');

checkTable(keyWrongProvider, 'key.wrong-provider', {
  finds: [
    {
      name: "a GitHub classic PAT for Cloudflare: it fits Cloudflare's bare 40 characters, but ghp_ names it",
      value: github,
      ctx: forProvider('cloudflare'),
      evidence: ['shape of GitHub', 'Cloudflare'],
    },
    {
      name: 'bu-04: an OpenAI key for Azure OpenAI',
      value: openai,
      ctx: forProvider('azure-openai'),
      evidence: ['shape of OpenAI', 'prefix sk-proj-', 'Azure OpenAI', '--provider says so'],
    },
    {
      name: 'bu-01: a third-party key sent to api.openai.com',
      value: groq,
      ctx: forProvider('openai', 'host'),
      evidence: ['the request goes to its host'],
    },
    {
      name: 'bu-02/bu-05: an OpenAI key for another OpenAI-like host',
      value: openai,
      ctx: forProvider('deepseek', 'host'),
    },
    { name: 'a relay key (sk- + 32 hex) for OpenAI', value: deepseek, ctx: forProvider('openai') },
    { name: 'bu-03: an Anthropic key for OpenAI', value: anthropic, ctx: forProvider('openai') },
    {
      name: 'an Anthropic key: the long prefix is cut in the evidence',
      value: anthropic,
      ctx: forProvider('openai'),
      evidence: ['prefix sk-ant-…'],
    },
    { name: 'a GitHub token for GitLab', value: github, ctx: forProvider('gitlab') },
    { name: 'a GitLab token for GitHub', value: gitlab, ctx: forProvider('github') },
    { name: 'a Stripe key for GitHub', value: stripe, ctx: forProvider('github') },
    { name: 'after a scheme', value: `Bearer ${anthropic}`, ctx: forProvider('openai') },
  ],
  ok: [
    {
      name: "a Google API key sent to Vertex AI: the same vendor's other credential (key.wrong-type)",
      value: google,
      ctx: forProvider('google-oauth-vertex', 'host'),
    },
    { name: 'an OpenAI key for OpenAI', value: openai, ctx: forProvider('openai') },
    { name: 'no expected provider', value: anthropic },
    { name: 'a generic hex key', value: fill(HEX, 32), ctx: forProvider('openai') },
    { name: 'a generic alphanumeric key', value: fill(ALNUM, 40), ctx: forProvider('github') },
    { name: 'a Google key for Firebase (one format)', value: google, ctx: forProvider('firebase') },
    { name: 'a Google key for Gemini', value: google, ctx: forProvider('google-gemini') },
    { name: 'an Atlassian token for Bitbucket', value: atlassian, ctx: forProvider('bitbucket') },
    {
      name: 'a GitHub App token for api.github.com (same API)',
      value: githubApp,
      ctx: forProvider('github', 'host'),
    },
    {
      name: 'a GitHub PAT with --provider github-app',
      value: github,
      ctx: forProvider('github-app'),
    },
    { name: 'an unknown shape', value: 'not a key at all', ctx: forProvider('openai') },
  ],
});
