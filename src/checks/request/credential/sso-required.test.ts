import { ssoRequired } from './sso-required.js';
import { checkTable } from '../test-helpers.js';

checkTable(ssoRequired, 'credential.sso-required', {
  finds: [
    {
      name: "GitHub's X-GitHub-SSO with the authorization URL",
      reply: {
        status: 403,
        headers: {
          'x-github-sso':
            'required; url=https://github.com/orgs/acme/sso?authorization_request=AbC',
        },
        body: { message: 'Resource protected by organization SAML enforcement.' },
      },
      confidence: 'definitive',
      evidence: ['X-GitHub-SSO: required'],
      data: { ssoUrl: 'https://github.com/orgs/acme/sso?authorization_request=AbC' },
    },
    {
      name: 'a 403 that says SAML, no header',
      reply: {
        status: 403,
        body: { message: 'You must grant your token access to this organization with SAML SSO' },
      },
      data: { ssoUrl: null },
    },
  ],
  ok: [
    { name: 'a bare 403', reply: { status: 403 } },
    {
      name: 'a 401 that mentions SSO is not this',
      reply: { status: 401, body: { message: 'SSO session expired' } },
    },
    {
      name: 'accepted with the header (partial results)',
      reply: { status: 200, headers: { 'x-github-sso': 'partial-results; organizations=123' } },
    },
  ],
});
