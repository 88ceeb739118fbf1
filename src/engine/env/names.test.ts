import { describe, expect, it } from 'vitest';
import { looksLikeCredentialName, providerForName, similarity, withinTwoEdits } from './names.js';

describe('similarity', () => {
  it.each([
    ['OPENAI_API_KEY', 'OPENAI_KEY', 'a known alias'],
    ['OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY', 'a known alias'],
    ['API_TOKEN', 'VITE_API_TOKEN', 'the same name with another framework prefix'],
    ['PUBLIC_API_TOKEN', 'VITE_API_TOKEN', 'the same name with another framework prefix'],
    ['MISTRAL_API_KEY', 'MISTRAL_KEY', 'the same words'],
    ['DEEPGRAM_API_KEY', 'DEEPGRAM_API_KYE', 'a close spelling'],
    ['OPENAI_API_KEY', 'openai_api_key', 'the same name in another case'],
  ])('%s ~ %s', (a, b, reason) => {
    expect(similarity(a, b)).toBe(reason);
  });

  it.each([
    ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY'],
    ['OPENAI_API_KEY', 'OPENAI_API_KEY'],
    ['PATH', 'PWD'],
    ['API_KEY', 'GITHUB_TOKEN'],
  ])('%s is not %s', (a, b) => {
    expect(similarity(a, b)).toBeNull();
  });
});

describe('providerForName', () => {
  it.each([
    ['OPENAI_API_KEY', 'openai', 'OPENAI'],
    ['AZURE_OPENAI_API_KEY', 'azure-openai', 'AZURE_OPENAI'],
    ['VITE_OPENAI_API_KEY', 'openai', 'OPENAI'],
    ['GH_TOKEN', 'github', 'GH'],
    ['HF_TOKEN', 'huggingface', 'HF'],
  ])('%s → %s', (name, id, prefix) => {
    const found = providerForName(name);
    expect(found?.provider.id).toBe(id);
    expect(found?.prefix).toBe(prefix);
  });

  it('knows no provider for an app name', () => {
    expect(providerForName('MYAPP_TOKEN')).toBeNull();
  });
});

describe('looksLikeCredentialName', () => {
  it.each(['OPENAI_API_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD', 'JWT_SECRET', 'GH_PAT', 'APIKEY'])(
    '%s',
    (n) => expect(looksLikeCredentialName(n)).toBe(true),
  );
  it.each(['PATH', 'HOME', 'KEYBOARD', 'NODE_ENV', 'TOKEN_URL', 'AWS_ACCESS_KEY_ID'])(
    'not %s',
    (n) => expect(looksLikeCredentialName(n)).toBe(false),
  );
});

describe('withinTwoEdits', () => {
  /** Levenshtein's full table, for reference. */
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++)
        row.push(
          Math.min(
            (prev[j] ?? 0) + 1,
            (row[j - 1] ?? 0) + 1,
            (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
          ),
        );
      prev = row;
    }
    return prev[b.length] ?? 0;
  };

  it('agrees with the full table on 20,000 pairs of short strings', () => {
    let seed = 401;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (n: number) =>
      Array.from({ length: n }, () => 'abc'[Math.floor(next() * 3)]).join('');
    for (let k = 0; k < 20_000; k++) {
      const a = word(Math.floor(next() * 9));
      const cut = Math.floor(next() * (a.length + 1));
      const b =
        next() < 0.5
          ? word(Math.floor(next() * 9))
          : a.slice(0, cut) + word(Math.floor(next() * 3)) + a.slice(cut + Math.floor(next() * 3));
      expect(withinTwoEdits(a, b), `${a} / ${b}`).toBe(distance(a, b) <= 2);
    }
  });
});
