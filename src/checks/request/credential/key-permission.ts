import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** What a key is restricted to when the restriction is where it comes from: that is `credential.restricted`. */
const FROM_WHERE =
  /referr?er|\bips?\b|ip address|allow-?list|white-?list|origin|\bdomains? (is |are )?(not )?allowed|from (this|your) (host|network|location)|\bcountry|\bregion/i;

/**
 * Words that say what the key may do, so not this: "This API key is restricted to only send
 * emails" (Resend), "limited to read access", "this token can only be used to send", "read-only
 * key", "sending access only", "the key only has read permission". A permission of the key the
 * server read, named by the server: a scope question, not an unknown key.
 */
const LIMITED_TO = new RegExp(
  [
    String.raw`\b(restricted|limited)\s+to\s+(only\s+)?(send(ing)?|read(ing)?|writ(e|ing)|view(ing)?|creat(e|ing)|upload(ing)?|deliver(ing)?|list(ing)?|retriev(e|ing)|query(ing)?|publish(ing)?|(\w+[ -])?(only|access|operations?|endpoints?|actions?|permissions?|scopes?|use))\b`,
    String.raw`\b(key|token|credential)s?\b[^.]{0,40}\b(can|may)\s+only\s+(be\s+used\s+(to|for)\s+)?\w+`,
    String.raw`\bonly\s+(has|have|grants?)\s+(\w+[ -])?(access|permissions?|scopes?)\b`,
    String.raw`\bread[ -]only\s+(api[ _-]?)?(key|token|credential|access)\b`,
    String.raw`\b(sending|send)[ -](only|access)\b`,
  ].join('|'),
  'i',
);

/** The answer's words name what the key may do (not where it may come from). */
export function saysKeyLimitedTo(errorText: string): RegExpExecArray | null {
  if (FROM_WHERE.test(errorText)) return null;
  return LIMITED_TO.exec(errorText);
}

/**
 * A key the server read and refused for what it may do: the answer says the key is restricted to
 * some operations (a sending-only key on a read endpoint). credential.insufficient-scope, and the
 * key is no unknown key: the server knows what it may do.
 */
export const keyLimitedTo = defineCheck<RequestEvidence>(
  'key-limited-to',
  ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || (f.status !== 401 && f.status !== 403)) return [];
    const said = saysKeyLimitedTo(f.errorText);
    if (!said) return [];
    return [
      finding(
        'credential.insufficient-scope',
        'attributed',
        [
          `${f.status}: ${f.errorText.slice(0, 140)}`,
          `the server names what the key may do ("${said[0]}"): it read the key, which lacks the permission for ${final.request.method} ${final.request.url.pathname}`,
        ],
        { scopesNeeded: null, scopesHeld: said[0] },
      ),
    ];
  },
);
