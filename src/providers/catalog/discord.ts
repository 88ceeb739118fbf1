import type { Provider } from '../types.js';
import { authorization, bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/discordbottoken/discordbottoken.go
//   https://github.com/discord/discord-api-docs/issues/602
//   https://github.com/discord/discord-example-app/issues/14
export const discord: Provider = {
  id: 'discord',
  name: 'Discord (bot API)',
  hosts: ['discord.com'],
  auth: authorization('Bot'),
  alternatives: [bearer({ note: 'User OAuth2 access tokens.' })],
  headers: [
    {
      name: 'User-Agent',
      value: 'DiscordBot (<url>, <version>)',
      required: false,
      note: 'Recommended format (unverified that it is enforced).',
    },
  ],
  keyShapes: [
    {
      pattern: /[A-Za-z0-9_-]{24,28}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/,
      kinds: ['secret'],
      note: "Bot token: three dot-separated parts, the first is base64 of the bot's user id. trufflehog uses 24.6.27; newer tokens are longer (unverified range).",
    },
  ],
  validate: getOk(
    'https://discord.com/api/v10/users/@me',
    'Returns the bot user (id, username, bot:true).',
  ),
  errorShapes: [
    {
      status: 401,
      when: "invalid token or missing 'Bot ' prefix (most common cause)",
      body: '{"message":"401: Unauthorized","code":0}',
    },
  ],
  revealingHeaders: [
    {
      name: 'X-RateLimit-*',
      meaning: 'Per-route rate-limit buckets.',
    },
  ],
  unverified: ['bot token length range', 'DiscordBot User-Agent enforcement'],
};
