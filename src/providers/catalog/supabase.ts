import type { Provider } from '../types.js';
import { bearer, getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/supabasetoken/supabasetoken.go
//   https://supabase.com/docs/guides/api/api-keys.md
//   https://www.supabase.com/docs/guides/getting-started/api-keys
//   https://github.com/orgs/supabase/discussions/39719
//   https://github.com/supabase/supabase-js/issues/1568
export const supabase: Provider = {
  id: 'supabase',
  name: 'Supabase',
  hosts: ['*.supabase.co', 'api.supabase.com'],
  auth: inHeader('apikey', null, {
    note: 'Publishable or secret key on <project-ref>.supabase.co.',
  }),
  alternatives: [
    bearer({
      note: "Project APIs: the apikey header identifies the app; Authorization carries the signed-in user's JWT (or the legacy anon/service_role JWT).",
      forKinds: ['jwt'],
    }),
    bearer({ note: 'Management API personal access token (sbp_) on api.supabase.com.' }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /sb_publishable_[A-Za-z0-9_-]{20,}/,
      kinds: ['publishable'],
      prefix: 'sb_publishable_',
      lengthUnverified: true,
      note: 'Publishable key (safe for clients; RLS applies). Length unverified.',
    },
    {
      pattern: /sb_secret_[A-Za-z0-9_-]{20,}/,
      kinds: ['secret'],
      prefix: 'sb_secret_',
      lengthUnverified: true,
      note: 'Secret key (bypasses RLS; server only). Not a JWT, so it must not be used as a Bearer user token. Length unverified.',
    },
    {
      pattern: /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/,
      kinds: ['jwt', 'legacy'],
      prefix: 'eyJ',
      generic: true,
      note: "Legacy anon / service_role keys: JWTs whose payload has role, iss 'supabase', ref, iat and exp ~10 years out. Being retired. Any JWT has this shape, so it is generic.",
    },
    {
      pattern: /sbp_[a-f0-9]{40}/,
      kinds: ['secret'],
      prefix: 'sbp_',
      note: 'Management API personal access token (api.supabase.com only).',
    },
  ],
  validate: getOk(
    'https://<project-ref>.supabase.co/auth/v1/settings',
    'Send apikey: <key> (unverified as the cheapest check). Management token: GET https://api.supabase.com/v1/projects (trufflehog). A key from another project fails like a bad key.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key or key from another project',
      body: '{"message":"Invalid API key"} (a hint field may follow)',
    },
    {
      status: 403,
      when: 'new secret key passed where a JWT is expected (e.g. auth admin via old client)',
      body: 'code bad_jwt',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'legacy key JWT payload',
      fields: ['role', 'ref', 'exp'],
      meaning:
        'Decoding the legacy key shows its role (anon vs service_role), project ref and expiry without any request.',
    },
  ],
  unverified: ['sb_publishable_ / sb_secret_ lengths', '/auth/v1/settings as the cheapest check'],
};
