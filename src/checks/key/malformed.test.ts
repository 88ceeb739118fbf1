import { describe, expect, it } from 'vitest';
import { matchLengthRange } from '../../parse/regex-length.js';
import { PROVIDERS } from '../../providers/catalog/index.js';
import { shapeFamily } from '../../providers/detect.js';
import type { KeyShape } from '../../providers/types.js';
import { samplesOf } from '../../../test/support/key-samples.js';
import { keyMalformed } from './malformed.js';
import { keyTruncated } from './truncated.js';
import { ALNUM, checkTable, evidence, fill, forProvider, ids, type Case } from './test-helpers.js';

/** The catalog shape with this prefix (the first one when several share it). */
function shapeWith(prefix: string): { providerId: string; shape: KeyShape } {
  for (const p of PROVIDERS)
    for (const shape of p.keyShapes)
      if (shape.prefix === prefix && !shape.generic) return { providerId: p.id, shape };
  throw new Error(`no shape with prefix ${prefix}`);
}

/** A fake key of real length, from the catalog's own pattern (seeded generator, never a real key). */
const real = (prefix: string, n = 0): string => {
  const { providerId, shape } = shapeWith(prefix);
  return samplesOf(shape, `malformed/${providerId}/${prefix}`, n + 1)[n] as string;
};

/** The brief's distinctive prefixes (issue 14 item 4), and more from the catalog. */
const PREFIXES = [
  'sk-proj-',
  'sk-svcacct-',
  'sk-ant-api03-',
  'sk-ant-admin01-',
  'sk_live_',
  'sk_test_',
  'rk_live_',
  'pk_live_',
  'ghp_',
  'gho_',
  'ghs_',
  'github_pat_',
  'xoxb-',
  'glpat-',
  'AKIA',
  'ASIA',
  'AIza',
  'SG.',
  'hf_',
  'gsk_',
  'sk-or-v1-',
  'xai-',
  'pplx-',
  'r8_',
  'npm_',
  'dop_v1_',
  'lin_api_',
  'ntn_',
  'shpat_',
  'NRAK-',
  'dckr_pat_',
  'HRKU-AA',
  'lsv2_pt_',
  'sntryu_',
  'sbp_',
  'cfut_',
];

/** Longer than any real key with the prefix: the key with text stuck to it, past the longest. */
function tooLong(prefix: string): string {
  const key = real(prefix);
  const max = shapeFamily(key)?.max ?? Infinity;
  // glpat-'s routable tokens have no known longest length: 30 more characters without their dot
  const extra = Number.isFinite(max) ? Math.max(1, max - key.length + 1) : 30;
  const body = key.slice(prefix.length); // characters of the key's own alphabet
  return key + body.repeat(Math.ceil(extra / body.length)).slice(0, extra);
}

/** What the evidence says of a too-long key: longer than any, or no known shape when unbounded. */
const longSaid = (prefix: string): string =>
  Number.isFinite(shapeFamily(real(prefix))?.max ?? Infinity)
    ? 'longer than any'
    : 'fits none of their shapes';

/** The key with one character, past the prefix, replaced by one no such key has. */
function wrongChar(prefix: string, ch = '!'): string {
  const key = real(prefix);
  const at = prefix.length + 2;
  return key.slice(0, at) + ch + key.slice(at + 1);
}

const finds: Case[] = [
  ...PREFIXES.flatMap((prefix): Case[] => [
    { name: `${prefix}: too long`, value: tooLong(prefix), evidence: [longSaid(prefix)] },
    {
      name: `${prefix}: a character those keys never have`,
      value: wrongChar(prefix),
      evidence: [`has "!" at ${prefix.length + 2}`],
    },
  ]),
  {
    name: 'two Stripe keys pasted together',
    value: `${real('sk_live_')}${real('sk_live_', 1)}`,
    evidence: [/prefix "sk_live_" but/],
  },
  {
    name: 'a GitHub token with a dash (a retyped underscore)',
    value: wrongChar('ghp_', '-'),
    evidence: ['has "-" at 6'],
  },
  {
    name: 'an AWS key id with a lower-case letter',
    value: wrongChar('AKIA', 'a'),
    evidence: ['has a letter at 6'],
  },
  {
    name: 'an OpenAI project key without its T3BlbkFJ marker, at a real length',
    value: `sk-proj-${fill(ALNUM, 156, 'nomarker')}`,
    evidence: ['fits none of their shapes (164 chars; real keys are 56 to 164'],
  },
  {
    name: 'an Anthropic key of an unknown version (sk-ant- names Anthropic)',
    value: `sk-ant-api04-${fill(ALNUM, 93, 'api04')}AA`,
    evidence: [/Anthropic.*'s prefix "sk-ant-" but fits none/],
  },
  {
    name: 'a SendGrid key without its middle dot',
    value: `SG.${fill(ALNUM, 66, 'sg')}`,
    evidence: ['fits none of their shapes'],
  },
  {
    name: 'a malformed key behind a scheme',
    value: `Bearer ${tooLong('ghp_')}`,
    secret: tooLong('ghp_'),
  },
];

const ok: Case[] = [
  ...PREFIXES.flatMap((prefix): Case[] => [
    { name: `${prefix}: a real-length key`, value: real(prefix) },
    { name: `${prefix}: another real-length key`, value: real(prefix, 3) },
    {
      name: `${prefix}: too short is key.truncated`,
      value: real(prefix).slice(0, prefix.length + 3),
    },
  ]),
  { name: 'a current Stripe key (sk_live_ + 99)', value: `sk_live_${fill(ALNUM, 99, 'stripe99')}` },
  { name: 'a legacy Stripe key (sk_live_ + 24)', value: `sk_live_${fill(ALNUM, 24, 'stripe24')}` },
  {
    name: 'an OpenAI project key of 164 chars',
    value: `sk-proj-${fill(ALNUM, 74, 'a')}T3BlbkFJ${fill(ALNUM, 74, 'b')}`,
  },
  {
    name: 'an early OpenAI project key of 56 chars',
    value: `sk-proj-${fill(ALNUM, 20, 'a')}T3BlbkFJ${fill(ALNUM, 20, 'b')}`,
  },
  { name: 'a short prefix is no distinctive one (sk-)', value: `sk-${fill(ALNUM, 300)}` },
  { name: 'a word prefix is no distinctive one (key-)', value: `key-${fill(ALNUM, 300)}` },
  { name: 'no prefix', value: fill(ALNUM, 40) },
  { name: 'empty', value: '' },
  { name: 'a masked dashboard copy is key.masked', value: `sk-proj-\u2026${fill(ALNUM, 4)}` },
  { name: 'asterisks', value: `ghp_${'*'.repeat(16)}${fill(ALNUM, 4)}` },
  { name: 'a placeholder is key.placeholder', value: `sk-proj-${'X'.repeat(150)}` },
  { name: 'an unexpanded reference', value: 'AKIA${AWS_ACCESS_KEY_ID}' },
  {
    name: 'a length that cannot be bounded (an Anthropic OAuth token, unverified length)',
    value: `sk-ant-oat01-${fill(ALNUM, 400, 'oat')}`,
  },
];

checkTable(keyMalformed, 'key.malformed', { finds, ok });

describe('key.truncated and key.malformed split at the shortest real key', () => {
  it.each(PREFIXES)(
    '%s: one character short of the shortest real key is key.truncated',
    (prefix) => {
      const key = real(prefix);
      const min = shapeFamily(key)?.min ?? 0;
      const short = key.slice(0, min - 1);
      const found = ids([
        ...keyTruncated.run(evidence(short)),
        ...keyMalformed.run(evidence(short)),
      ]);
      expect(found).toEqual(['key.truncated']);
    },
  );

  it.each(PREFIXES)('%s: a real-length key is neither', (prefix) => {
    const key = real(prefix, 5);
    expect(shapeFamily(key)?.fits).toBe(true);
    expect(ids([...keyTruncated.run(evidence(key)), ...keyMalformed.run(evidence(key))])).toEqual(
      [],
    );
  });

  it('issue 14: sk-proj- + 30 chars is key.truncated, definitive, not an unknown shape', () => {
    const [f] = keyTruncated.run(evidence(`sk-proj-${fill(ALNUM, 30)}`));
    expect(f?.confidence).toBe('definitive');
  });

  it('the lengths of a shape are its real ones, not a scanner minimum (sk_live_: 32 and up)', () => {
    const { shape } = shapeWith('sk_live_');
    expect(matchLengthRange(shape.pattern.source)?.min).toBe(32);
  });

  it('a malformed key of another provider than the expected one is still malformed', () => {
    expect(ids(keyMalformed.run(evidence(tooLong('ghp_'), forProvider('stripe'))))).toEqual([
      'key.malformed',
    ]);
  });
});

describe('no real-shape key of any provider is called damaged', () => {
  // a JWT shape's samples are random text, not JSON: key.truncated's JWT rule is tested apart
  const shapes = PROVIDERS.flatMap((p) =>
    p.keyShapes.map((shape, i) => ({ id: `${p.id}/${i}`, shape })),
  ).filter(({ shape }) => shape.prefix !== 'eyJ');
  it.each(shapes)('$id', ({ id, shape }) => {
    for (const key of samplesOf(shape, `sweep/${id}`, 8)) {
      const found = ids([...keyTruncated.run(evidence(key)), ...keyMalformed.run(evidence(key))]);
      expect(found, `${id}: a sample of ${key.length} chars`).toEqual([]);
    }
  });
});
