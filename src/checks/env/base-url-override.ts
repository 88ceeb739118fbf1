import { defineCheck, finding } from '../types.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** OPENAI_BASE_URL, ANTHROPIC_BASE_URL, …: the SDK sends the key to another host (bu-03). */
export const envBaseUrlOverride = defineCheck<EnvEvidence>('env-base-url-override', (e) =>
  e.baseUrls.map((b) =>
    finding(
      'env.base-url-override',
      'attributed',
      `${b.name} is set in ${b.where}: ${b.host === null ? 'it is not a URL' : `requests go to ${b.host}`}, not ${b.expected} (read by ${b.readers})`,
      { name: b.name },
    ),
  ),
);
