import { describe, expect, it } from 'vitest';
import { looksLikeCredentialName, providerForName, similarity } from './names.js';

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
