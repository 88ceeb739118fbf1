import { describe, expect, it } from 'vitest';
import {
  headerMayBeCredential,
  looksSecret,
  paramMayBeCredential,
  segmentMayBeCredential,
} from './harmless.js';

// Key-like values are built at run time: nothing key-shaped is written down whole.
const mixed = `Zq7${'aB3'.repeat(6)}x`;
const uuid = ['3f2a9c1e', '7b4d', '4e8a', '9c2f', '1a2b3c4d5e6f'].join('-');
const hex = 'ab12'.repeat(8);
const awsSecret = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');

describe('headers: a possible credential unless known harmless', () => {
  const credential: [string, string][] = [
    ['X-Custom-Key', mixed],
    ['X-RapidAPI-Key', hex],
    ['X-Appwrite-Key', `standard_${mixed}`],
    ['X-Master-Key', `$2b$10$${mixed}`],
    ['X-Shop-Pass', 'hunter22'], // a secret name: any value of 6+ characters
    ['X-Whatever', uuid], // an invented name: the value's shape speaks
    ['Cookie', 'session=abcdefgh'],
    ['Authorization', `Bearer ${mixed}`],
    ['X-Signature', awsSecret],
    ['Sec-WebSocket-Protocol', `base64url.bearer.authorization.k8s.io.${mixed}`], // tokens ride here
  ];
  const harmless: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['User-Agent', `my-app/1.0 (${mixed})`], // allow-listed whatever its value
    ['anthropic-version', '2023-06-01'],
    ['X-Stainless-OS', 'Linux'],
    ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], // RFC 6455's random nonce
    ['X-Client-Name', 'production-dashboard'], // words
    ['X-Page', '12345678901'], // a number
    ['X-Api-Key', 'undefined'], // a placeholder is not a secret
    ['X-Api-Key', 'abc'], // too short to redact
    ['X-Model', 'gpt-4o-mini-2024-07-18'],
    ['X-Callback', 'https://hooks.example.com/path/to/handler'],
  ];
  for (const [name, value] of credential)
    it(`${name}: ${value.length} chars → possible credential`, () =>
      expect(headerMayBeCredential(name, value)).toBe(true));
  for (const [name, value] of harmless)
    it(`${name}: ${value} → harmless`, () =>
      expect(headerMayBeCredential(name, value)).toBe(false));
});

describe('query parameters and body fields', () => {
  const credential: [string, string][] = [
    ['private_token', `glpat-${mixed}`],
    ['client_secret', 'short7x'],
    ['API_KEY', mixed],
    ['Key', mixed],
    ['api_token', mixed],
    ['access-token', mixed],
    ['password', 'correcthorse'],
    ['sig', 'abcdefgh'],
    ['X-Amz-Signature', hex],
    ['code', '123456'], // an OTP or an OAuth code is a secret even when numeric
    ['accessCode', mixed],
  ];
  const harmless: [string, string][] = [
    ['api-version', '2024-02-01'],
    ['limit', '100'],
    ['model', `gpt-4o-${mixed}`], // allow-listed name
    ['user_id', '98765432101234'],
    ['redirect_uri', 'https://app.example.com/oauth/callback'],
    ['name', 'Jane Doe'],
  ];
  for (const [name, value] of credential)
    it(`?${name}= → possible credential`, () =>
      expect(paramMayBeCredential(name, value)).toBe(true));
  for (const [name, value] of harmless)
    it(`?${name}=${value} → harmless`, () => expect(paramMayBeCredential(name, value)).toBe(false));
});

describe('path segments: shape only', () => {
  it.each([
    [`bot123456789:AAH${mixed}`, true],
    [uuid, true],
    [hex, true],
    ['v1', false],
    ['chat', false],
    ['completions', false],
    ['12345678901', false],
    ['2024-02-01', false],
    ['gpt-4o-mini', false],
    ['repositories', false],
  ])('%s → %s', (segment, expected) => expect(segmentMayBeCredential(segment)).toBe(expected));
});

describe('looksSecret', () => {
  it.each([
    [mixed, true],
    [awsSecret, true],
    ['eyJhbGciOiJIUzI1NiJ9', true],
    ['Passw0rd!x', true],
    ['application', false],
    ['camelCaseWordsOnly', false],
    ['ENVIRONMENT_NAME', false],
    ['1.2.3-beta.1', false],
    ['raw\u00e2\u0080\u00ae\u00e2\u0080\u008b', false], // a word and stray bytes
    [`${mixed.slice(0, 10)}\u200b${mixed.slice(10)}`, true], // a key with a hidden character
  ])('%s → %s', (word, expected) => expect(looksSecret(word)).toBe(expected));
});
