import type { Provider } from '../types.js';
import { getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/postmark/postmark.go
//   https://github.com/PipedreamHQ/pipedream/issues/10254
//   https://github.com/ActiveCampaign/postmark-rails/issues/60
//   https://github.com/keighl/postmark/issues/1
export const postmark: Provider = {
  id: 'postmark',
  name: 'Postmark',
  hosts: ['api.postmarkapp.com'],
  auth: inHeader('X-Postmark-Server-Token', null),
  alternatives: [
    inHeader('X-Postmark-Account-Token', null, {
      note: 'Account-level endpoints (servers, domains, sender signatures); never send both headers.',
    }),
  ],
  headers: [
    {
      name: 'Accept',
      value: 'application/json',
      required: true,
      note: 'Postmark expects JSON accept/content-type.',
    },
  ],
  keyShapes: [
    {
      pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
      kinds: ['secret'],
      generic: true,
      note: 'UUID; server and account tokens look identical, only the header differs.',
    },
  ],
  validate: getOk(
    'https://api.postmarkapp.com/server',
    'Server token on /server (unverified; trufflehog uses /deliverystats); account token on GET /domains?count=10&offset=0. Trying both headers tells you which kind the token is.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'no token header',
      body: '{"ErrorCode":10,"Message":"No Account or Server API tokens were supplied in the HTTP headers. Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token."}',
    },
    {
      status: 401,
      when: 'account token in the server header (or invalid)',
      body: '{"ErrorCode":10,"Message":"Request does not contain a valid Server token."}',
    },
    {
      status: 401,
      when: 'both headers sent',
      body: '{"ErrorCode":10,"Message":"Please do not include Account API Token for Server API Token calls."}',
    },
  ],
  revealingHeaders: [],
  unverified: ['GET /server as the server-token probe'],
};
