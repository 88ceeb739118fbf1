import { usageError } from '../errors.js';
import { PROVIDERS } from '../providers/catalog/index.js';
import { providerById } from '../providers/detect.js';
import type { Provider } from '../providers/types.js';
import { nameOption, nearNames } from './options.js';

/**
 * The provider an id names (`--provider ID`, `providers ID`), or a usage error that never echoes a
 * key pasted there, and suggests near ids for a typo (`opnai`) or a part (`git`).
 */
export function providerOf(id: string, flag = '--provider'): Provider {
  nameOption(
    flag,
    id,
    'a provider id such as openai or github',
    'pass a key with --key-env VAR or --key-stdin; why401 providers lists the ids',
  );
  const p = providerById(id);
  if (p) return p;
  const near = nearNames(
    id,
    PROVIDERS.map((q) => q.id),
  );
  // names too: "google" finds google-gemini, "hugging" huggingface
  for (const q of PROVIDERS)
    if (id.length >= 3 && q.name.toLowerCase().includes(id.toLowerCase()) && !near.includes(q.id))
      near.push(q.id);
  throw usageError(
    `unknown provider "${id}".${near.length > 0 ? ` Did you mean: ${near.slice(0, 6).join(', ')}?` : ' Run why401 providers for the list.'}`,
  );
}
