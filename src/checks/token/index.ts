import type { Check } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import { tokenNotJwt } from './not-jwt.js';
import { issuerMetadata, resourceAudience } from './metadata.js';
import { tokenSignature } from './signature.js';
import { tokenSaid } from './said.js';

/**
 * The OAuth token checks (issue 16), over the request evidence and `evidence.token` (what
 * discovery fetched). Same-id findings merge (`dedupeFindings`): what the issuer's metadata
 * proves (definitive) carries what the API said (attributed) as more evidence.
 */
export const TOKEN_CHECKS: readonly Check<RequestEvidence>[] = [
  tokenNotJwt,
  issuerMetadata,
  tokenSignature,
  resourceAudience,
  tokenSaid,
];
