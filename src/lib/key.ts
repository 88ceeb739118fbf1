import { parseUrl } from '../engine/build-request.js';
import { lintKey as lintSecret, type KeyReport } from '../engine/lint-key.js';
import { usageError } from '../errors.js';
import { providerById, providerIds, providersForHost } from '../providers/detect.js';
import { Secret } from '../secret/secret.js';

export interface LintKeyOptions {
  /** The provider the key is meant for (`openai`, `stripe`, …): checks type and environment. */
  readonly provider?: string | undefined;
  /** The URL the key is sent to: its host names the provider, its path the kind of key needed. */
  readonly url?: string | undefined;
  /** Where the value came from, shown in reports (`env:OPENAI_API_KEY`); default `value`. */
  readonly source?: string | undefined;
}

/**
 * Every key.* check, offline: whitespace, line breaks, invisible and look-alike characters,
 * quotes, placeholders, unexpanded variables, masked copies, a scheme inside the value, the
 * provider and kind its shape says, JWT expiry. Nothing is sent. The report holds the key only
 * redacted and fingerprinted.
 *
 * @example
 * const report = lintKey(process.env.OPENAI_API_KEY ?? '', { provider: 'openai' });
 * for (const f of report.findings) console.log(f.severity, f.id, f.fix);
 */
export function lintKey(value: string | Secret, options: LintKeyOptions = {}): KeyReport {
  const secret = typeof value === 'string' ? new Secret(value, options.source ?? 'value') : value;
  const named = options.provider === undefined ? undefined : providerById(options.provider);
  if (options.provider !== undefined && !named)
    throw usageError(
      `unknown provider "${options.provider.slice(0, 40)}"; known: ${providerIds().join(', ')}`,
    );
  const target = options.url === undefined ? undefined : parseUrl(options.url, 'the URL');
  const byHost = target ? providersForHost(target.hostname)[0] : undefined;
  const expected = named
    ? { provider: named, by: 'flag' as const }
    : byHost
      ? { provider: byHost, by: 'host' as const }
      : null;
  return lintSecret(secret, { expected, ...(target ? { path: target.pathname } : {}) });
}
