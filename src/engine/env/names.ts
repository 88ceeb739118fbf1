import { PUBLIC_PREFIXES } from '../../evidence/framework.js';
import { PROVIDERS } from '../../providers/catalog/index.js';
import type { Provider } from '../../providers/types.js';

/** `*_KEY`, `*_TOKEN`, `*_SECRET`, `*_PASSWORD`, `*_API_KEY`, `*_PAT`, and a few known names. */
const CREDENTIAL = /(^|_)(KEY|APIKEY|TOKEN|SECRET|PASSWORD|PASSWD|PAT)$/i;
const KNOWN = new Set(['GITHUB_PAT', 'GH_PAT', 'SLACK_WEBHOOK_URL', 'DISCORD_WEBHOOK_URL']);

export function looksLikeCredentialName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,100}$/.test(name) && (CREDENTIAL.test(name) || KNOWN.has(name));
}

/** Looser: a name that may hold a credential (key.* checks run on its values). */
export function mayHoldCredential(name: string): boolean {
  return (
    looksLikeCredentialName(name) ||
    /(^|_)(KEY|APIKEY|TOKEN|SECRET|PASSWORD|PASSWD|PAT|AUTH|AUTHORIZATION|CREDENTIALS?|BEARER|JWT)(_|$)/i.test(
      name,
    ) ||
    providerForName(name) !== null
  );
}

/** Names that mean the same credential to different tools or tutorials (en-05). */
const ALIASES: readonly (readonly string[])[] = [
  ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_KEY', 'OPENAI_KEY', 'OPENAI_SECRET_KEY'],
  ['OPENAI_API_BASE', 'OPENAI_BASE_URL', 'AZURE_OPENAI_ENDPOINT'],
  ['ANTHROPIC_API_KEY', 'CLAUDE_API_KEY', 'ANTHROPIC_KEY', 'ANTHROPIC_AUTH_TOKEN'],
  ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_PAT', 'GH_PAT', 'GITHUB_API_TOKEN', 'GITHUB_ACCESS_TOKEN'],
  ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'GOOGLE_AI_API_KEY'],
  [
    'HF_TOKEN',
    'HUGGINGFACE_TOKEN',
    'HUGGING_FACE_HUB_TOKEN',
    'HUGGINGFACEHUB_API_TOKEN',
    'HF_API_TOKEN',
  ],
  ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY', 'STRIPE_KEY', 'STRIPE_SK'],
  ['BEARER_TOKEN', 'TWITTER_BEARER_TOKEN', 'X_BEARER_TOKEN'],
  ['SLACK_BOT_TOKEN', 'SLACK_TOKEN', 'SLACK_API_TOKEN'],
  ['COHERE_API_KEY', 'CO_API_KEY'],
  ['XAI_API_KEY', 'GROK_API_KEY'],
  ['CLOUDFLARE_API_TOKEN', 'CF_API_TOKEN'],
  ['DATADOG_API_KEY', 'DD_API_KEY'],
  ['DIGITALOCEAN_TOKEN', 'DIGITALOCEAN_ACCESS_TOKEN', 'DO_TOKEN'],
];

export function stripPrefix(name: string): string {
  const p = PUBLIC_PREFIXES.find((x) => name.startsWith(x));
  return p ? name.slice(p.length) : name;
}

/** The words of a name, `API` dropped and KEY/TOKEN/SECRET taken as one: OPENAI_KEY ~ OPENAI_API_KEY. */
export function words(name: string): string {
  return name
    .toUpperCase()
    .split('_')
    .filter((w) => w !== '' && w !== 'API')
    .map((w) => (w === 'TOKEN' || w === 'SECRET' || w === 'APIKEY' ? 'KEY' : w))
    .join('_');
}

/** The alias groups a name is in (ALIASES). */
export function aliasGroupsOf(name: string): readonly (readonly string[])[] {
  return ALIASES.filter((g) => g.includes(name));
}

/**
 * At most two edits (insertions, deletions, substitutions) apart: Levenshtein's table, only the
 * diagonal band of width 5 that can stay within 2, stopping as soon as a row exceeds it.
 */
export function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const K = 2;
  const W = 2 * K + 1;
  const BIG = K + 1;
  // band[d]: the distance of a[0..i) and b[0..i+d-K), for d in 0..W-1
  let prev = new Array<number>(W).fill(BIG);
  let row = new Array<number>(W).fill(BIG);
  for (let d = K; d < W; d++) prev[d] = d - K;
  for (let i = 1; i <= a.length; i++) {
    let best = BIG;
    for (let d = 0; d < W; d++) {
      const j = i + d - K;
      if (j < 0 || j > b.length) {
        row[d] = BIG;
        continue;
      }
      let v = BIG;
      if (j === 0) v = i;
      else {
        const sub = (prev[d] ?? BIG) + (a[i - 1] === b[j - 1] ? 0 : 1);
        const del = d + 1 < W ? (prev[d + 1] ?? BIG) + 1 : BIG; // a[i-1] dropped
        const ins = d > 0 ? (row[d - 1] ?? BIG) + 1 : BIG; // b[j-1] added
        v = Math.min(sub, del, ins);
      }
      row[d] = Math.min(v, BIG);
      best = Math.min(best, row[d] ?? BIG);
    }
    if (best > K) return false;
    [prev, row] = [row, prev];
  }
  const d = b.length - a.length + K;
  return (prev[d] ?? BIG) <= K;
}

/** Why `other` may be the variable meant by `wanted`, or null. */
export function similarity(wanted: string, other: string): string | null {
  if (wanted === other) return null;
  if (wanted.toUpperCase() === other.toUpperCase()) return 'the same name in another case';
  if (ALIASES.some((g) => g.includes(wanted) && g.includes(other))) return 'a known alias';
  if (stripPrefix(wanted) === stripPrefix(other))
    return 'the same name with another framework prefix';
  const [a, b] = [stripPrefix(wanted), stripPrefix(other)];
  if (words(a) === words(b)) return 'the same words';
  if (a.length >= 6 && b.length >= 6 && withinTwoEdits(a.toUpperCase(), b.toUpperCase()))
    return 'a close spelling';
  return null;
}

/** Name prefixes that are not a provider id. */
const PREFIX_ALIASES: Readonly<Record<string, string>> = {
  CLAUDE: 'anthropic',
  GEMINI: 'google-gemini',
  GOOGLE_GENERATIVE_AI: 'google-gemini',
  HF: 'huggingface',
  HUGGING_FACE: 'huggingface',
  HUGGINGFACEHUB: 'huggingface',
  GH: 'github',
  CO: 'cohere',
  GROK: 'xai',
  PPLX: 'perplexity',
  CF: 'cloudflare',
  DD: 'datadog',
  NEW_RELIC: 'newrelic',
  ELEVEN: 'elevenlabs',
  LANGCHAIN: 'langsmith',
};

export interface NameProvider {
  readonly provider: Provider;
  /** The name's provider part: `OPENAI` in `OPENAI_API_KEY`. */
  readonly prefix: string;
}

/** The provider a variable name belongs to, by its leading words (framework prefix ignored). */
export function providerForName(name: string): NameProvider | null {
  const base = stripPrefix(name).toUpperCase();
  const candidates: { prefix: string; id: string }[] = [
    ...PROVIDERS.map((p) => ({ prefix: p.id.toUpperCase().replace(/-/g, '_'), id: p.id })),
    ...Object.entries(PREFIX_ALIASES).map(([prefix, id]) => ({ prefix, id })),
  ];
  const best = candidates
    .filter((c) => base.startsWith(`${c.prefix}_`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  const provider = best ? PROVIDERS.find((p) => p.id === best.id) : undefined;
  return best && provider ? { provider, prefix: best.prefix } : null;
}

/** The provider's main concrete host, for netrc look-ups and messages. */
export function mainHost(provider: Provider): string | null {
  return provider.hosts.find((h) => !h.includes('*')) ?? null;
}

const READERS: Readonly<Record<string, string>> = {
  OPENAI_BASE_URL: 'the OpenAI SDKs (Python 1.x, Node 4+) and most OpenAI-compatible tools',
  OPENAI_API_BASE: 'openai-python before 1.0 and LangChain; current OpenAI SDKs ignore it',
  ANTHROPIC_BASE_URL: 'the Anthropic SDKs and Claude Code',
};

/** The base-URL variables an SDK of this provider may read. */
export function baseUrlNames(np: NameProvider): { name: string; readers: string }[] {
  return ['BASE_URL', 'API_BASE', 'API_BASE_URL', 'API_URL', 'API_HOST'].map((suffix) => {
    const name = `${np.prefix}_${suffix}`;
    return { name, readers: READERS[name] ?? 'tools that honour it' };
  });
}
