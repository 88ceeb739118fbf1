import type { Provider } from '../types.js';
import { basic, bearer, getOk, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/bitbucketapppassword/bitbucketapppassword.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule bitbucket-client-secret)
//   https://support.atlassian.com/bitbucket-cloud/kb/getting-401-http-error-while-authenticating-to-bitbucket-cloud-rest-apis
//   https://github.com/renovatebot/renovate/discussions/36499
//   https://github.com/apache/devlake/pull/8604
export const bitbucket: Provider = {
  id: 'bitbucket',
  name: 'Bitbucket Cloud',
  hosts: ['api.bitbucket.org'],
  auth: basic('user:key', {
    user: 'email',
    note: 'User = Atlassian account email, password = API token (ATATT...).',
  }),
  alternatives: [
    bearer({ note: 'Repository/project/workspace access tokens (ATCTT...).' }),
    basic('user:key', {
      user: 'username',
      note: 'Bitbucket username with an app password (ATBB...); app passwords could not be created after 2025-09-09 and stopped working on 2026-06-09.',
    }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /ATATT[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
      kinds: ['secret'],
      prefix: 'ATATT',
      lengthUnverified: true,
      note: 'Atlassian API token (used with the account email, not the username).',
    },
    {
      pattern: /ATBB[A-Za-z0-9_=.-]+/,
      kinds: ['secret', 'legacy'],
      prefix: 'ATBB',
      lengthUnverified: true,
      usableAsApiKey: false,
      note: 'App password (deprecated/dead).',
    },
    {
      pattern: /ATCTT3xFfG[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
      kinds: ['secret'],
      prefix: 'ATCTT3xFfG',
      lengthUnverified: true,
      note: 'Access token (repo/project/workspace); sent as Bearer (unverified that all access tokens share this prefix).',
    },
  ],
  validate: getOk(
    'https://api.bitbucket.org/2.0/user',
    'For user credentials. 403 = valid credential, insufficient scope (trufflehog). Repository access tokens are not users: probe a repository instead (unverified).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'wrong user/secret combination (e.g. email with an app password, username with an API token)',
      body: 'empty or short body; WWW-Authenticate: Basic realm="Bitbucket.org HTTP"',
    },
  ],
  revealingHeaders: [
    ...sameMeaning(
      'Scopes (unverified for Bitbucket).',
      'X-OAuth-Scopes',
      'X-Accepted-OAuth-Scopes',
    ),
  ],
  unverified: [
    'all access tokens start ATCTT',
    'repository access tokens must probe a repository',
    'X-OAuth-Scopes on Bitbucket',
  ],
};
