import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** A header the provider requires beside the credential is absent from the request as sent. */
export const requiredMissing = defineCheck<RequestEvidence>(
  'required-missing',
  ({ provider, headerNames, asSent, final, method, url }) => {
    if (!provider || final.accepted) return [];
    // An empty value (`-H "User-Agent:"`) is no value: curl sends none at all for it.
    const empty = new Set(
      final.request.headers.filter(([, v]) => v.trim() === '').map(([n]) => n.toLowerCase()),
    );
    const missing = [
      ...provider.headers.filter(
        (h) =>
          h.required &&
          (!headerNames.includes(h.name.toLowerCase()) || empty.has(h.name.toLowerCase())) &&
          !(/content-type/i.test(h.name) && method === 'GET'),
      ),
      // a required query parameter (Azure's api-version) is as much a part of the call
      ...(provider.queryParams ?? [])
        .filter((q) => q.required && !url.searchParams.has(q.name))
        .map((q) => ({ ...q, name: `?${q.name}=` })),
    ];
    const saysHeader =
      final.facts !== undefined &&
      /header/i.test(final.facts.errorText) &&
      final.facts.says.has('missing');
    if (missing.length === 0 || (!asSent && !saysHeader)) return [];
    return [
      finding(
        'header.required-missing',
        'definitive',
        missing.map((h) => `${provider.name} requires ${h.name}: ${h.value}`),
        {
          requiredHeader: missing[0]?.name ?? null,
        },
      ),
    ];
  },
);
