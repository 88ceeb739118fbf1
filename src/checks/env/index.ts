import type { Check } from '../types.js';
import type { EnvEvidence } from '../../evidence/env.js';
import { envNotLoaded } from './not-loaded.js';
import { envSimilarName } from './similar-name.js';
import { envFrameworkPrefix } from './framework-prefix.js';
import { envUnset } from './unset.js';
import { envQuotesKept } from './quotes-kept.js';
import { envK8sNewline } from './k8s-newline.js';
import { envShadowed } from './shadowed.js';
import { envStale } from './stale.js';
import { envComposeMismatch } from './compose-mismatch.js';
import { envDockerBaked } from './docker-baked.js';
import { envDuplicate } from './duplicate.js';
import { envCrlf } from './crlf.js';
import { envNetrc } from './netrc.js';
import { envBaseUrlOverride } from './base-url-override.js';
import { envFilePrecedence } from './file-precedence.js';

/** Every check of a variable's sources, the most specific explanation first. */
export const ENV_CHECKS: readonly Check<EnvEvidence>[] = [
  envNotLoaded,
  envSimilarName,
  envFrameworkPrefix,
  envUnset,
  envQuotesKept,
  envK8sNewline,
  envShadowed,
  envStale,
  envComposeMismatch,
  envDockerBaked,
  envDuplicate,
  envCrlf,
  envNetrc,
  envBaseUrlOverride,
  envFilePrecedence,
];
