import type { Provider } from '../types.js';
import { getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/telegrambottoken/telegrambottoken.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule telegram-bot-api-token)
//   streaak/keyhacks@371e807 README.md
//   https://github.com/eternnoir/pyTelegramBotAPI/issues/168
//   https://github.com/tdlib/telegram-bot-api/issues/80
export const telegram: Provider = {
  id: 'telegram',
  name: 'Telegram Bot API',
  hosts: ['api.telegram.org'],
  auth: {
    in: 'path',
    template: '/bot<token>/<method>',
    note: "The token goes in the URL path after the literal 'bot'; no header.",
  },
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /[0-9]{8,10}:[A-Za-z0-9_-]{35}/,
      kinds: ['secret'],
      note: "<bot id>:<35-char secret>; the secret usually starts with 'AA'.",
    },
  ],
  validate: getOk(
    'https://api.telegram.org/bot<token>/getMe',
    'Returns ok:true and the bot user. /revoke in BotFather invalidates the old token immediately.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'wrong or revoked token',
      body: '{"ok":false,"error_code":401,"description":"Unauthorized"}',
    },
    {
      status: 404,
      when: "malformed token/path (e.g. missing 'bot' prefix)",
      body: '{"ok":false,"error_code":404,"description":"Not Found"} (unverified)',
    },
  ],
  revealingHeaders: [],
  unverified: ['404 for a malformed path'],
};
