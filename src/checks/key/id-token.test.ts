import { keyIdToken } from './id-token.js';
import { ALNUM, NOW_S, checkTable, fill, forProvider, jwt } from './test-helpers.js';

const body = (n: number, label: string) => fill(ALNUM, n, label);
const base = {
  iss: 'https://issuer.example/',
  sub: body(12, 'sub'),
  iat: NOW_S,
  exp: NOW_S + 3600,
};
const client = body(32, 'client');

checkTable(keyIdToken, 'token.id-token', {
  finds: [
    {
      name: 'wv-07: an Auth0 ID token (nonce and at_hash, aud the client id)',
      value: jwt({ ...base, aud: client, nonce: body(12, 'n'), at_hash: body(22, 'h') }),
      evidence: ['a nonce claim', 'an at_hash claim', /audience is .*the client/],
    },
    {
      name: 'wv-07: a Cognito ID token (token_use id)',
      value: jwt({ ...base, token_use: 'id', aud: body(26, 'aud') }),
      evidence: ['token_use is "id"'],
    },
    {
      name: 'a Keycloak ID token (typ claim ID, aud = azp)',
      value: jwt({ ...base, typ: 'ID', azp: 'web', aud: 'web' }),
      evidence: ['typ claim is "ID"', 'aud equals azp'],
    },
    {
      name: 'a Google ID token (aud = azp, no nonce), aud as a one-element array',
      value: jwt({ ...base, azp: client, aud: [client], email: 'dev@acme.dev' }),
      evidence: ['aud equals azp'],
    },
    {
      name: 'an ID token only with at_hash, sent to a known provider',
      value: jwt({ ...base, aud: client, at_hash: body(22, 'h') }),
      ctx: forProvider('openai'),
    },
  ],
  ok: [
    {
      name: 'an RFC 9068 access token (typ at+jwt) even with a nonce',
      value: jwt(
        { ...base, aud: 'https://api.example', nonce: body(12, 'n') },
        { alg: 'RS256', typ: 'at+jwt' },
      ),
    },
    {
      name: 'a Keycloak access token (typ claim Bearer, aud account, azp the client)',
      value: jwt({ ...base, typ: 'Bearer', azp: 'web', aud: 'account', scope: 'openid' }),
    },
    {
      name: 'a Cognito access token (token_use access)',
      value: jwt({ ...base, token_use: 'access', client_id: client }),
    },
    {
      name: 'an access token for another API (aud differs from azp)',
      value: jwt({ ...base, azp: client, aud: 'https://orders.example', scope: 'read' }),
    },
    {
      name: 'a Firebase ID token where Firestore takes it (no OpenID client marks)',
      value: jwt({ ...base, aud: 'my-project', user_id: body(20, 'u'), firebase: {} }),
      ctx: forProvider('firebase'),
    },
    { name: 'a Supabase anon key', value: jwt({ iss: 'supabase', role: 'anon', ref: 'abc' }) },
    { name: 'no JWT', value: body(40, 'plain') },
  ],
});
