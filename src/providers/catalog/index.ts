import type { Provider } from '../types.js';
import { openai } from './openai.js';
import { azureOpenai } from './azure-openai.js';
import { anthropic } from './anthropic.js';
import { googleGemini } from './google-gemini.js';
import { googleOauthVertex } from './google-oauth-vertex.js';
import { mistral } from './mistral.js';
import { groq } from './groq.js';
import { cohere } from './cohere.js';
import { openrouter } from './openrouter.js';
import { together } from './together.js';
import { fireworks } from './fireworks.js';
import { deepseek } from './deepseek.js';
import { xai } from './xai.js';
import { perplexity } from './perplexity.js';
import { huggingface } from './huggingface.js';
import { replicate } from './replicate.js';
import { pinecone } from './pinecone.js';
import { github } from './github.js';
import { githubApp } from './github-app.js';
import { gitlab } from './gitlab.js';
import { bitbucket } from './bitbucket.js';
import { stripe } from './stripe.js';
import { twilio } from './twilio.js';
import { sendgrid } from './sendgrid.js';
import { mailgun } from './mailgun.js';
import { postmark } from './postmark.js';
import { resend } from './resend.js';
import { slack } from './slack.js';
import { discord } from './discord.js';
import { telegram } from './telegram.js';
import { notion } from './notion.js';
import { airtable } from './airtable.js';
import { linear } from './linear.js';
import { shopify } from './shopify.js';
import { cloudflare } from './cloudflare.js';
import { digitalocean } from './digitalocean.js';
import { vercel } from './vercel.js';
import { netlify } from './netlify.js';
import { heroku } from './heroku.js';
import { datadog } from './datadog.js';
import { newrelic } from './newrelic.js';
import { sentry } from './sentry.js';
import { pagerduty } from './pagerduty.js';
import { supabase } from './supabase.js';
import { firebase } from './firebase.js';
import { aws } from './aws.js';
import { npm } from './npm.js';
import { dockerhub } from './dockerhub.js';
import { atlassian } from './atlassian.js';
import { elevenlabs } from './elevenlabs.js';
import { deepgram } from './deepgram.js';
import { assemblyai } from './assemblyai.js';
import { algolia } from './algolia.js';
import { langsmith } from './langsmith.js';
import { mapbox } from './mapbox.js';

/**
 * Every provider why401 knows, in the order of shared/research/providers.json. Converted once from
 * that file and curated by hand: hosts are concrete (`*` = one or more labels, or part of a label),
 * key patterns are unanchored and carry no \b (detection anchors them), facts the research could
 * not confirm are listed in `unverified` and marked inline.
 */
export const PROVIDERS: readonly Provider[] = [
  openai,
  azureOpenai,
  anthropic,
  googleGemini,
  googleOauthVertex,
  mistral,
  groq,
  cohere,
  openrouter,
  together,
  fireworks,
  deepseek,
  xai,
  perplexity,
  huggingface,
  replicate,
  pinecone,
  github,
  githubApp,
  gitlab,
  bitbucket,
  stripe,
  twilio,
  sendgrid,
  mailgun,
  postmark,
  resend,
  slack,
  discord,
  telegram,
  notion,
  airtable,
  linear,
  shopify,
  cloudflare,
  digitalocean,
  vercel,
  netlify,
  heroku,
  datadog,
  newrelic,
  sentry,
  pagerduty,
  supabase,
  firebase,
  aws,
  npm,
  dockerhub,
  atlassian,
  elevenlabs,
  deepgram,
  assemblyai,
  algolia,
  langsmith,
  mapbox,
];
