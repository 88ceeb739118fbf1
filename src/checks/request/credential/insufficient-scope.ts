import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

export const insufficientScope = defineCheck<RequestEvidence>(
  'insufficient-scope',
  ({ final, credential, probes }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted) return [];
    const bearer = f.bearerError === 'insufficient_scope';
    const needed =
      f.headers['x-accepted-oauth-scopes'] ??
      f.challenges.find((c) => c.params['scope'])?.params['scope'];
    const held = f.headers['x-oauth-scopes'];
    const missingScope =
      needed !== undefined &&
      needed.trim() !== '' &&
      held !== undefined &&
      !needed.split(/[\s,]+/).some((s) => held.split(/[\s,]+/).includes(s));
    const saysScope =
      f.status === 403 &&
      f.says.has('scope') &&
      !f.says.has('invalid') &&
      !f.says.has('waf') &&
      !f.says.has('restricted') &&
      // billing is status.quota-exceeded's, though Google words it PERMISSION_DENIED
      !f.says.has('quota');
    if (!bearer && !missingScope && !saysScope) return [];
    const evidence: string[] = [];
    if (bearer) evidence.push('WWW-Authenticate: error="insufficient_scope"');
    if (needed)
      evidence.push(
        `accepted scopes: ${needed.slice(0, 80)}; the token has: ${held?.slice(0, 80) || 'none listed'}`,
      );
    if (saysScope) evidence.push(`${f.status}: ${f.errorText.slice(0, 120)}`);
    return [
      finding(
        'credential.insufficient-scope',
        // the token itself works elsewhere (validation request): only the scope is missing
        // a 403 naming the scope while the token works elsewhere: only the scope is missing
        // (a 404 stays status.not-found-masked's to explain)
        missingScope && probes.validate?.accepted && f.status !== 404
          ? 'confirmed'
          : bearer || missingScope
            ? 'definitive'
            : 'attributed',
        evidence,
        { scopesNeeded: needed ?? null, scopesHeld: held ?? null },
      ),
    ];
  },
);
