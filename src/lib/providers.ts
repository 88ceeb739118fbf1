import { meantValue } from '../evidence/key-evidence.js';
import { PROVIDERS } from '../providers/catalog/index.js';
import {
  detectProvider as detect,
  providerById as byId,
  type DetectedBy,
} from '../providers/detect.js';
import type { Provider } from '../providers/types.js';
import type { Secret } from '../secret/secret.js';

/**
 * Every provider why401 knows (typed data): hosts and regions, where the credential goes, required
 * companion headers, key shapes with their kinds and public prefix, the validation request.
 */
export const providers: readonly Provider[] = PROVIDERS;

export interface ProviderDetection {
  readonly provider: Provider | null;
  /** Provider ids still in the running, best first (the chosen one included). */
  readonly candidates: readonly string[];
  /** What settled it: the host, the key's shape, or nothing. */
  readonly by: DetectedBy;
}

/**
 * The provider of a URL and/or key: by host first (`api.openai.com`), then by the key's shape
 * (`sk-ant-…`, `ghp_…`, `xoxb-…`). A scheme or quotes around the key are looked through.
 *
 * @example
 * detectProvider('https://api.anthropic.com/v1/messages').provider?.id; // 'anthropic'
 * detectProvider(undefined, 'ghp_…').provider?.id;                       // 'github'
 */
export function detectProvider(
  url?: string | URL | undefined,
  key?: string | Secret | undefined,
): ProviderDetection {
  const raw = typeof key === 'string' || key === undefined ? key : key.reveal();
  const meant = raw === undefined ? undefined : meantValue(raw);
  return detect({
    ...(url !== undefined ? { url: url instanceof URL ? url.href : url } : {}),
    ...(meant ? { key: meant } : {}),
  });
}

/**
 * A provider by id (`openai`, `github`, `azure-openai`, …), or undefined.
 *
 * @example
 * providerById('stripe')?.auth; // { in: 'basic', pair: 'key:' } …
 */
export function providerById(id: string): Provider | undefined {
  return byId(id);
}
