import type { Provider } from '../../providers/types.js';
import { registrableDomain } from '../request/provider-domain.js';

/** A catalog host as a plain name: `*.openai.azure.com` → `openai.azure.com`, `*-aiplatform.googleapis.com` → `googleapis.com`. */
function plainHost(host: string): string {
  return host.replace(/^\*\./, '').replace(/^[^.]*\*[^.]*\./, '');
}

/**
 * Two catalog entries of one vendor: their API hosts share a registrable domain (Google's Gemini,
 * Vertex and Firebase all live on googleapis.com). One vendor's other credential is a key of
 * another type, not another provider's key.
 */
export function sameVendor(a: Provider, b: Provider): boolean {
  if (a.id === b.id) return true;
  const domains = new Set(a.hosts.map((h) => registrableDomain(plainHost(h))));
  return b.hosts.some((h) => domains.has(registrableDomain(plainHost(h))));
}
