import { describe, expect, it } from 'vitest';
import { alternativesFor, looksLikeCredentialHeader, spotFor } from './credential-place.js';
import { provider } from '../../test/support/key-samples.js';

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

describe('alternativesFor: a placement documented for other kinds of key does not take this one', () => {
  const names = (id: string, kinds: string[]) =>
    alternativesFor(provider(id), kinds).map((p) => JSON.stringify(spotFor(p)));
  it('Atlassian: an API token (secret) goes neither as an OAuth nor as an admin-key Bearer', () => {
    expect(names('atlassian', ['secret'])).toEqual([]);
  });
  it('Atlassian: an admin key takes the admin Bearer', () => {
    expect(names('atlassian', ['admin'])).toHaveLength(1);
  });
  it('Firebase: a Web API key is no ID token (JWT) nor an OAuth token', () => {
    expect(names('firebase', ['publishable'])).toEqual([]);
    expect(names('firebase', ['jwt'])).toHaveLength(2);
  });
  it('no kinds known: every alternative counts', () => {
    expect(names('atlassian', [])).toHaveLength(2);
  });
});
