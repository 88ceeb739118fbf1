import type { Provider } from '../../../providers/types.js';
import { defineCheck, finding } from '../../types.js';
import { sameAnswer, type RequestEvidence } from '../../../evidence/request.js';

/** Does this provider answer 404 for what the caller may not see? Its known error shapes say so. */
export function hidesAs404(provider: Provider | null): boolean {
  if (!provider) return false;
  if (['github', 'github-app', 'gitlab'].includes(provider.id)) return true;
  return provider.errorShapes.some(
    (e) =>
      e.status === 404 &&
      /not visible|hidden|hides|private|not shared|permission|instead of 40[13]/i.test(
        `${e.when} ${e.body}`,
      ),
  );
}

/**
 * Why a 404 may mean "not for you": the provider is known to hide resources so, the server names
 * the scopes it wants, or the answer depends on the credential (without it: 401/403) and its words
 * are not those of an unmatched route.
 */
export function masking(ev: RequestEvidence): string[] {
  const f = ev.final.facts;
  if (f?.status !== 404 || !ev.credential) return [];
  const anon = ev.probes['without-credential'];
  const scopes = f.headers['x-accepted-oauth-scopes'] ?? f.headers['x-accepted-github-permissions'];
  const reasons: string[] = [];
  if (hidesAs404(ev.provider))
    reasons.push(`${ev.provider?.name} answers 404 for resources the caller may not see`);
  if (scopes) reasons.push(`the server accepts these scopes here: ${scopes.slice(0, 80)}`);
  const anonStatus = anon?.facts?.status;
  if (
    (anonStatus === 401 || anonStatus === 403) &&
    !f.says.has('route') &&
    !sameAnswer(anon, ev.final)
  )
    reasons.push(
      `without the credential: ${anonStatus}; with it: 404: the server read the key, and shows this caller nothing here`,
    );
  return reasons;
}

/** A 404 that means "not for you": a provider that hides resources, scope headers, or a probe. */
export const notFoundMasked = defineCheck<RequestEvidence>('not-found-masked', (ev) => {
  const { final, probes } = ev;
  const reasons = masking(ev);
  if (reasons.length === 0) return [];
  const anon = probes['without-credential'];
  const validate = probes.validate;
  const scopes =
    final.facts?.headers['x-accepted-oauth-scopes'] ??
    final.facts?.headers['x-accepted-github-permissions'];
  // The same 404 without the credential proves hiding only where the provider is known to hide.
  const identical = hidesAs404(ev.provider) && sameAnswer(anon, final);
  const evidence = ['404 Not Found', ...reasons];
  if (identical)
    evidence.push('the very same 404 without any credential: "not found" cannot be trusted');
  if (validate?.accepted)
    evidence.push(
      `the credential itself is valid (${validate.request.url.pathname} answered ${validate.facts?.status})`,
    );
  return [
    finding(
      'status.not-found-masked',
      identical || validate?.accepted ? 'confirmed' : 'attributed',
      evidence,
      { status: 404, scopesNeeded: scopes ?? null },
    ),
  ];
});
