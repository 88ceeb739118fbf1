import { defineCheck, finding } from '../types.js';
import type { RawFinding } from '../../findings/types.js';
import {
  AUTH_METHOD_NAME,
  authenticated,
  otherAuth,
  type TokenEndpointEvidence,
} from './evidence.js';

/**
 * The client's credentials went in the wrong place (client_secret_basic vs client_secret_post):
 * confirmed when the other method got past client authentication; attributed when discovery's
 * token_endpoint_auth_methods_supported lists the other method and not the one sent; a guess
 * when a 401 challenges for Basic after the secret went in the body.
 */
export const tokenClientAuthMethod = defineCheck<TokenEndpointEvidence>(
  'token-client-auth-method',
  (ev): RawFinding[] => {
    const a = ev.answer;
    if (a === undefined || authenticated(a)) return [];
    const sent = AUTH_METHOD_NAME[ev.auth];
    const wanted = otherAuth(ev.auth);
    const other = AUTH_METHOD_NAME[wanted];
    const refused = `sent as ${sent}: ${a.status}${a.error !== undefined ? ` ${a.error}` : ''}`;
    const data = { sent: ev.auth, wanted };
    const listed = ev.supportedMethods;
    const listing =
      listed !== undefined
        ? `discovery's token_endpoint_auth_methods_supported: ${listed.length > 0 ? listed.join(', ') : '(empty)'}`
        : undefined;
    const probe = ev.probes.otherAuth;
    if (probe !== undefined && authenticated(probe)) {
      return [
        finding(
          'token.client-auth-method',
          'confirmed',
          [
            refused,
            `sent as ${other}: ${probe.issued ? `${probe.status}, a token was issued` : `${probe.status} ${probe.error ?? ''}: the client authenticated (the rest of the request was refused for another reason)`}`,
            ...(listing !== undefined ? [listing] : []),
          ],
          data,
        ),
      ];
    }
    if (probe !== undefined) return [];
    if (listed !== undefined && listed.includes(other) && !listed.includes(sent))
      return [finding('token.client-auth-method', 'attributed', [refused, listing ?? ''], data)];
    if (ev.auth === 'post' && a.status === 401 && a.challenges.includes('basic'))
      return [
        finding(
          'token.client-auth-method',
          'heuristic',
          [refused, 'the answer challenges for Basic (WWW-Authenticate: Basic)'],
          data,
        ),
      ];
    return [];
  },
);
