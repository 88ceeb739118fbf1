import type { Provider } from '../types.js';
import { bearer, getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/gitlab/v1/gitlab.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/gitlab/v3/gitlab_v3.go
//   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/gitlab/gitlab.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gitlab-pat)
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gitlab-pat-routable)
//   https://docs.gitlab.com/user/profile/personal_access_tokens.html
//   https://github.com/gitlabhq/terraform-provider-gitlab/issues/753
//   https://github.com/ldbglobe/gitlab-finder/issues/5
export const gitlab: Provider = {
  id: 'gitlab',
  name: 'GitLab',
  hosts: ['gitlab.com'],
  auth: inHeader('PRIVATE-TOKEN', null),
  alternatives: [
    bearer({ note: 'For OAuth tokens and PATs.' }),
    inHeader('JOB-TOKEN', null, {
      note: 'CI job tokens (CI_JOB_TOKEN); only some endpoints (unverified).',
    }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /glpat-[A-Za-z0-9_-]{20}/,
      kinds: ['secret'],
      prefix: 'glpat-',
      note: 'Personal/project/group access token (legacy length).',
    },
    {
      pattern: /glpat-[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}/,
      kinds: ['secret'],
      prefix: 'glpat-',
      lengthUnverified: true,
      note: 'Routable token format (GitLab 17.x+).',
    },
    {
      pattern: /gldt-[0-9A-Za-z_-]{20}/,
      kinds: ['secret'],
      prefix: 'gldt-',
      note: 'Deploy token.',
    },
    {
      pattern: /glptt-[0-9a-f]{40}/,
      kinds: ['secret'],
      prefix: 'glptt-',
      note: 'Pipeline trigger token.',
    },
    {
      pattern: /glrt-[0-9A-Za-z_-]{20}/,
      kinds: ['secret'],
      prefix: 'glrt-',
      note: 'Runner authentication token.',
    },
    {
      pattern: /glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}/,
      kinds: ['session'],
      prefix: 'glcbt-',
      lengthUnverified: true,
      note: 'CI/CD job token.',
    },
    {
      pattern: /glft-[0-9A-Za-z_-]{20}/,
      kinds: ['secret'],
      prefix: 'glft-',
      usableAsApiKey: false,
      note: 'Feed token (RSS/calendar only).',
    },
    {
      pattern: /gloas-[0-9A-Za-z_-]{64}/,
      kinds: ['oauth', 'secret'],
      prefix: 'gloas-',
      lengthUnverified: true,
      usableAsApiKey: false,
      note: 'OAuth application secret (not a bearer token).',
    },
  ],
  validate: getOk(
    'https://gitlab.com/api/v4/personal_access_tokens/self',
    'Returns name, scopes, active, revoked, expires_at for the token itself. Fallback GET /api/v4/user needs read_user/api scope (403 = valid token, missing scope). Since GitLab 16.0 all tokens expire; gitlab.com began enforcing expiry on 2024-05-14. Self-managed instances: the same path on their own host.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid/expired/revoked token or wrong header',
      body: '{"message":"401 Unauthorized"}',
    },
    {
      status: 401,
      when: 'OAuth-style failure',
      body: '{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."} with WWW-Authenticate: Bearer ... error="invalid_token" (unverified)',
    },
    {
      status: 403,
      when: 'token valid but blocked user',
      body: "'403 Forbidden - Your account has been blocked'",
    },
    {
      status: 403,
      when: 'token valid but missing scope',
      body: '{"error":"insufficient_scope",...} (unverified)',
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'personal_access_tokens/self body',
      fields: ['scopes', 'expires_at', 'active'],
      meaning: 'Scopes and expiry of the token.',
    },
  ],
  unverified: [
    'JOB-TOKEN endpoint coverage',
    'OAuth-style invalid_token body',
    'insufficient_scope body',
  ],
};
