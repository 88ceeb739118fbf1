import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/githubapp/githubapp.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule github-app-token)
//   https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app
//   https://www.github.com/Link-/gh-token
export const githubApp: Provider = {
  id: 'github-app',
  name: 'GitHub App (app JWT and installation tokens)',
  hosts: ['api.github.com'],
  auth: bearer({
    note: 'An RS256 app JWT (iss = app id, exp at most 10 minutes ahead) or a ghs_ installation token.',
  }),
  alternatives: [],
  headers: [
    {
      name: 'Accept',
      value: 'application/vnd.github+json',
      required: false,
      note: 'Recommended.',
    },
  ],
  keyShapes: [
    {
      pattern: /ghs_[A-Za-z0-9]{36}/,
      kinds: ['session'],
      prefix: 'ghs_',
      note: 'Installation (server-to-server) token, expires 1 hour after creation.',
    },
    {
      pattern: /-----BEGIN RSA PRIVATE KEY-----[\s\S]+-----END RSA PRIVATE KEY-----/,
      kinds: ['secret'],
      prefix: '-----BEGIN RSA PRIVATE KEY-----',
      usableAsApiKey: false,
      note: 'App private key used to sign the JWT; never sent itself.',
    },
  ],
  validate: getOk(
    'https://api.github.com/app',
    'With the app JWT. For an installation token use GET https://api.github.com/installation/repositories; /user does not work for installation tokens (unverified).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'expired installation token (after 1 hour)',
      body: '{"message":"Bad credentials",...}',
    },
    {
      status: 401,
      when: 'bad JWT (clock skew, exp more than 10 minutes ahead, wrong key/app id)',
      body: "message about the JWT, e.g. 'A JSON web token could not be decoded' or an 'exp' claim complaint (wording unverified)",
    },
  ],
  revealingHeaders: [
    {
      name: 'X-Accepted-GitHub-Permissions',
      meaning: 'Permissions the endpoint needs.',
    },
  ],
  revealingBody: [
    {
      source: 'token creation response',
      fields: ['expires_at', 'permissions'],
      meaning: 'Expiry and granted permissions of an installation token.',
    },
  ],
  unverified: [
    'JWT claim limits (iss, exp at most 10 minutes ahead)',
    '/user does not work for installation tokens',
    'JWT error wording',
  ],
};
