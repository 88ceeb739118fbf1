import { describe, expect, it } from 'vitest';
import {
  detectProvider,
  matchKeyShapes,
  providerById,
  providerIds,
  providersForHost,
  publicPrefixOf,
  shapeFamily,
} from './detect.js';
import { PROVIDERS } from './catalog/index.js';
import { matchLengthRange } from '../parse/regex-length.js';

// Fake keys are assembled at run time from a seeded PRNG, so no key-like string sits in this file.
const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

let state = 0x5eed;
function fill(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}

const fake = {
  ghp: () => 'ghp_' + fill(ALNUM, 36),
  ghs: () => 'ghs_' + fill(ALNUM, 36),
  anthropic: () => 'sk-ant-api03-' + fill(ALNUM, 93) + 'AA',
  openaiProject: () => 'sk-proj-' + fill(ALNUM, 20) + 'T3BlbkFJ' + fill(ALNUM, 20),
  deepseek: () => 'sk-' + fill(HEX, 32),
  groq: () => 'gsk_' + fill(ALNUM, 52),
  slackBot: () => 'xoxb-' + fill(DIGITS, 12) + '-' + fill(DIGITS, 12) + '-' + fill(ALNUM, 24),
  awsKeyId: () => 'AKIA' + fill(UPPER32, 16),
  stripeSecretTest: () => 'sk_' + 'test_' + fill(ALNUM, 24),
  stripePublishable: () => 'pk_' + 'live_' + fill(ALNUM, 24),
  newRelicUser: () => 'NRAK-' + fill(UPPER32, 27),
  gitlab: () => 'glpat-' + fill(ALNUM, 20),
  digitalocean: () => 'dop_v1_' + fill(HEX, 64),
  telegram: () => fill(DIGITS, 9) + ':' + fill(ALNUM, 35),
  replicate: () => 'r8_' + fill(ALNUM, 37),
  twilioSid: () => 'AC' + fill(HEX, 32),
  google: () => 'AIza' + fill(ALNUM, 35),
  atlassian: () => 'ATATT' + fill(ALNUM, 60) + '=' + fill(ALNUM, 8),
  hex32: () => fill(HEX, 32),
  uuid: () => [fill(HEX, 8), fill(HEX, 4), fill(HEX, 4), fill(HEX, 4), fill(HEX, 12)].join('-'),
};

describe('providerById / providerIds', () => {
  it('lists every id once and finds each by id', () => {
    const ids = providerIds();
    expect(ids).toHaveLength(55);
    expect(ids[0]).toBe('openai');
    for (const id of ids) expect(providerById(id)?.id).toBe(id);
    expect(providerById(' Stripe ')?.id).toBe('stripe');
    expect(providerById('nope')).toBeUndefined();
  });
});

describe('providersForHost', () => {
  it.each([
    ['api.openai.com', ['openai']],
    ['API.OpenAI.com', ['openai']],
    ['api.openai.com:443', ['openai']],
    ['api.anthropic.com.', ['anthropic']],
    ['my-resource.openai.azure.com', ['azure-openai']],
    ['a.b.openai.azure.com', ['azure-openai']],
    ['openai.azure.com', []],
    ['us-central1-aiplatform.googleapis.com', ['google-oauth-vertex']],
    ['generativelanguage.googleapis.com', ['google-gemini']],
    ['acme.myshopify.com', ['shopify']],
    ['acme.atlassian.net', ['atlassian']],
    ['XYZ123-dsn.algolia.net', ['algolia']],
    ['api.github.com', ['github', 'github-app']],
    ['bedrock-runtime.us-east-1.amazonaws.com', ['aws']],
    ['example.com', []],
    ['[::1]:8080', []],
    ['', []],
  ] as const)('%s → %j', (host, ids) => {
    expect(providersForHost(host).map((p) => p.id)).toEqual(ids);
  });

  it.each([
    ['api.datadoghq.com', 'datadog'],
    ['api.us3.datadoghq.com', 'datadog'],
    ['api.us5.datadoghq.com:443', 'datadog'],
    ['API.DATADOGHQ.EU', 'datadog'],
    ['api.ap1.datadoghq.com', 'datadog'],
    ['api.ddog-gov.com', 'datadog'],
    ['api.eu.newrelic.com', 'newrelic'],
    ['api.newrelic.com', 'newrelic'],
    ['api.eu.mailgun.net', 'mailgun'],
    ['de.sentry.io', 'sentry'],
  ])('regional host %s → %s', (host, id) => {
    expect(providersForHost(host).map((p) => p.id)).toEqual([id]);
  });

  it('finds every region host of every provider', () => {
    for (const id of providerIds()) {
      for (const { host } of providerById(id)?.regions ?? []) {
        expect(providersForHost(host).map((p) => p.id)).toContain(id);
      }
    }
  });
});

describe('matchKeyShapes', () => {
  it.each([
    ['ghp', fake.ghp(), 'github', ['secret']],
    ['ghs', fake.ghs(), 'github-app', ['session']],
    ['anthropic', fake.anthropic(), 'anthropic', ['secret']],
    ['openai project', fake.openaiProject(), 'openai', ['secret', 'project']],
    ['deepseek', fake.deepseek(), 'deepseek', ['secret']],
    ['groq', fake.groq(), 'groq', ['secret']],
    ['slack bot', fake.slackBot(), 'slack', ['oauth']],
    ['aws key id', fake.awsKeyId(), 'aws', ['identifier']],
    ['stripe test secret', fake.stripeSecretTest(), 'stripe', ['secret', 'test']],
    ['stripe publishable', fake.stripePublishable(), 'stripe', ['publishable', 'live']],
    ['new relic user', fake.newRelicUser(), 'newrelic', ['secret']],
    ['gitlab', fake.gitlab(), 'gitlab', ['secret']],
    ['digitalocean', fake.digitalocean(), 'digitalocean', ['secret']],
    ['telegram', fake.telegram(), 'telegram', ['secret']],
    ['twilio sid', fake.twilioSid(), 'twilio', ['identifier']],
  ])('%s key → %s first', (_label, key, id, kinds) => {
    const [first] = matchKeyShapes(key);
    expect(first?.provider.id).toBe(id);
    expect(first?.shape.kinds).toEqual(kinds);
  });

  it('puts non-generic matches before generic ones', () => {
    // r8_ + 37 chars is also 40 chars of [A-Za-z0-9_-], a generic legacy Cloudflare token.
    const matches = matchKeyShapes(fake.replicate());
    expect(matches.map((m) => m.provider.id)).toEqual(['replicate', 'cloudflare']);
    expect(matches.map((m) => m.shape.generic === true)).toEqual([false, true]);
  });

  it('matches whole keys only', () => {
    const key = fake.ghp();
    expect(matchKeyShapes(`${key} `)).toEqual([]);
    expect(matchKeyShapes(`x${key}`).some((m) => m.provider.id === 'github')).toBe(false);
    expect(matchKeyShapes('')).toEqual([]);
  });

  it('keeps the ambiguity of a bare 32-hex key', () => {
    const matches = matchKeyShapes(fake.hex32());
    expect(matches.length).toBeGreaterThan(1);
    expect(matches.every((m) => m.shape.generic === true)).toBe(true);
    const ids = new Set(matches.map((m) => m.provider.id));
    for (const id of ['azure-openai', 'twilio', 'datadog', 'elevenlabs', 'algolia', 'mistral']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

describe('detectProvider', () => {
  it.each([
    ['https://api.anthropic.com/v1/messages', 'anthropic'],
    ['api.groq.com/openai/v1/models', 'groq'],
    ['https://acme.openai.azure.com/openai/deployments?api-version=2024-02-01', 'azure-openai'],
    ['https://api.eu.mailgun.net/v3/domains', 'mailgun'],
    ['https://api.datadoghq.eu/api/v1/validate', 'datadog'],
  ])('by host: %s → %s', (url, id) => {
    const d = detectProvider({ url });
    expect(d.provider?.id).toBe(id);
    expect(d.by).toBe('host');
  });

  it.each([
    ['ghp', fake.ghp(), 'github'],
    ['anthropic', fake.anthropic(), 'anthropic'],
    ['groq', fake.groq(), 'groq'],
    ['stripe', fake.stripeSecretTest(), 'stripe'],
    ['aws', fake.awsKeyId(), 'aws'],
    ['telegram', fake.telegram(), 'telegram'],
    ['replicate (beats a generic shape)', fake.replicate(), 'replicate'],
  ])('by key: %s', (_label, key, id) => {
    const d = detectProvider({ key });
    expect(d).toMatchObject({ by: 'key', candidates: [id] });
    expect(d.provider?.id).toBe(id);
  });

  it('trims the key before matching', () => {
    expect(detectProvider({ key: ` ${fake.groq()}\n` }).provider?.id).toBe('groq');
  });

  it('only offers candidates for a bare 32-hex key', () => {
    const d = detectProvider({ key: fake.hex32() });
    expect(d.provider).toBeNull();
    expect(d.by).toBe('none');
    expect(d.candidates).toEqual(expect.arrayContaining(['azure-openai', 'twilio', 'datadog']));
  });

  it('only offers candidates for a UUID', () => {
    const d = detectProvider({ key: fake.uuid() });
    expect(d.provider).toBeNull();
    expect(d.candidates).toEqual(['pinecone', 'postmark', 'heroku', 'npm']);
  });

  it('lets the host settle a 32-hex key', () => {
    const d = detectProvider({
      url: 'https://api.us5.datadoghq.com/api/v1/validate',
      key: fake.hex32(),
    });
    expect(d).toMatchObject({ by: 'host', candidates: ['datadog'] });
  });

  it('keeps a key shared by two providers ambiguous until the host decides', () => {
    expect(detectProvider({ key: fake.google() })).toMatchObject({
      provider: null,
      by: 'none',
      candidates: ['google-gemini', 'firebase'],
    });
    expect(detectProvider({ key: fake.atlassian() }).candidates).toEqual([
      'bitbucket',
      'atlassian',
    ]);
    const d = detectProvider({
      url: 'https://identitytoolkit.googleapis.com/v1/accounts:lookup',
      key: fake.google(),
    });
    expect(d.provider?.id).toBe('firebase');
    expect(d.by).toBe('host');
  });

  it('uses the key to choose between providers sharing a host', () => {
    const url = 'https://api.github.com/user';
    expect(detectProvider({ url, key: fake.ghs() })).toMatchObject({
      by: 'host',
      candidates: ['github-app', 'github'],
    });
    expect(detectProvider({ url, key: fake.ghs() }).provider?.id).toBe('github-app');
    const plain = detectProvider({ url });
    expect(plain.provider?.id).toBe('github');
    expect(plain.candidates).toEqual(['github', 'github-app']);
  });

  it('lets --provider win over host and key', () => {
    const d = detectProvider({
      providerId: 'stripe',
      url: 'https://api.openai.com/v1/models',
      key: fake.openaiProject(),
    });
    expect(d).toMatchObject({ by: 'flag', candidates: ['stripe'] });
    expect(d.provider?.id).toBe('stripe');
  });

  it('reports an unknown --provider as no provider', () => {
    expect(detectProvider({ providerId: 'nope', key: fake.ghp() })).toEqual({
      provider: null,
      candidates: [],
      by: 'none',
    });
  });

  it('falls back to the key when the host is unknown', () => {
    const d = detectProvider({ url: 'https://llm-gateway.example.com/v1', key: fake.anthropic() });
    expect(d.provider?.id).toBe('anthropic');
    expect(d.by).toBe('key');
  });

  it('returns nothing for nothing', () => {
    expect(detectProvider({})).toEqual({ provider: null, candidates: [], by: 'none' });
    expect(detectProvider({ url: '::not a url::' })).toEqual({
      provider: null,
      candidates: [],
      by: 'none',
    });
  });
});

describe('publicPrefixOf', () => {
  it.each([
    ['openai project', fake.openaiProject(), 'sk-proj-'],
    ['ghp', fake.ghp(), 'ghp_'],
    ['anthropic (cut at a separator within 8)', fake.anthropic(), 'sk-ant-'],
    ['deepseek', fake.deepseek(), 'sk-'],
    ['stripe', fake.stripeSecretTest(), 'sk_test_'],
    ['aws', fake.awsKeyId(), 'AKIA'],
    ['truncated github token', 'ghp_' + fill(ALNUM, 5), 'ghp_'],
    ['truncated openai key', 'sk-proj-' + fill(ALNUM, 5), 'sk-proj-'],
  ])('%s', (_label, key, prefix) => {
    expect(publicPrefixOf(key)).toBe(prefix);
  });

  it('has none for prefix-less keys', () => {
    expect(publicPrefixOf(fake.hex32())).toBeUndefined();
    expect(publicPrefixOf(fake.telegram())).toBeUndefined();
    expect(publicPrefixOf('')).toBeUndefined();
  });
});

describe('shapeFamily: real lengths, honest where unknown', () => {
  it('every shape with a prefix is bounded by real lengths, or marked lengthUnverified', () => {
    const open = PROVIDERS.flatMap((p) =>
      p.keyShapes
        .filter((s) => s.prefix !== undefined && !s.generic && !s.lengthUnverified)
        .filter((s) => !Number.isFinite(matchLengthRange(s.pattern.source)?.max ?? Infinity))
        .map((s) => `${p.id} ${s.prefix ?? ''}`),
    );
    // open-ended by nature: a PEM block is as long as its key size makes it
    expect(open).toEqual(['github-app -----BEGIN RSA PRIVATE KEY-----']);
  });

  it('sk-ant- names Anthropic even for a version no shape has', () => {
    const family = shapeFamily(`sk-ant-api09-${'a'.repeat(95)}`);
    expect(family?.providerIds).toEqual(['anthropic']);
    expect(family?.fits).toBe(false);
  });

  it('a short prefix (sk-, sk_) names no family', () => {
    expect(shapeFamily(`sk-${'a'.repeat(48)}`)).toBeUndefined();
    expect(shapeFamily(`sk_${'a'.repeat(48)}`)).toBeUndefined();
  });
});
