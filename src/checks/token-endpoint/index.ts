import type { Check } from '../types.js';
import type { TokenEndpointEvidence } from './evidence.js';
import { tokenClientSecretId } from './secret-id.js';
import { tokenClientAuthMethod } from './client-auth-method.js';
import { tokenOauthError } from './oauth-error.js';

/** The checks of a token endpoint's answer (`why401 token`), in report order. */
export const TOKEN_ENDPOINT_CHECKS: readonly Check<TokenEndpointEvidence>[] = [
  tokenClientSecretId,
  tokenClientAuthMethod,
  tokenOauthError,
];

/** Within one severity and confidence: the more precise cause first. */
export const TOKEN_ORDER: readonly string[] = [
  'token.client-secret-id',
  'token.client-auth-method',
  'token.scope-denied',
  'token.invalid-grant',
  'token.invalid-client',
];
