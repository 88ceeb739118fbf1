import type { Check } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import { netReach } from './net-reach.js';
import { clientRefused } from './client-refused.js';
import { loginRedirect } from './status/login-redirect.js';
import { redirectDropsAuth } from './redirect-drops-auth.js';
import { insecureScheme } from './insecure-scheme.js';
import { proxyConfigured } from './proxy-configured.js';
import { proxyStripsAuth } from './proxy-strips-auth.js';
import { errorInBody } from './status/error-in-body.js';
import { forbidden } from './status/forbidden.js';
import { noRoute } from './status/no-route.js';
import { notFoundMasked } from './status/not-found-masked.js';
import { proxyAuth } from './status/proxy-auth.js';
import { rateOrQuota } from './status/rate-or-quota.js';
import { serverError } from './status/server-error.js';
import { wafBlocked } from './status/waf-blocked.js';
import { credentialExpired } from './credential/expired.js';
import { credentialInvalid } from './credential/invalid.js';
import { insufficientScope } from './credential/insufficient-scope.js';
import { restricted } from './credential/restricted.js';
import { ssoRequired } from './credential/sso-required.js';
import { wrongAccount } from './credential/wrong-account.js';
import { wrongRegion } from './credential/wrong-region.js';
import { wrongTokenType } from './credential/wrong-token-type.js';
import { gateway } from './layer/gateway.js';
import { upstream } from './layer/upstream.js';
import { headerDuplicate } from './header/duplicate.js';
import { headerMissing } from './header/missing.js';
import { headerPlacement } from './header/placement.js';
import { requiredMissing } from './header/required-missing.js';
import { underscoreName } from './header/underscore-name.js';
import { clockSkew } from './clock.js';
import { maskedEcho } from './masked-echo.js';
import { environmentSaid } from './environment.js';
import { providerDomain } from './provider-domain.js';
import { tokenWrongAudience, tokenWrongIssuer } from './token.js';
import { keyLimitedTo } from './credential/key-permission.js';
import { signedSchemeWanted } from './header/signed-scheme.js';
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
