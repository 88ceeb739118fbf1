import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/vercel/vercel.go
//   mongodb/kingfisher@ee7c0db data/rules/vercel.yml
//   https://vercel.com/docs/accounts/access-tokens
//   https://github.com/dyad-sh/dyad/issues/4175
//   https://github.com/vercel/vercel/issues/10874
export const vercel: Provider = {
  id: 'vercel',
  name: 'Vercel REST API',
  hosts: ['api.vercel.com'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  queryParams: [
    {
      name: 'teamId',
      value: 'team_<id> (or slug=<team>)',
      required: false,
      note: 'Team resources need ?teamId=; tokens can be scoped to the account, a team, or a single project, and a call outside that scope fails.',
    },
  ],
  keyShapes: [
    {
      pattern: /[A-Za-z0-9]{24}/,
      kinds: ['secret'],
      generic: true,
      note: "Classic 24-char token (generic, needs 'vercel' context). Whether newer tokens carry a prefix is unverified.",
    },
  ],
  validate: getOk(
    'https://api.vercel.com/v2/user',
    'Returns the user. trufflehog uses GET /www/user. Tokens can have an expiry date set at creation.',
  ),
  errorShapes: [
    {
      status: 403,
      when: 'invalid/expired token (Vercel tends to answer 403, not 401; unverified)',
      body: '{"error":{"code":"forbidden","message":"Not authorized","invalidToken":true}} (unverified)',
    },
    {
      status: 403,
      when: 'valid token outside its scope',
      body: '{"error":{"code":"forbidden","message":"You don\'t have permission to ...",...}}',
    },
  ],
  revealingHeaders: [
    {
      name: 'x-vercel-id',
      meaning: 'Request id / edge region (unverified).',
    },
  ],
  unverified: [
    'newer token prefixes',
    '403 (not 401) with invalidToken:true for a bad token',
    'x-vercel-id meaning',
  ],
};
