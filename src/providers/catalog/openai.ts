import type { Provider } from '../types.js';
import { bearer, getOk, openAiErrorBody, sameMeaning } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/openai/openai.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/openaiadmin/openaiadmin.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule openai-api-key)
//   https://developers.openai.com/api/reference/overview
//   https://help.openai.com/en/articles/6891781-error-code-401-incorrect-api-key-provided
//   https://www.developersdigest.tech/errors/api/openai-api/401-invalid-authentication
export const openai: Provider = {
  id: 'openai',
  name: 'OpenAI',
  hosts: ['api.openai.com'],
  auth: bearer(),
  alternatives: [],
  headers: [
    {
      name: 'OpenAI-Organization',
      value: 'org-<id>',
      required: false,
      note: 'Only needed when a legacy user key belongs to several organizations; usage is billed to that org.',
    },
    {
      name: 'OpenAI-Project',
      value: 'proj_<id>',
      required: false,
      note: 'Selects the project for legacy user keys; a project key is already bound to one project.',
    },
  ],
  keyShapes: [
    {
      pattern: /sk-proj-[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}/,
      kinds: ['secret', 'project'],
      prefix: 'sk-proj-',
      note: "Project key; every OpenAI key embeds the marker T3BlbkFJ (base64 of 'OpenAI'). Real keys: halves of 74 (164 chars, current), 58 (gitleaks) or 20 (56 chars, early 2024): 56 to 164 chars.",
    },
    {
      pattern: /sk-svcacct-[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}/,
      kinds: ['secret', 'service-account'],
      prefix: 'sk-svcacct-',
      note: 'Service-account key (bound to one project).',
    },
    {
      pattern: /sk-service-[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}/,
      kinds: ['secret', 'service-account'],
      prefix: 'sk-service-',
      note: 'Service-account key, alternative prefix seen by secret scanners.',
    },
    {
      pattern: /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/,
      kinds: ['secret', 'legacy'],
      prefix: 'sk-',
      note: 'Legacy user key, 51 chars total.',
    },
    {
      pattern: /sk-admin-[A-Za-z0-9_-]{58}T3BlbkFJ[A-Za-z0-9_-]{58}/,
      kinds: ['admin'],
      prefix: 'sk-admin-',
      usableAsApiKey: false,
      note: 'Admin key; only works on /v1/organization/* admin endpoints, not on model endpoints.',
    },
  ],
  validate: getOk(
    'https://api.openai.com/v1/models',
    'Free, read-only list of models. trufflehog instead calls GET /v1/me (undocumented; returns user id, orgs, mfa flag). Admin keys: GET /v1/organization/admin_api_keys. OpenAI says revocation takes effect within seconds and other auth-relevant changes propagate within about 15 minutes.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'wrong, revoked or deleted key',
      body:
        openAiErrorBody({
          message:
            'Incorrect API key provided: sk-...abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        }) + ' (message text confirmed; type/code values unverified)',
    },
    {
      status: 401,
      when: 'other auth failures',
      body: "Same envelope with messages such as 'You must be a member of an organization to use the API', 'IP not authorized' (key has an IP allowlist) or 'Invalid Authentication' (key not valid for the org/project sent in headers).",
    },
    {
      status: 403,
      when: 'request from an unsupported country/region',
      body: "error.message 'Country, region, or territory not supported'",
    },
  ],
  revealingHeaders: [
    {
      name: 'openai-organization',
      meaning: 'Organization the request was billed to (identifies which org the key resolved to).',
    },
    { name: 'openai-processing-ms', meaning: 'Server processing time.' },
    { name: 'openai-version', meaning: 'REST API version (2020-10-01).' },
    { name: 'x-request-id', meaning: 'Request id for support.' },
    ...sameMeaning(
      "Rate-limit state of the key's project/org.",
      'x-ratelimit-limit-requests',
      'x-ratelimit-remaining-requests',
      'x-ratelimit-remaining-tokens',
      'x-ratelimit-reset-requests',
    ),
    { name: 'openai-project', meaning: 'Project the request was attributed to (unverified).' },
  ],
  unverified: ['type/code values of the invalid_api_key body', 'openai-project response header'],
};
