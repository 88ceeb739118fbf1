import type { Provider } from '../types.js';
import { bearer } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/slack/slack.go
//   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/slack/slack.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule slack-bot-token)
//   streaak/keyhacks@371e807 README.md
//   https://docs.slack.dev/reference/methods/auth.test.md
//   https://hexdocs.pm/slack/Slack.Web.Auth.html
export const slack: Provider = {
  id: 'slack',
  name: 'Slack Web API',
  hosts: ['slack.com'],
  auth: bearer({
    note: 'Also accepted as token=<token> in a form-encoded POST body; query-string tokens are discouraged/blocked on newer apps (unverified).',
  }),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /xoxb-[0-9]{10,13}(?:-[0-9]{10,13})?-[A-Za-z0-9]{24}/,
      kinds: ['oauth'],
      prefix: 'xoxb-',
      note: "Bot token: xoxb-<team id>-<bot user id>-<24 alphanumerics> (older ones lack the second number), from Slack's examples and public samples.",
    },
    {
      pattern: /xoxp-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]*/,
      kinds: ['oauth'],
      prefix: 'xoxp-',
      lengthUnverified: true,
      note: 'User token.',
    },
    {
      pattern: /xoxa-[0-9A-Za-z-]{8,}/,
      kinds: ['oauth', 'legacy'],
      prefix: 'xoxa-',
      lengthUnverified: true,
      note: 'Legacy workspace access token.',
    },
    {
      pattern: /xoxr-[0-9A-Za-z-]{8,}/,
      kinds: ['refresh', 'legacy'],
      prefix: 'xoxr-',
      lengthUnverified: true,
      usableAsApiKey: false,
      note: 'Legacy workspace refresh token.',
    },
    {
      pattern: /xoxe\.xoxb-[0-9]-[A-Za-z0-9]{163,166}/,
      kinds: ['oauth', 'session'],
      prefix: 'xoxe.xoxb-',
      note: 'Rotating (expiring) bot token.',
    },
    {
      pattern: /xoxe\.xoxp-[0-9]-[A-Za-z0-9]{163,166}/,
      kinds: ['oauth', 'session'],
      prefix: 'xoxe.xoxp-',
      note: 'Rotating (expiring) user or config token.',
    },
    {
      pattern: /xapp-[0-9]-[A-Za-z0-9]+-[0-9]+-[a-z0-9]+/,
      kinds: ['secret'],
      prefix: 'xapp-',
      lengthUnverified: true,
      usableAsApiKey: false,
      note: 'App-level token: only for apps.connections.open (Socket Mode), not for Web API methods.',
    },
    {
      pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}/,
      kinds: ['webhook'],
      prefix: 'https://hooks.slack.com/',
      usableAsApiKey: false,
      note: 'Incoming webhook URL: the URL is the secret, no header auth.',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://slack.com/api/auth.test',
    successStatus: 200,
    note: 'Success is HTTP 200 AND body ok:true (url, team, user, team_id, user_id, bot_id). Webhooks: POST {"text":""} returns \'missing_text_or_fallback_or_attachments\' when the URL is valid (keyhacks).',
  },
  errorShapes: [
    {
      status: 200,
      when: 'bad token (Slack does not use 401)',
      body: '{"ok":false,"error":"invalid_auth"}',
    },
    {
      status: 200,
      when: 'no token sent',
      body: '{"ok":false,"error":"not_authed"}',
    },
    {
      status: 200,
      when: 'token revoked / user or workspace deactivated / rotating token expired',
      body: 'error token_revoked | account_inactive (from trufflehog) | token_expired (unverified)',
    },
    {
      status: 200,
      when: 'wrong token type for the method',
      body: 'error not_bearer_token (or not_allowed_token_type; unverified)',
    },
  ],
  revealingHeaders: [
    {
      name: 'X-OAuth-Scopes',
      meaning: 'Scopes granted to the token (trufflehog analyzer reads it from auth.test).',
    },
    {
      name: 'X-Accepted-OAuth-Scopes',
      meaning: 'Scopes the method accepts (unverified).',
    },
  ],
  unverified: [
    'query-string tokens blocked on newer apps',
    'token_expired error',
    'not_allowed_token_type error',
    'X-Accepted-OAuth-Scopes header',
  ],
};
