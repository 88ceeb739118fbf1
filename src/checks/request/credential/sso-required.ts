import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

export const ssoRequired = defineCheck<RequestEvidence>('sso-required', ({ final }) => {
  const f = final.facts;
  const sso = f?.headers['x-github-sso'];
  if (!f || final.accepted || (!sso && !(f.status === 403 && f.says.has('sso')))) return [];
  const url = sso ? /url=([^;\s]+)/.exec(sso)?.[1] : undefined;
  return [
    finding(
      'credential.sso-required',
      'definitive',
      sso ? `X-GitHub-SSO: ${sso.split(';')[0]}` : `${f.status}: ${f.errorText.slice(0, 120)}`,
      { ssoUrl: url ?? null },
    ),
  ];
});
