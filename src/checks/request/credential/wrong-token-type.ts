import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** The answer names a token type the method does not take: Slack's `not_allowed_token_type`. */
export const wrongTokenType = defineCheck<RequestEvidence>(
  'wrong-token-type',
  ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || !f.says.has('token-type')) return [];
    const wanted =
      /\b(bot|user|app|workspace|oauth|admin|installation|service)[ _-]token (is )?required|requires? an? (\w+ )?(bot|user|app|workspace|oauth|admin|installation|service)[ _-]token|where an? (bot|user|app|workspace|oauth|admin|installation|service) token/i.exec(
        f.errorText,
      );
    const kind = wanted?.[1] ?? wanted?.[4] ?? wanted?.[5];
    return [
      finding(
        'key.wrong-type',
        'attributed',
        `${f.status}: the answer names the token's type: ${f.errorText.slice(0, 140)}`,
        {
          ...(kind ? { expectedKinds: [`${kind.toLowerCase()} token`] } : {}),
          provider: null,
        },
      ),
    ];
  },
);
