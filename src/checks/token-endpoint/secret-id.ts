import { defineCheck, finding } from '../types.js';
import type { RawFinding } from '../../findings/types.js';
import { authenticated, type TokenEndpointEvidence } from './evidence.js';

/**
 * A GUID where the client secret's value belongs: Azure's "Secret ID" column copied instead of
 * "Value" (AADSTS7000215). Definitive with that code; an error guess when the client was refused
 * otherwise; a warning before any answer; nothing when the server accepted it (some servers do
 * issue GUID secrets).
 */
export const tokenClientSecretId = defineCheck<TokenEndpointEvidence>(
  'token-client-secret-id',
  (ev): RawFinding[] => {
    if (ev.secret !== 'guid') return [];
    const a = ev.answer;
    if (a !== undefined && authenticated(a)) return [];
    const shape =
      ev.secretIsClientId === true
        ? 'the client secret is the client id itself (a GUID): the secret value was never pasted'
        : 'the client secret has the shape of a GUID (8-4-4-4-12 hex digits), as a secret ID has';
    if (a?.aadsts === 'AADSTS7000215')
      return [
        finding(
          'token.client-secret-id',
          'definitive',
          [shape, 'AADSTS7000215: invalid client secret provided'],
          { confirmed: true },
        ),
      ];
    if (a !== undefined && (a.error === 'invalid_client' || a.status === 401))
      return [
        finding(
          'token.client-secret-id',
          'heuristic',
          [
            shape,
            `the token endpoint refused the client (${a.status}${a.error !== undefined ? ` ${a.error}` : ''})`,
          ],
          { confirmed: true },
        ),
      ];
    if (a === undefined)
      return [{ ...finding('token.client-secret-id', 'heuristic', shape), severity: 'warning' }];
    return [];
  },
);
