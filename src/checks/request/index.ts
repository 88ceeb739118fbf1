import type { Check } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import { netReach } from './net-reach.js';
import { clientRefused } from './client-refused.js';
import { loginRedirect, redirectDropsAuth } from './redirect.js';
import { insecureScheme } from './insecure-scheme.js';
import { proxyConfigured, proxyStripsAuth } from './proxy.js';
import {
  errorInBody,
  forbidden,
  noRoute,
  notFoundMasked,
  proxyAuth,
  rateOrQuota,
  serverError,
  wafBlocked,
} from './status.js';
import {
  credentialExpired,
  credentialInvalid,
  insufficientScope,
  restricted,
  ssoRequired,
  wrongAccount,
  wrongRegion,
  wrongTokenType,
} from './credential.js';
import { gateway, upstream } from './layer.js';
import {
  headerDuplicate,
  headerMissing,
  headerPlacement,
  requiredMissing,
  underscoreName,
} from './headers.js';
import { clockSkew } from './clock.js';
import { maskedEcho } from './masked-echo.js';
import { environmentSaid } from './environment.js';
import { providerDomain } from './provider-domain.js';
import { tokenWrongAudience, tokenWrongIssuer } from './token.js';
import { keyLimitedTo } from './key-permission.js';
import { signedSchemeWanted } from './signed-scheme.js';
import { keyKindElsewhere } from './key-kind-place.js';

/** Every check of the request and its answers, in report order. */
export const REQUEST_CHECKS: readonly Check<RequestEvidence>[] = [
  netReach,
  clientRefused,
  proxyAuth,
  loginRedirect,
  redirectDropsAuth,
  proxyConfigured,
  proxyStripsAuth,
  wafBlocked,
  noRoute,
  rateOrQuota,
  serverError,
  errorInBody,
  environmentSaid,
  providerDomain,
  headerMissing,
  headerPlacement,
  signedSchemeWanted,
  keyKindElsewhere,
  headerDuplicate,
  requiredMissing,
  underscoreName,
  gateway,
  upstream,
  ssoRequired,
  insufficientScope,
  keyLimitedTo,
  notFoundMasked,
  credentialExpired,
  tokenWrongIssuer,
  tokenWrongAudience,
  wrongTokenType,
  restricted,
  wrongAccount,
  wrongRegion,
  maskedEcho,
  clockSkew,
  insecureScheme,
  forbidden,
  credentialInvalid,
];
