import { defineCheck, finding } from '../types.js';
import type { RawFinding } from '../../findings/types.js';
import { AADSTS } from './aadsts.js';
import { authenticated, type TokenEndpointEvidence } from './evidence.js';

type TokenErrorId = 'token.invalid-client' | 'token.invalid-grant' | 'token.scope-denied';

/** RFC 6749 §5.2 and RFC 8707 error codes, by the finding that explains each. */
const BY_ERROR: Readonly<Record<string, TokenErrorId>> = {
  invalid_client: 'token.invalid-client',
  // GitHub (answered with 200), Salesforce
  incorrect_client_credentials: 'token.invalid-client',
  invalid_client_id: 'token.invalid-client',
  invalid_client_secret: 'token.invalid-client',
  bad_verification_code: 'token.invalid-grant',
  bad_refresh_token: 'token.invalid-grant',
  redirect_uri_mismatch: 'token.invalid-grant',
  unauthorized_client: 'token.invalid-client',
  unsupported_grant_type: 'token.invalid-client',
  invalid_grant: 'token.invalid-grant',
  invalid_scope: 'token.scope-denied',
  invalid_target: 'token.scope-denied',
};

/**
 * What the token endpoint said: its `error` (and Azure's AADSTS code, which is more precise than
 * the `error` it comes with) names the family; the server's own description is the evidence.
 * A 401 without a body is client authentication refused (RFC 6749 §5.2).
 */
export const tokenOauthError = defineCheck<TokenEndpointEvidence>(
  'token-oauth-error',
  (ev): RawFinding[] => {
    const a = ev.answer;
    if (a === undefined || a.issued) return [];
    const known = a.aadsts !== undefined ? AADSTS[a.aadsts] : undefined;
    const id: TokenErrorId | undefined =
      known?.id === 'token.client-secret-id' || known?.id === 'token.client-auth-method'
        ? 'token.invalid-client'
        : ((known?.id as TokenErrorId | undefined) ??
          (a.error !== undefined ? BY_ERROR[a.error] : undefined) ??
          // Auth0: access_denied, 401 for the client's credentials, 403 for an API (audience)
          // the client may not use or that does not exist ("Service not found").
          (a.error === 'access_denied' && a.status === 403 ? 'token.scope-denied' : undefined) ??
          // invalid_request about the client's credentials (none found, badly encoded).
          (a.error === 'invalid_request' && !authenticated(a)
            ? 'token.invalid-client'
            : undefined) ??
          (a.status === 401 ? 'token.invalid-client' : undefined));
    if (id === undefined) return [];
    // The other client authentication method, or the secret cleaned, got past the client check:
    // that (token.client-auth-method, the key.* finding), not the client, is the cause.
    if (
      id === 'token.invalid-client' &&
      (authenticated(ev.probes.otherAuth) || authenticated(ev.probes.cleaned))
    )
      return [];
    const evidence = [
      `the token endpoint answered ${a.status}${a.error !== undefined ? ` error="${a.error}"` : ' without an OAuth error'}`,
    ];
    if (a.aadsts !== undefined)
      evidence.push(`${a.aadsts}${known !== undefined ? `: ${known.meaning}` : ''}`);
    if (a.description !== undefined) evidence.push(`error_description: ${a.description}`);
    if (a.uri !== undefined) evidence.push(`error_uri: ${a.uri}`);
    const requested = [
      ...(ev.requested.scope !== undefined ? [`scope=${ev.requested.scope}`] : []),
      ...(ev.requested.audience !== undefined ? [`audience=${ev.requested.audience}`] : []),
      ...ev.requested.resources.map((r) => `resource=${r}`),
    ];
    if (id === 'token.scope-denied' && requested.length > 0)
      evidence.push(`requested: ${requested.join(' ')}`);
    return [
      finding(
        id,
        a.error !== undefined || a.aadsts !== undefined ? 'attributed' : 'heuristic',
        evidence,
        {
          status: a.status,
          grant: ev.grant,
          auth: ev.auth,
          ...(a.error !== undefined ? { error: a.error } : {}),
          ...(a.description !== undefined ? { description: a.description } : {}),
          ...(a.aadsts !== undefined ? { aadsts: a.aadsts } : {}),
          ...(known !== undefined ? { knownFix: known.fix } : {}),
          ...(requested.length > 0 ? { requested: requested.join(' ') } : {}),
        },
      ),
    ];
  },
);
