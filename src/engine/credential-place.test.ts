import { describe, expect, it } from 'vitest';
import { looksLikeCredentialHeader } from './credential-place.js';

describe('looksLikeCredentialHeader', () => {
  it.each([
    ['Authorization', true],
    ['Authoriztion', true],
    ['x-api-key', true],
    ['X-Auth-Token', true],
    ['X-Auth-Key', true],
    ['DD-API-KEY', true],
    ['x_api_key', true],
    ['X-Auth-Email', false], // who the caller is, beside the key (Cloudflare)
    ['X-Auth-User', false],
    ['X-Client-Id', false],
    ['Content-Type', false],
    ['X-Request-Id', false],
  ])('%s → %s', (name, expected) => {
    expect(looksLikeCredentialHeader(name)).toBe(expected);
  });
});
