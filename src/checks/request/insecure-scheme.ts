import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';

/** Loopback and private names: plain http there is a local emulator, not a leak. */
export function isLocalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    /^127\./.test(h) ||
    /^10\./.test(h) ||
    /^192\.168\./.test(h) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(h) ||
    h.endsWith('.local') ||
    h.endsWith('.internal') ||
    !h.includes('.')
  );
}

export const insecureScheme = defineCheck<RequestEvidence>(
  'insecure-scheme',
  ({ url, credential }) => {
    if (url.protocol !== 'http:' || isLocalHost(url.hostname) || !credential) return [];
    return [
      finding(
        'net.insecure-scheme',
        'definitive',
        `http://${url.host}: the credential crosses the network unencrypted`,
        { host: url.host },
      ),
    ];
  },
);
