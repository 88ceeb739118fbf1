import type { Provider } from '../types.js';
import { authorization, basic, bearer, getOk, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/github/v2/github.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/github/v1/github_old.go
//   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/github/common/github.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule github-pat)
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule github-fine-grained-pat)
//   streaak/keyhacks@371e807 README.md
//   https://github.blog/changelog/label/pats (x-accepted-github-permissions)
//   https://github.com/anmol098/waka-readme-stats/issues/506
//   https://github.com/hcengineering/platform/issues/5104
export const github: Provider = {
  id: 'github',
  name: 'GitHub (classic PAT, fine-grained PAT, OAuth and user tokens)',
  hosts: ['api.github.com'],
  auth: bearer(),
  alternatives: [
    authorization('Token', {
      note: 'Older scheme (GitHub documents lowercase `token`), still accepted.',
    }),
    basic('user:key', {
      user: 'username',
      note: 'GitHub username with the token as password (keyhacks).',
    }),
  ],
  headers: [
    {
      name: 'Accept',
      value: 'application/vnd.github+json',
      required: false,
      note: 'Recommended.',
    },
    {
      name: 'X-GitHub-Api-Version',
      value: '2022-11-28',
      required: false,
      note: 'Recommended.',
    },
    {
      name: 'User-Agent',
      value: '<any>',
      required: true,
      note: 'GitHub rejects API requests without a User-Agent (403) (unverified here).',
    },
  ],
  keyShapes: [
    {
      pattern: /ghp_[A-Za-z0-9]{36}/,
      kinds: ['secret'],
      prefix: 'ghp_',
      note: 'Classic personal access token.',
    },
    {
      pattern: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/,
      kinds: ['secret'],
      prefix: 'github_pat_',
      note: "Fine-grained PAT (github_pat_ + 22 + '_' + 59); expires.",
    },
    {
      pattern: /gho_[A-Za-z0-9]{36}/,
      kinds: ['oauth'],
      prefix: 'gho_',
      note: 'OAuth app user token.',
    },
    {
      pattern: /ghu_[A-Za-z0-9]{36}/,
      kinds: ['oauth'],
      prefix: 'ghu_',
      note: 'GitHub App user-to-server token (also Codespaces/Copilot).',
    },
    {
      pattern: /ghr_[A-Za-z0-9]{36}/,
      kinds: ['refresh'],
      prefix: 'ghr_',
      usableAsApiKey: false,
      note: 'Refresh token (not usable on the API).',
    },
    {
      pattern: /[a-f0-9]{40}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Pre-2021 token format (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://api.github.com/user',
    'Works for ghp_/github_pat_/gho_/ghu_. GET /rate_limit is also free and does not consume quota (unverified here). GitHub auto-revokes tokens pushed to public repos, a common cause of a sudden 401. GitHub Enterprise Server: https://<host>/api/v3/user.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid, expired or revoked token',
      body: '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}',
    },
    {
      status: 403,
      when: 'org enforces SAML SSO and the token is not authorized for it',
      body: '403 with an X-GitHub-SSO header giving the authorization URL (message wording unverified)',
    },
    {
      status: 403,
      when: 'token lacks a scope/permission',
      body: "message like 'Resource not accessible by personal access token' (wording unverified); X-Accepted-GitHub-Permissions lists what is needed",
    },
    {
      status: 404,
      when: 'private resource not visible to the token',
      body: '{"message":"Not Found",...} instead of 403 (unverified)',
    },
  ],
  revealingHeaders: [
    {
      name: 'X-OAuth-Scopes',
      meaning: 'Scopes of a classic PAT/OAuth token (absent for fine-grained tokens).',
    },
    { name: 'X-Accepted-OAuth-Scopes', meaning: 'Scopes the endpoint accepts.' },
    {
      name: 'X-Accepted-GitHub-Permissions',
      meaning:
        "Fine-grained permissions the endpoint needs, e.g. 'repository_projects=write; organization_projects=admin'.",
    },
    {
      name: 'github-authentication-token-expiration',
      meaning:
        "Token expiry, e.g. '2026-01-31 12:00:00 UTC' (trufflehog parses both a UTC and a numeric-offset form).",
    },
    { name: 'X-GitHub-SSO', meaning: 'SAML SSO authorization is required for this org.' },
    ...sameMeaning(
      'Rate limit; a limit of 0 on a 401 shows the token was not accepted.',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'X-RateLimit-Used',
      'X-RateLimit-Resource',
    ),
  ],
  unverified: [
    '403 without User-Agent',
    'SSO / missing-permission 403 wording',
    '404 instead of 403 for hidden private resources',
    '/rate_limit does not consume quota',
  ],
};
