import type { Provider } from '../types.js';
import { basic, bearer, getOk, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/jiratoken/v2/jiratoken_v2.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/jiratoken/v1/jiratoken.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/atlassian/v2/atlassian.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule atlassian-api-token)
//   https://github.com/DeloitteDigitalUK/jira-agile-metrics/issues/61
//   https://github.com/atlassian/gajira-login/issues/59
//   https://github.com/jira-node/node-jira-client/issues/255
//   https://github.com/cristibaluta/Jit/issues/10
//   https://developer.atlassian.com/cloud/jira/platform/deprecation-notice-basic-auth-and-cookie-based-auth
export const atlassian: Provider = {
  id: 'atlassian',
  name: 'Atlassian Cloud (Jira / Confluence REST)',
  hosts: ['*.atlassian.net', 'api.atlassian.com'],
  auth: basic('user:key', {
    user: 'email',
    note: 'User = Atlassian account email (not the username), password = API token.',
  }),
  alternatives: [
    bearer({
      note: 'OAuth 2.0 (3LO) access token via https://api.atlassian.com/ex/jira/<cloudId>/...',
    }),
    bearer({
      note: 'Organization admin API key for https://api.atlassian.com/admin/v1/orgs.',
      forKinds: ['admin'],
    }),
  ],
  headers: [
    {
      name: 'Accept',
      value: 'application/json',
      required: false,
      note: 'Recommended.',
    },
  ],
  keyShapes: [
    {
      pattern: /ATATT[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
      kinds: ['secret'],
      prefix: 'ATATT',
      lengthUnverified: true,
      note: 'User API token (current format, ~190 chars). Scoped API tokens may need the api.atlassian.com/ex/... base URL instead of the site URL (unverified).',
    },
    {
      pattern: /ATCTT3xFfG[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
      kinds: ['admin'],
      prefix: 'ATCTT3xFfG',
      lengthUnverified: true,
      note: 'Org admin API key / access token format (trufflehog atlassian v2); sent as Bearer.',
    },
    {
      pattern: /[A-Za-z0-9]{24}/,
      kinds: ['secret', 'legacy'],
      generic: true,
      note: 'Legacy 24-char API token (generic, needs context).',
    },
  ],
  validate: getOk(
    'https://<site>.atlassian.net/rest/api/3/myself',
    'Returns accountId, emailAddress, displayName. Confluence: GET /wiki/rest/api/user/current (unverified). The username must be the Atlassian account email, and account passwords no longer work (removed 2019).',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'bad email/token pair, revoked or expired token',
      body: '{"message":"Client must be authenticated to access this resource.","status-code":401}; response has X-Seraph-LoginReason: AUTHENTICATED_FAILED and a WWW-Authenticate header',
    },
    {
      status: 200,
      when: 'some endpoints answer anonymously when auth fails or the host is not a Jira site',
      body: "trufflehog notes a 200 that cannot be decoded means 'not a valid Jira domain' (unverified generality)",
    },
  ],
  revealingHeaders: [
    {
      name: 'X-Seraph-LoginReason',
      meaning: 'OK vs AUTHENTICATED_FAILED / AUTHENTICATION_DENIED (e.g. CAPTCHA).',
    },
    {
      name: 'X-AAccountId',
      meaning: 'Account id of the authenticated user (unverified on Cloud).',
    },
    { name: 'X-AUSERNAME', meaning: 'Authenticated user name (older/Data Center responses).' },
    ...sameMeaning('Request trace ids.', 'ATL-TraceId', 'X-ARequestId'),
  ],
  unverified: [
    'scoped API tokens need api.atlassian.com/ex/...',
    'Confluence /wiki/rest/api/user/current',
    'X-AAccountId on Cloud',
  ],
};
