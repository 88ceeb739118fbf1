import type { Provider } from './types.js';

/**
 * Every provider why401 knows, in the order of shared/research/providers.json. Converted once from
 * that file and curated by hand: hosts are concrete (`*` = one or more labels, or part of a label),
 * key patterns are unanchored and carry no \b (detection anchors them), facts the research could
 * not confirm are listed in `unverified` and marked inline.
 */
export const PROVIDERS: readonly Provider[] = [
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/openai/openai.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/openaiadmin/openaiadmin.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule openai-api-key)
  //   https://developers.openai.com/api/reference/overview
  //   https://help.openai.com/en/articles/6891781-error-code-401-incorrect-api-key-provided
  //   https://www.developersdigest.tech/errors/api/openai-api/401-invalid-authentication
  {
    id: 'openai',
    name: 'OpenAI',
    hosts: ['api.openai.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
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
    validate: {
      method: 'GET',
      url: 'https://api.openai.com/v1/models',
      successStatus: 200,
      note: 'Free, read-only list of models. trufflehog instead calls GET /v1/me (undocumented; returns user id, orgs, mfa flag). Admin keys: GET /v1/organization/admin_api_keys. OpenAI says revocation takes effect within seconds and other auth-relevant changes propagate within about 15 minutes.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'wrong, revoked or deleted key',
        body: '{"error":{"message":"Incorrect API key provided: sk-...abcd. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}} (message text confirmed; type/code values unverified)',
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
        meaning:
          'Organization the request was billed to (identifies which org the key resolved to).',
      },
      {
        name: 'openai-processing-ms',
        meaning: 'Server processing time.',
      },
      {
        name: 'openai-version',
        meaning: 'REST API version (2020-10-01).',
      },
      {
        name: 'x-request-id',
        meaning: 'Request id for support.',
      },
      {
        name: 'x-ratelimit-limit-requests',
        meaning: "Rate-limit state of the key's project/org.",
      },
      {
        name: 'x-ratelimit-remaining-requests',
        meaning: "Rate-limit state of the key's project/org.",
      },
      {
        name: 'x-ratelimit-remaining-tokens',
        meaning: "Rate-limit state of the key's project/org.",
      },
      {
        name: 'x-ratelimit-reset-requests',
        meaning: "Rate-limit state of the key's project/org.",
      },
      {
        name: 'openai-project',
        meaning: 'Project the request was attributed to (unverified).',
      },
    ],
    unverified: ['type/code values of the invalid_api_key body', 'openai-project response header'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/azure_openai/azure_openai.go
  //   https://github.com/SciSharp/BotSharp/issues/386
  //   https://github.com/vercel/chatbot/issues/588
  //   https://github.com/continuedev/continue/issues/4601
  {
    id: 'azure-openai',
    name: 'Azure OpenAI (Azure AI Foundry / Cognitive Services)',
    hosts: ['*.openai.azure.com', '*.cognitiveservices.azure.com'],
    auth: {
      in: 'header',
      name: 'api-key',
      scheme: null,
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Microsoft Entra ID access token for scope https://cognitiveservices.azure.com/.default (scope string unverified).',
      },
      {
        in: 'header',
        name: 'Ocp-Apim-Subscription-Key',
        scheme: null,
        note: 'When the endpoint is fronted by Azure API Management, e.g. a company gateway.',
      },
    ],
    headers: [],
    queryParams: [
      {
        name: 'api-version',
        value: '2023-03-15-preview (or a newer GA version)',
        required: true,
        note: 'Classic data-plane routes need ?api-version=; omitting it or using an unknown version is a 400/404, not 401 (unverified).',
      },
    ],
    keyShapes: [
      {
        pattern: /[a-f0-9]{32}/,
        kinds: ['secret'],
        generic: true,
        note: 'Classic key: 32 lowercase hex. Generic: only meaningful next to a *.openai.azure.com URL (trufflehog requires the host nearby).',
      },
      {
        pattern: /[A-Za-z0-9]{84}/,
        kinds: ['secret'],
        generic: true,
        note: 'Newer Azure AI services keys: 84 alphanumeric chars (unverified).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://<resource>.openai.azure.com/openai/deployments?api-version=2023-03-15-preview',
      successStatus: 200,
      note: 'Lists deployments (trufflehog). A DNS failure means the resource name is wrong, not the key. Key and endpoint must belong to the same resource; a key from another resource or region yields the 401 below.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key, key from another resource, or wrong regional endpoint',
        body: '{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}} (code is sometimes "Unauthorized")',
      },
      {
        status: 401,
        when: 'no key sent through an APIM gateway',
        body: '{"statusCode":401,"message":"Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."}',
      },
      {
        status: 401,
        when: 'an api.openai.com key sent to Azure',
        body: "Same 'Access denied due to invalid subscription key' message.",
      },
    ],
    revealingHeaders: [
      {
        name: 'apim-request-id',
        meaning: 'Request id from the Azure gateway.',
      },
      {
        name: 'x-ms-region',
        meaning: 'Region that served the call (unverified).',
      },
    ],
    unverified: [
      '*.cognitiveservices.azure.com host',
      'Entra ID scope string',
      'api-version missing gives 400/404',
      '84-char key format',
      'x-ms-region header',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/anthropic/anthropic.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule anthropic-api-key)
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule anthropic-admin-api-key)
  //   https://docs.anthropic.com/en/api/overview (response headers; seen via localized copies)
  //   https://docs.anthropic.com/en/api/versioning
  //   https://github.com/anthropics/claude-code/issues/6459
  {
    id: 'anthropic',
    name: 'Anthropic (Claude API)',
    hosts: ['api.anthropic.com'],
    auth: {
      in: 'header',
      name: 'x-api-key',
      scheme: null,
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Claude subscription OAuth tokens (sk-ant-oat01-); clients also send anthropic-beta: oauth-2025-04-20 (unverified). These tokens expire (hours) and are not API keys.',
      },
    ],
    headers: [
      {
        name: 'anthropic-version',
        value: '2023-06-01',
        required: true,
        note: 'Required on every request; SDKs add it.',
      },
      {
        name: 'content-type',
        value: 'application/json',
        required: true,
        note: 'For requests with a body.',
      },
    ],
    keyShapes: [
      {
        pattern: /sk-ant-api03-[A-Za-z0-9_-]{93}AA/,
        kinds: ['secret'],
        prefix: 'sk-ant-api03-',
        note: 'Standard API key (108 chars, always ends in AA).',
      },
      {
        pattern: /sk-ant-admin01-[A-Za-z0-9_-]{93}AA/,
        kinds: ['admin'],
        prefix: 'sk-ant-admin01-',
        usableAsApiKey: false,
        note: 'Admin API key; only for /v1/organizations/* endpoints.',
      },
      {
        pattern: /sk-ant-oat01-[A-Za-z0-9_-]{40,}/,
        kinds: ['oauth'],
        prefix: 'sk-ant-oat01-',
        lengthUnverified: true,
        note: 'OAuth access token (Claude Code / subscriptions); sent as Bearer, expires within hours. Length not pinned (unverified).',
      },
      {
        pattern: /sk-ant-ort01-[A-Za-z0-9_-]{40,}/,
        kinds: ['refresh'],
        prefix: 'sk-ant-ort01-',
        lengthUnverified: true,
        usableAsApiKey: false,
        note: 'OAuth refresh token; exchanged for an access token, never sent to the API. Length not pinned (unverified).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.anthropic.com/v1/models',
      successStatus: 200,
      note: "Free. Admin keys: GET https://api.anthropic.com/v1/organizations/api_keys. trufflehog treats 404 as 'key disabled or not found' as well as 401, and says a 400 is never a bad-key signal.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'missing/invalid/revoked key',
        body: '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_..."} (message also seen as \'API key is invalid.\')',
      },
      {
        status: 401,
        when: 'expired OAuth token',
        body: '{"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."},"request_id":"req_..."}',
      },
      {
        status: 403,
        when: 'key valid but not allowed (workspace/org settings)',
        body: 'error.type permission_error',
      },
      {
        status: 404,
        when: 'disabled key (per trufflehog)',
        body: 'error.type not_found_error (unverified)',
      },
    ],
    revealingHeaders: [
      {
        name: 'request-id',
        meaning: 'Globally unique request id.',
      },
      {
        name: 'anthropic-organization-id',
        meaning: 'Organization that owns the API key used (identity).',
      },
    ],
    unverified: [
      'anthropic-beta: oauth-2025-04-20 header for OAuth tokens',
      'OAuth access/refresh token lengths',
      '404 not_found_error for disabled keys',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/googlegemini/googlegemini.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gcp-api-key)
  //   https://github.com/continuedev/continue/issues/8516
  //   https://github.com/google-gemini/gemini-cli/issues/25198
  //   https://github.com/continuedev/continue/issues/12781
  //   https://github.com/google-gemini/deprecated-generative-ai-python/issues/10
  //   https://github.com/mhawksey/GeminiApp/issues/10
  //   https://github.com/google/generative-ai-docs/issues/356
  //   public code samples of AQ.-prefixed GEMINI_API_KEY values (find_string over public GitHub)
  {
    id: 'google-gemini',
    name: 'Google Gemini API (AI Studio / Generative Language API)',
    hosts: ['generativelanguage.googleapis.com'],
    auth: {
      in: 'header',
      name: 'x-goog-api-key',
      scheme: null,
    },
    alternatives: [
      {
        in: 'query',
        name: 'key',
        note: 'Equivalent; leaks the key into logs.',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /AIza[0-9A-Za-z_-]{35}/,
        kinds: ['secret'],
        prefix: 'AIza',
        note: 'Classic Google API key, 39 chars (AI Studio keys start AIzaSy). Same format as every other Google Cloud / Firebase API key.',
      },
      {
        pattern: /AQ\.Ab[A-Za-z0-9_-]{48}/,
        kinds: ['secret'],
        prefix: 'AQ.',
        lengthUnverified: true,
        note: "Newer AI Studio key format starting 'AQ.' (53 chars in all public samples seen, 2026). Not yet covered by trufflehog or gitleaks (unverified format).",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://generativelanguage.googleapis.com/v1beta/models',
      successStatus: 200,
      note: 'Free model list (trufflehog uses /v1/models). A 403 means the key is a real Google key but cannot call this API (see errorShape).',
    },
    errorShapes: [
      {
        status: 400,
        when: 'invalid, deleted or mistyped key (NOT 401)',
        body: '{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}} (message also \'API Key not found. Please pass a valid API key.\')',
      },
      {
        status: 403,
        when: "API not enabled in the key's project",
        body: "status PERMISSION_DENIED, reason SERVICE_DISABLED ('Generative Language API has not been used in project N before or it is disabled')",
      },
      {
        status: 403,
        when: 'key restricted to other APIs',
        body: "status PERMISSION_DENIED, reason API_KEY_SERVICE_BLOCKED ('Requests to this API generativelanguage.googleapis.com method ... are blocked.')",
      },
      {
        status: 403,
        when: 'key has HTTP-referrer/IP/app restrictions',
        body: "reason API_KEY_HTTP_REFERRER_BLOCKED ('Requests from referer <empty> are blocked.')",
      },
      {
        status: 403,
        when: 'key/project suspended or flagged as leaked',
        body: "reason CONSUMER_SUSPENDED ('Permission denied: Consumer api_key:... has been suspended.')",
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'error body',
        fields: ['details[].metadata.consumer'],
        meaning: 'projects/<number> that owns the key (identity), present on 403s.',
      },
    ],
    unverified: ['AQ. key format'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/googleoauth2/googleoauth2_access_token.go
  //   https://github.com/googleapis/python-api-core/issues/384
  //   https://github.com/a2aproject/a2a-samples/issues/43
  //   https://github.com/rohitaryal/imageFX-api/issues/2
  {
    id: 'google-oauth-vertex',
    name: 'Google OAuth 2.0 access tokens (Vertex AI and other Google Cloud APIs)',
    hosts: [
      'aiplatform.googleapis.com',
      '*-aiplatform.googleapis.com',
      'oauth2.googleapis.com',
      'www.googleapis.com',
    ],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'A ya29. OAuth access token; service-account JSON and API keys must not be sent here.',
    },
    alternatives: [],
    headers: [
      {
        name: 'x-goog-user-project',
        value: '<project-id>',
        required: false,
        note: 'Quota/billing project when using user (ADC) credentials (unverified).',
      },
    ],
    keyShapes: [
      {
        pattern: /ya29\.[0-9A-Za-z_-]{10,}/,
        kinds: ['oauth', 'session'],
        prefix: 'ya29.',
        lengthUnverified: true,
        note: 'Short-lived OAuth access token (about 1 hour).',
      },
      {
        pattern: /\{[\s\S]*"type":\s*"service_account"[\s\S]*\}/,
        kinds: ['service-account'],
        usableAsApiKey: false,
        note: 'Service-account JSON key file; must be exchanged for a ya29 token (JWT bearer grant), it is not itself a bearer credential.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://oauth2.googleapis.com/tokeninfo?access_token=<token>',
      successStatus: 200,
      note: 'Returns exp, expires_in, scope, email/azp for the token. trufflehog uses https://www.googleapis.com/oauth2/v3/tokeninfo. Puts the token in the URL; prefer POST with a form body if logs matter (unverified that POST is accepted).',
    },
    errorShapes: [
      {
        status: 400,
        when: 'tokeninfo with expired/invalid token',
        body: '{"error_description":"Invalid Value"} (trufflehog treats this as definitely invalid)',
      },
      {
        status: 401,
        when: 'expired or garbage token on a Cloud API',
        body: '{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.","status":"UNAUTHENTICATED","details":[{"reason":"ACCESS_TOKEN_EXPIRED",...}]}}',
      },
      {
        status: 401,
        when: 'an API key sent to a Vertex endpoint that requires OAuth',
        body: "message 'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal.', status UNAUTHENTICATED, reason CREDENTIALS_MISSING",
      },
      {
        status: 403,
        when: 'token valid but principal lacks IAM permission or API disabled',
        body: 'status PERMISSION_DENIED (reason IAM_PERMISSION_DENIED or SERVICE_DISABLED; unverified)',
      },
    ],
    revealingHeaders: [
      {
        name: 'WWW-Authenticate',
        meaning:
          'Bearer realm="https://accounts.google.com/" with error="invalid_token" on 401s (unverified).',
      },
    ],
    revealingBody: [
      {
        source: 'tokeninfo body',
        fields: ['exp', 'expires_in', 'scope', 'email'],
        meaning: 'Expiry, granted scopes and identity of the token.',
      },
    ],
    unverified: [
      'x-goog-user-project for ADC user credentials',
      'POST to tokeninfo',
      '403 reasons IAM_PERMISSION_DENIED / SERVICE_DISABLED',
      'WWW-Authenticate value on 401',
    ],
  },
  // Sources:
  //   https://github.com/cline/cline/issues/1734
  //   https://github.com/nextcloud/integration_openai/issues/332
  //   https://github.com/cline/cline/issues/13288
  //   https://github.com/janhq/jan/pull/2672
  //   https://tessl.io/registry/tessl/npm-ai-sdk--mistral/2.0.0/files/docs/provider-configuration.md
  {
    id: 'mistral',
    name: 'Mistral AI',
    hosts: ['api.mistral.ai', 'codestral.mistral.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /[A-Za-z0-9]{32}/,
        kinds: ['secret'],
        generic: true,
        note: 'No prefix; 32 alphanumeric chars (unverified). Only meaningful with context such as MISTRAL_API_KEY. Codestral keys look the same but only work on codestral.mistral.ai.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.mistral.ai/v1/models',
      successStatus: 200,
      note: 'Free. Codestral-specific keys (issued for codestral.mistral.ai) are rejected by api.mistral.ai and vice versa. Users report new keys needing a few minutes before they work.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"message":"Unauthorized","request_id":"<hex>"}',
      },
      {
        status: 401,
        when: 'invalid key (other observed variants)',
        body: '{"detail":"Unauthorized"} or {"detail":"Invalid API Key"}; older: message \'No API key found in request\'',
      },
    ],
    revealingHeaders: [],
    unverified: ['key format (32 alphanumeric)'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/groq/groq.go
  //   https://github.com/ag5826000/resume-commentor/issues/4
  //   https://github.com/spring-projects/spring-ai/pull/997
  {
    id: 'groq',
    name: 'Groq',
    hosts: ['api.groq.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /gsk_[A-Za-z0-9]{52}/,
        kinds: ['secret'],
        prefix: 'gsk_',
        note: '56 chars.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.groq.com/openai/v1/models',
      successStatus: 200,
      note: "OpenAI-compatible base path is /openai/v1. An xAI 'Grok' key is a frequent mix-up.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}',
      },
    ],
    revealingHeaders: [
      {
        name: 'x-request-id',
        meaning: 'Request id (req_...).',
      },
      {
        name: 'x-groq-region',
        meaning: 'Serving region.',
      },
      {
        name: 'x-ratelimit-*',
        meaning: 'Rate-limit state (unverified names).',
      },
    ],
    unverified: ['x-ratelimit-* header names'],
  },
  // Sources:
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule cohere-api-token)
  //   https://docs.cohere.com/reference/check-api-key
  //   https://github.com/cohere-ai/cohere-toolkit/issues/857
  //   https://github.com/wandb/edu/issues/155
  {
    id: 'cohere',
    name: 'Cohere',
    hosts: ['api.cohere.com', 'api.cohere.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [
      {
        name: 'X-Client-Name',
        value: '<app name>',
        required: false,
        note: 'Optional caller label.',
      },
    ],
    keyShapes: [
      {
        pattern: /[A-Za-z0-9]{40}/,
        kinds: ['secret'],
        generic: true,
        note: 'No prefix, 40 alphanumeric; needs context (cohere / CO_API_KEY). Trial and production keys look the same. api.cohere.ai is the legacy host.',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://api.cohere.com/v1/check-api-key',
      successStatus: 200,
      note: 'Dedicated free endpoint; 200 body {"valid":true,"organization_id":...,"owner_id":...}.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"message":"invalid api token"}',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'check-api-key body',
        fields: ['organization_id', 'owner_id'],
        meaning: 'Identity of the key.',
      },
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/openrouter/openrouter.go
  //   https://github.com/musistudio/claude-code-router/issues/227
  //   https://github.com/Fosowl/agenticSeek/issues/407
  //   https://github.com/anomalyco/opencode/issues/14252
  {
    id: 'openrouter',
    name: 'OpenRouter',
    hosts: ['openrouter.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'Base URL must be https://openrouter.ai/api/v1.',
    },
    alternatives: [],
    headers: [
      {
        name: 'HTTP-Referer',
        value: '<app url>',
        required: false,
        note: 'Attribution only (unverified).',
      },
      {
        name: 'X-Title',
        value: '<app name>',
        required: false,
        note: 'Attribution only (unverified).',
      },
    ],
    keyShapes: [
      {
        pattern: /sk-or-v1-[0-9a-f]{64}/,
        kinds: ['secret'],
        prefix: 'sk-or-v1-',
        note: '73 chars.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://openrouter.ai/api/v1/key',
      successStatus: 200,
      note: 'Returns data.label, limit, usage, is_free_tier, limit_remaining (trufflehog). Base URL must be https://openrouter.ai/api/v1.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'no usable credential sent',
        body: '{"error":{"message":"No auth credentials found","code":401}} (also \'No cookie auth credentials found\')',
      },
      {
        status: 401,
        when: 'deleted/invalid key',
        body: '{"error":{"message":"User not found.","code":401}} (also seen during an OpenRouter incident)',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: '/api/v1/key body',
        fields: ['limit', 'usage', 'limit_remaining', 'is_free_tier'],
        meaning: 'Credit limits and tier of the key.',
      },
    ],
    unverified: ['HTTP-Referer / X-Title are attribution only'],
  },
  // Sources:
  //   https://github.com/harshitv804/LawGPT/issues/4
  //   https://github.com/can1357/oh-my-pi/pull/8333
  //   public code samples of tgp_v1_ keys (find_string over public GitHub)
  {
    id: 'together',
    name: 'Together AI',
    hosts: ['api.together.xyz', 'api.together.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /tgp_v1_[A-Za-z0-9_-]{43}/,
        kinds: ['secret'],
        prefix: 'tgp_v1_',
        lengthUnverified: true,
        note: 'Current format, 50 chars (length taken from public samples; unverified).',
      },
      {
        pattern: /[a-f0-9]{64}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Legacy 64-hex keys; generic, needs context.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.together.xyz/v1/models',
      successStatus: 200,
      note: 'Model-agnostic; validating with a chat completion can fail with 400 model_not_available even for a good key.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"error":{"message":"Invalid API key provided. You can find your API key at https://api.together.xyz/settings/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}',
      },
    ],
    revealingHeaders: [],
    unverified: ['tgp_v1_ key length'],
  },
  // Sources:
  //   https://github.com/typeclaw/typeclaw/pull/388
  //   https://github.com/can1357/oh-my-pi/issues/3219
  //   https://github.com/langchain-ai/langchain/issues/15239
  {
    id: 'fireworks',
    name: 'Fireworks AI',
    hosts: ['api.fireworks.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /fw_[A-Za-z0-9]{20,40}/,
        kinds: ['secret'],
        prefix: 'fw_',
        lengthUnverified: true,
        note: 'Standard key; exact length unverified (a public sample is 36 chars).',
      },
      {
        pattern: /fpk_[A-Za-z0-9]{20,60}/,
        kinds: ['secret'],
        prefix: 'fpk_',
        lengthUnverified: true,
        note: "Fire Pass key; only for chat routes (403 'not authorized for this route' elsewhere, which still proves it authenticated). Length unverified.",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.fireworks.ai/inference/v1/models',
      successStatus: 200,
      note: "Caveats: some accounts get 500 'Error listing deployed models' here; Fire Pass keys get 403 FORBIDDEN 'Fire Pass API keys are not authorized for this route.' which still proves authentication succeeded.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: "error code UNAUTHORIZED (exact JSON unverified); an older gateway returned {'fault': {'faultstring': 'Invalid ApiKey', 'detail': {'errorcode': 'oauth.v2.InvalidApiKey'}}}",
      },
      {
        status: 403,
        when: 'Fire Pass key on a non-chat route',
        body: '{"error":{"code":"FORBIDDEN","message":"Fire Pass API keys are not authorized for this route."}}',
      },
    ],
    revealingHeaders: [],
    unverified: ['fw_ and fpk_ key lengths', 'exact 401 JSON'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/deepseek/deepseek.go
  //   https://github.com/PDFMathTranslate/PDFMathTranslate/issues/696
  //   https://github.com/droidrun/mobilerun/issues/28
  //   https://github.com/linshenkx/prompt-optimizer/issues/170
  {
    id: 'deepseek',
    name: 'DeepSeek',
    hosts: ['api.deepseek.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /sk-[a-f0-9]{32}/,
        kinds: ['secret'],
        prefix: 'sk-',
        note: "35 chars; shares the sk- prefix with other providers, so use context (trufflehog requires 'deepseek' nearby and allows [a-z0-9]).",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.deepseek.com/user/balance',
      successStatus: 200,
      note: 'Returns is_available and balance_infos (trufflehog). GET /models also works for a plain auth check.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"error":{"message":"Authentication Fails, Your api key: ****abcd is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}}',
      },
      {
        status: 401,
        when: 'unknown account / malformed header',
        body: "messages 'Authentication Fails (no such user)' and 'Authentication Fails (auth header format should be Bearer sk-...)'",
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'balance body',
        fields: ['is_available', 'balance_infos'],
        meaning: 'Whether the account can still spend.',
      },
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/xai/xai.go
  //   https://github.com/continuedev/continue/issues/10778
  {
    id: 'xai',
    name: 'xAI (Grok API)',
    hosts: ['api.x.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /xai-[0-9A-Za-z_]{80}/,
        kinds: ['secret'],
        prefix: 'xai-',
        note: '84 chars.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.x.ai/v1/api-key',
      successStatus: 200,
      note: "Returns the key's name and acls (permissions).",
    },
    errorShapes: [
      {
        status: 400,
        when: 'invalid key (NOT 401; trufflehog treats 400 and 401 as invalid)',
        body: '"Incorrect API key provided: xa***yz. You can obtain an API key from https://console.x.ai."',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'api-key body',
        fields: ['acls'],
        meaning: 'Permissions granted to the key.',
      },
    ],
  },
  // Sources:
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule perplexity-api-key)
  //   https://github.com/perplexityai/api-discussion/issues/281
  //   https://github.com/BerriAI/litellm/issues/2584
  //   https://www.skills.sh/jeremylongshore/tons-of-skills-marketplace/perplexity-common-errors
  {
    id: 'perplexity',
    name: 'Perplexity (Sonar API)',
    hosts: ['api.perplexity.ai'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /pplx-[A-Za-z0-9]{48}/,
        kinds: ['secret'],
        prefix: 'pplx-',
        note: '53 chars.',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://api.perplexity.ai/chat/completions',
      successStatus: 400,
      body: '{"model":"sonar","messages":[]}',
      note: 'No free identity/models endpoint confirmed (unverified). The body is deliberately invalid: 401 means the key was rejected, a 400 validation error means the key was accepted and nothing was generated (unverified that such requests are never billed).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: 'HTML, not JSON: <title>401 Authorization Required</title> ... openresty/<version>',
      },
      {
        status: 401,
        when: 'invalid key (third-party report)',
        body: '{"error":{"message":"Invalid API key","type":"authentication_error","code":401}} (unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: [
      'no free validation endpoint; the 400 probe is assumed not to be billed',
      'JSON 401 body reported by a third party',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/huggingface/huggingface.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule huggingface-access-token)
  //   https://github.com/huggingface/huggingface_hub/issues/3368
  //   https://github.com/huggingface/huggingface_hub/issues/3479
  {
    id: 'huggingface',
    name: 'Hugging Face',
    hosts: ['huggingface.co', 'router.huggingface.co', 'api-inference.huggingface.co'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /hf_[A-Za-z0-9]{34}/,
        kinds: ['secret'],
        prefix: 'hf_',
        note: 'User access token (read, write or fine-grained), 37 chars.',
      },
      {
        pattern: /api_org_[A-Za-z0-9]{34}/,
        kinds: ['secret', 'legacy'],
        prefix: 'api_org_',
        note: 'Legacy organization API token.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://huggingface.co/api/whoami-v2',
      successStatus: 200,
      note: 'Use whoami-v2: the old /api/whoami rejects current tokens with the same 401 as a bad token.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid token (or token sent to /api/whoami v1)',
        body: '{"error":"Invalid credentials in Authorization header"}',
      },
      {
        status: 401,
        when: 'gated/private repo without access',
        body: '401 or 403 even with a valid token (unverified split)',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'whoami-v2 body',
        fields: ['auth.accessToken.role', 'displayName', 'fineGrained'],
        meaning: 'Token role (read/write/fineGrained), name and scopes.',
      },
      {
        source: 'whoami-v2 body',
        fields: ['name', 'email', 'orgs[].roleInOrg'],
        meaning: 'Identity and org membership.',
      },
    ],
    unverified: ['401 vs 403 for gated/private repos'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/replicate/replicate.go
  //   https://replicate.com/changelog/2024-04-03-bearer-tokens
  //   https://github.com/replicate/replicate-python/issues/47
  //   https://github.com/pguso/ai-agents-workshop/issues/1
  {
    id: 'replicate',
    name: 'Replicate',
    hosts: ['api.replicate.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Token',
        note: 'Legacy scheme, still accepted (Replicate changelog 2024-04-03).',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /r8_[0-9A-Za-z_-]{37}/,
        kinds: ['secret'],
        prefix: 'r8_',
        note: '40 chars.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.replicate.com/v1/account',
      successStatus: 200,
      note: 'Returns account type/username (endpoint unverified). trufflehog uses GET /v1/predictions.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'no token',
        body: '{"title":"Unauthenticated","detail":"You did not pass an authentication token","status":401}',
      },
      {
        status: 401,
        when: 'invalid token',
        body: "detail 'You did not pass a valid authentication token' (unverified)",
      },
      {
        status: 422,
        when: 'invalid token on some model endpoints (seen 2023)',
        body: '{"title":"Invalid version or not permitted",...,"status":422}',
      },
    ],
    revealingHeaders: [],
    unverified: [
      'GET /v1/account as validation endpoint',
      "'You did not pass a valid authentication token' wording",
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/pinecone/pinecone.go
  //   https://github.com/Significant-Gravitas/AutoGPT/issues/541
  {
    id: 'pinecone',
    name: 'Pinecone',
    hosts: ['api.pinecone.io', '*.pinecone.io'],
    auth: {
      in: 'header',
      name: 'Api-Key',
      scheme: null,
    },
    alternatives: [],
    headers: [
      {
        name: 'X-Pinecone-API-Version',
        value: 'e.g. 2025-10',
        required: false,
        note: 'Pins API version (trufflehog sends it).',
      },
    ],
    keyShapes: [
      {
        pattern: /pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}/,
        kinds: ['secret'],
        prefix: 'pcsk_',
        lengthUnverified: true,
        note: 'Current key format (pcsk_<short id>_<secret>).',
      },
      {
        pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Legacy UUID keys tied to an environment (generic).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.pinecone.io/indexes',
      successStatus: 200,
      note: "200 body has an 'indexes' array. 403 = authenticated key with restricted permissions (trufflehog counts it as valid).",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: 'Unauthorized (body shape unverified)',
      },
      {
        status: 401,
        when: 'legacy environment-scoped key used against the wrong environment',
        body: 'plain text \'API key is missing or invalid for the environment "<env>". Check that the correct environment is specified.\', repeated in the WWW-Authenticate header',
      },
    ],
    revealingHeaders: [
      {
        name: 'WWW-Authenticate',
        meaning: 'Legacy controllers put the human-readable reason here.',
      },
    ],
    unverified: ['401 body shape for an invalid key'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/github/v2/github.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/github/v1/github_old.go
  //   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/github/common/github.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule github-pat)
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule github-fine-grained-pat)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.blog/changelog/label/pats (x-accepted-github-permissions)
  //   https://github.com/anmol098/waka-readme-stats/issues/506
  //   https://github.com/hcengineering/platform/issues/5104
  {
    id: 'github',
    name: 'GitHub (classic PAT, fine-grained PAT, OAuth and user tokens)',
    hosts: ['api.github.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Token',
        note: 'Older scheme (GitHub documents lowercase `token`), still accepted.',
      },
      {
        in: 'basic',
        pair: 'user:key',
        user: 'username',
        note: 'GitHub username with the token as password (keyhacks).',
      },
    ],
    headers: [
      {
        name: 'Accept',
        value: 'application/vnd.github+json',
        required: false,
        note: 'Recommended.',
      },
      {
        name: 'X-GitHub-Api-Version',
        value: '2022-11-28',
        required: false,
        note: 'Recommended.',
      },
      {
        name: 'User-Agent',
        value: '<any>',
        required: true,
        note: 'GitHub rejects API requests without a User-Agent (403) (unverified here).',
      },
    ],
    keyShapes: [
      {
        pattern: /ghp_[A-Za-z0-9]{36}/,
        kinds: ['secret'],
        prefix: 'ghp_',
        note: 'Classic personal access token.',
      },
      {
        pattern: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/,
        kinds: ['secret'],
        prefix: 'github_pat_',
        note: "Fine-grained PAT (github_pat_ + 22 + '_' + 59); expires.",
      },
      {
        pattern: /gho_[A-Za-z0-9]{36}/,
        kinds: ['oauth'],
        prefix: 'gho_',
        note: 'OAuth app user token.',
      },
      {
        pattern: /ghu_[A-Za-z0-9]{36}/,
        kinds: ['oauth'],
        prefix: 'ghu_',
        note: 'GitHub App user-to-server token (also Codespaces/Copilot).',
      },
      {
        pattern: /ghr_[A-Za-z0-9]{36}/,
        kinds: ['refresh'],
        prefix: 'ghr_',
        usableAsApiKey: false,
        note: 'Refresh token (not usable on the API).',
      },
      {
        pattern: /[a-f0-9]{40}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Pre-2021 token format (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.github.com/user',
      successStatus: 200,
      note: 'Works for ghp_/github_pat_/gho_/ghu_. GET /rate_limit is also free and does not consume quota (unverified here). GitHub auto-revokes tokens pushed to public repos, a common cause of a sudden 401. GitHub Enterprise Server: https://<host>/api/v3/user.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid, expired or revoked token',
        body: '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}',
      },
      {
        status: 403,
        when: 'org enforces SAML SSO and the token is not authorized for it',
        body: '403 with an X-GitHub-SSO header giving the authorization URL (message wording unverified)',
      },
      {
        status: 403,
        when: 'token lacks a scope/permission',
        body: "message like 'Resource not accessible by personal access token' (wording unverified); X-Accepted-GitHub-Permissions lists what is needed",
      },
      {
        status: 404,
        when: 'private resource not visible to the token',
        body: '{"message":"Not Found",...} instead of 403 (unverified)',
      },
    ],
    revealingHeaders: [
      {
        name: 'X-OAuth-Scopes',
        meaning: 'Scopes of a classic PAT/OAuth token (absent for fine-grained tokens).',
      },
      {
        name: 'X-Accepted-OAuth-Scopes',
        meaning: 'Scopes the endpoint accepts.',
      },
      {
        name: 'X-Accepted-GitHub-Permissions',
        meaning:
          "Fine-grained permissions the endpoint needs, e.g. 'repository_projects=write; organization_projects=admin'.",
      },
      {
        name: 'github-authentication-token-expiration',
        meaning:
          "Token expiry, e.g. '2026-01-31 12:00:00 UTC' (trufflehog parses both a UTC and a numeric-offset form).",
      },
      {
        name: 'X-GitHub-SSO',
        meaning: 'SAML SSO authorization is required for this org.',
      },
      {
        name: 'X-RateLimit-Limit',
        meaning: 'Rate limit; a limit of 0 on a 401 shows the token was not accepted.',
      },
      {
        name: 'X-RateLimit-Remaining',
        meaning: 'Rate limit; a limit of 0 on a 401 shows the token was not accepted.',
      },
      {
        name: 'X-RateLimit-Reset',
        meaning: 'Rate limit; a limit of 0 on a 401 shows the token was not accepted.',
      },
      {
        name: 'X-RateLimit-Used',
        meaning: 'Rate limit; a limit of 0 on a 401 shows the token was not accepted.',
      },
      {
        name: 'X-RateLimit-Resource',
        meaning: 'Rate limit; a limit of 0 on a 401 shows the token was not accepted.',
      },
    ],
    unverified: [
      '403 without User-Agent',
      'SSO / missing-permission 403 wording',
      '404 instead of 403 for hidden private resources',
      '/rate_limit does not consume quota',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/githubapp/githubapp.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule github-app-token)
  //   https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app
  //   https://www.github.com/Link-/gh-token
  {
    id: 'github-app',
    name: 'GitHub App (app JWT and installation tokens)',
    hosts: ['api.github.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'An RS256 app JWT (iss = app id, exp at most 10 minutes ahead) or a ghs_ installation token.',
    },
    alternatives: [],
    headers: [
      {
        name: 'Accept',
        value: 'application/vnd.github+json',
        required: false,
        note: 'Recommended.',
      },
    ],
    keyShapes: [
      {
        pattern: /ghs_[A-Za-z0-9]{36}/,
        kinds: ['session'],
        prefix: 'ghs_',
        note: 'Installation (server-to-server) token, expires 1 hour after creation.',
      },
      {
        pattern: /-----BEGIN RSA PRIVATE KEY-----[\s\S]+-----END RSA PRIVATE KEY-----/,
        kinds: ['secret'],
        prefix: '-----BEGIN RSA PRIVATE KEY-----',
        usableAsApiKey: false,
        note: 'App private key used to sign the JWT; never sent itself.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.github.com/app',
      successStatus: 200,
      note: 'With the app JWT. For an installation token use GET https://api.github.com/installation/repositories; /user does not work for installation tokens (unverified).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'expired installation token (after 1 hour)',
        body: '{"message":"Bad credentials",...}',
      },
      {
        status: 401,
        when: 'bad JWT (clock skew, exp more than 10 minutes ahead, wrong key/app id)',
        body: "message about the JWT, e.g. 'A JSON web token could not be decoded' or an 'exp' claim complaint (wording unverified)",
      },
    ],
    revealingHeaders: [
      {
        name: 'X-Accepted-GitHub-Permissions',
        meaning: 'Permissions the endpoint needs.',
      },
    ],
    revealingBody: [
      {
        source: 'token creation response',
        fields: ['expires_at', 'permissions'],
        meaning: 'Expiry and granted permissions of an installation token.',
      },
    ],
    unverified: [
      'JWT claim limits (iss, exp at most 10 minutes ahead)',
      '/user does not work for installation tokens',
      'JWT error wording',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/gitlab/v1/gitlab.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/gitlab/v3/gitlab_v3.go
  //   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/gitlab/gitlab.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gitlab-pat)
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gitlab-pat-routable)
  //   https://docs.gitlab.com/user/profile/personal_access_tokens.html
  //   https://github.com/gitlabhq/terraform-provider-gitlab/issues/753
  //   https://github.com/ldbglobe/gitlab-finder/issues/5
  {
    id: 'gitlab',
    name: 'GitLab',
    hosts: ['gitlab.com'],
    auth: {
      in: 'header',
      name: 'PRIVATE-TOKEN',
      scheme: null,
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'For OAuth tokens and PATs.',
      },
      {
        in: 'header',
        name: 'JOB-TOKEN',
        scheme: null,
        note: 'CI job tokens (CI_JOB_TOKEN); only some endpoints (unverified).',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /glpat-[A-Za-z0-9_-]{20}/,
        kinds: ['secret'],
        prefix: 'glpat-',
        note: 'Personal/project/group access token (legacy length).',
      },
      {
        pattern: /glpat-[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}/,
        kinds: ['secret'],
        prefix: 'glpat-',
        lengthUnverified: true,
        note: 'Routable token format (GitLab 17.x+).',
      },
      {
        pattern: /gldt-[0-9A-Za-z_-]{20}/,
        kinds: ['secret'],
        prefix: 'gldt-',
        note: 'Deploy token.',
      },
      {
        pattern: /glptt-[0-9a-f]{40}/,
        kinds: ['secret'],
        prefix: 'glptt-',
        note: 'Pipeline trigger token.',
      },
      {
        pattern: /glrt-[0-9A-Za-z_-]{20}/,
        kinds: ['secret'],
        prefix: 'glrt-',
        note: 'Runner authentication token.',
      },
      {
        pattern: /glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}/,
        kinds: ['session'],
        prefix: 'glcbt-',
        lengthUnverified: true,
        note: 'CI/CD job token.',
      },
      {
        pattern: /glft-[0-9A-Za-z_-]{20}/,
        kinds: ['secret'],
        prefix: 'glft-',
        usableAsApiKey: false,
        note: 'Feed token (RSS/calendar only).',
      },
      {
        pattern: /gloas-[0-9A-Za-z_-]{64}/,
        kinds: ['oauth', 'secret'],
        prefix: 'gloas-',
        lengthUnverified: true,
        usableAsApiKey: false,
        note: 'OAuth application secret (not a bearer token).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://gitlab.com/api/v4/personal_access_tokens/self',
      successStatus: 200,
      note: 'Returns name, scopes, active, revoked, expires_at for the token itself. Fallback GET /api/v4/user needs read_user/api scope (403 = valid token, missing scope). Since GitLab 16.0 all tokens expire; gitlab.com began enforcing expiry on 2024-05-14. Self-managed instances: the same path on their own host.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid/expired/revoked token or wrong header',
        body: '{"message":"401 Unauthorized"}',
      },
      {
        status: 401,
        when: 'OAuth-style failure',
        body: '{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."} with WWW-Authenticate: Bearer ... error="invalid_token" (unverified)',
      },
      {
        status: 403,
        when: 'token valid but blocked user',
        body: "'403 Forbidden - Your account has been blocked'",
      },
      {
        status: 403,
        when: 'token valid but missing scope',
        body: '{"error":"insufficient_scope",...} (unverified)',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'personal_access_tokens/self body',
        fields: ['scopes', 'expires_at', 'active'],
        meaning: 'Scopes and expiry of the token.',
      },
    ],
    unverified: [
      'JOB-TOKEN endpoint coverage',
      'OAuth-style invalid_token body',
      'insufficient_scope body',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/bitbucketapppassword/bitbucketapppassword.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule bitbucket-client-secret)
  //   https://support.atlassian.com/bitbucket-cloud/kb/getting-401-http-error-while-authenticating-to-bitbucket-cloud-rest-apis
  //   https://github.com/renovatebot/renovate/discussions/36499
  //   https://github.com/apache/devlake/pull/8604
  {
    id: 'bitbucket',
    name: 'Bitbucket Cloud',
    hosts: ['api.bitbucket.org'],
    auth: {
      in: 'basic',
      pair: 'user:key',
      user: 'email',
      note: 'User = Atlassian account email, password = API token (ATATT...).',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Repository/project/workspace access tokens (ATCTT...).',
      },
      {
        in: 'basic',
        pair: 'user:key',
        user: 'username',
        note: 'Bitbucket username with an app password (ATBB...); app passwords could not be created after 2025-09-09 and stopped working on 2026-06-09.',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /ATATT[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
        kinds: ['secret'],
        prefix: 'ATATT',
        lengthUnverified: true,
        note: 'Atlassian API token (used with the account email, not the username).',
      },
      {
        pattern: /ATBB[A-Za-z0-9_=.-]+/,
        kinds: ['secret', 'legacy'],
        prefix: 'ATBB',
        lengthUnverified: true,
        usableAsApiKey: false,
        note: 'App password (deprecated/dead).',
      },
      {
        pattern: /ATCTT3xFfG[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
        kinds: ['secret'],
        prefix: 'ATCTT3xFfG',
        lengthUnverified: true,
        note: 'Access token (repo/project/workspace); sent as Bearer (unverified that all access tokens share this prefix).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.bitbucket.org/2.0/user',
      successStatus: 200,
      note: 'For user credentials. 403 = valid credential, insufficient scope (trufflehog). Repository access tokens are not users: probe a repository instead (unverified).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'wrong user/secret combination (e.g. email with an app password, username with an API token)',
        body: 'empty or short body; WWW-Authenticate: Basic realm="Bitbucket.org HTTP"',
      },
    ],
    revealingHeaders: [
      {
        name: 'X-OAuth-Scopes',
        meaning: 'Scopes (unverified for Bitbucket).',
      },
      {
        name: 'X-Accepted-OAuth-Scopes',
        meaning: 'Scopes (unverified for Bitbucket).',
      },
    ],
    unverified: [
      'all access tokens start ATCTT',
      'repository access tokens must probe a repository',
      'X-OAuth-Scopes on Bitbucket',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/stripe/stripe.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule stripe-access-token)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/stripe/stripe-node/issues/361
  //   https://github.com/gadelkareem/skeleton/issues/20
  //   https://github.com/stripe/stripe-node/issues/2246
  //   https://github.com/OriginProtocol/dshop/issues/326
  {
    id: 'stripe',
    name: 'Stripe',
    hosts: ['api.stripe.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'Secret (sk_) or restricted (rk_) key.',
    },
    alternatives: [
      {
        in: 'basic',
        pair: 'key:',
        note: 'Key as username, empty password (curl -u sk_...:).',
      },
    ],
    headers: [
      {
        name: 'Stripe-Account',
        value: 'acct_<id>',
        required: false,
        note: 'Connect: act on a connected account; restricted keys need Connect permissions for this.',
      },
      {
        name: 'Stripe-Version',
        value: '<date>',
        required: false,
        note: 'Pins API version.',
      },
    ],
    keyShapes: [
      {
        pattern: /sk_live_[A-Za-z0-9]{24,247}/,
        kinds: ['secret', 'live'],
        prefix: 'sk_live_',
        note: 'Live-mode secret key. Real keys: the prefix and 24 characters (legacy, 32 in all) to the prefix and 99 (current, 107); Stripe documents up to 255. The same lengths hold for every sk_/rk_/pk_ key below.',
      },
      {
        pattern: /sk_test_[A-Za-z0-9]{24,247}/,
        kinds: ['secret', 'test'],
        prefix: 'sk_test_',
        note: 'Test-mode secret key; only sees test-mode data.',
      },
      {
        pattern: /rk_live_[A-Za-z0-9]{24,247}/,
        kinds: ['restricted', 'live'],
        prefix: 'rk_live_',
        note: 'Live-mode restricted key; a 403 naming a missing rak_* permission proves it is valid.',
      },
      {
        pattern: /rk_test_[A-Za-z0-9]{24,247}/,
        kinds: ['restricted', 'test'],
        prefix: 'rk_test_',
        note: 'Test-mode restricted key.',
      },
      {
        pattern: /pk_live_[A-Za-z0-9]{24,247}/,
        kinds: ['publishable', 'live'],
        prefix: 'pk_live_',
        usableAsApiKey: false,
        note: 'Live-mode publishable key: client-side only, cannot read account data.',
      },
      {
        pattern: /pk_test_[A-Za-z0-9]{24,247}/,
        kinds: ['publishable', 'test'],
        prefix: 'pk_test_',
        usableAsApiKey: false,
        note: 'Test-mode publishable key: client-side only, cannot read account data.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.stripe.com/v1/balance',
      successStatus: 200,
      note: 'Read-only. A restricted key without balance read permission gets 403, which still proves the key is valid (trufflehog counts 403 as valid on /v1/charges). Test keys only see test-mode data.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"error":{"message":"Invalid API Key provided: sk_test_****abcd","type":"invalid_request_error"}}',
      },
      {
        status: 401,
        when: 'no key',
        body: "message 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')...'",
      },
      {
        status: 401,
        when: 'whitespace in key',
        body: "message '... This key contains at least one space. Please delete the spaces and try again.'",
      },
      {
        status: 403,
        when: 'restricted key lacks permission',
        body: "message 'The provided key 'rk_test_***' does not have the required permissions for this endpoint on account 'acct_...'. Having the 'rak_..._read' permission would allow this request to continue.' (type invalid_request_error; SDKs raise StripePermissionError)",
      },
    ],
    revealingHeaders: [
      {
        name: 'Request-Id',
        meaning: 'Request id.',
      },
      {
        name: 'Stripe-Version',
        meaning: 'API version applied (unverified that it is echoed on errors).',
      },
      {
        name: 'WWW-Authenticate',
        meaning: 'Basic realm="Stripe" on 401 (unverified).',
      },
    ],
    unverified: [
      'Stripe-Version echoed on errors',
      'WWW-Authenticate: Basic realm="Stripe" on 401',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/twilio/twilio.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/twilioapikey/twilioapikey.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule twilio-api-key)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/twilio/twilio-video-app-react/issues/841
  //   https://github.com/twilio/twilio-php/issues/380
  {
    id: 'twilio',
    name: 'Twilio',
    hosts: ['api.twilio.com', 'verify.twilio.com', '*.twilio.com'],
    auth: {
      in: 'basic',
      pair: 'user:key',
      user: 'AccountSID',
      note: 'AccountSID:AuthToken, or API Key SID (SK...):API Key Secret; the Account SID must still appear in the URL.',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /AC[0-9a-f]{32}/,
        kinds: ['identifier'],
        prefix: 'AC',
        usableAsApiKey: false,
        note: 'Account SID (identifier, not secret); the Basic user with an auth token.',
      },
      {
        pattern: /SK[0-9a-fA-F]{32}/,
        kinds: ['identifier'],
        prefix: 'SK',
        usableAsApiKey: false,
        note: 'API Key SID; its secret is a separate 32-char string.',
      },
      {
        pattern: /[a-f0-9]{32}/,
        kinds: ['secret'],
        generic: true,
        note: 'Auth token (generic 32 hex).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.twilio.com/2010-04-01/Accounts/<AccountSID>.json',
      successStatus: 200,
      note: 'With API-key credentials the Account SID must still appear in the URL. trufflehog uses GET https://verify.twilio.com/v2/Services.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'bad SID/secret pair, deleted API key, or API key SID used where the Account SID is expected',
        body: '{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}',
      },
    ],
    revealingHeaders: [
      {
        name: 'Twilio-Request-Id',
        meaning: 'Request id (unverified).',
      },
    ],
    unverified: ['Twilio-Request-Id header'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/sendgrid/sendgrid.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule sendgrid-api-token)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/sendgrid/sendgrid-php/issues/793
  //   https://github.com/sendgrid/sendgrid-php/issues/239
  {
    id: 'sendgrid',
    name: 'SendGrid (Twilio SendGrid)',
    hosts: ['api.sendgrid.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'The full SG.<id>.<secret> key.',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/,
        kinds: ['secret'],
        prefix: 'SG.',
        note: "SG.<22>.<43> = 69 chars (every public sample and scanner rule seen). The shorter 'API Key ID' shown in the UI is not the key.",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.sendgrid.com/v3/scopes',
      successStatus: 200,
      note: "Returns the key's scopes. 403 = valid key without the needed scope.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid, revoked or expired key',
        body: '{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}',
      },
      {
        status: 403,
        when: 'key lacks scope',
        body: '{"errors":[{"field":null,"message":"access forbidden"}]} (unverified wording)',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: '/v3/scopes body',
        fields: ['scopes'],
        meaning: 'Full scope list of the key.',
      },
    ],
    unverified: ['403 missing-scope wording'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/mailgun/mailgun.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule mailgun-private-api-token)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/mailgun/mailgun.js/issues/64
  //   https://github.com/mailgun/mailgun.js/issues/388
  //   https://github.com/dongri/mailgun-rs/issues/9
  {
    id: 'mailgun',
    name: 'Mailgun',
    hosts: ['api.mailgun.net', 'api.eu.mailgun.net'],
    regions: [
      {
        region: 'US',
        host: 'api.mailgun.net',
      },
      {
        region: 'EU',
        host: 'api.eu.mailgun.net',
      },
    ],
    auth: {
      in: 'basic',
      pair: 'api:key',
      note: 'User is the literal word api, password the private API key.',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /key-[0-9a-f]{32}/,
        kinds: ['secret', 'legacy'],
        prefix: 'key-',
        note: 'Legacy private API key.',
      },
      {
        pattern: /[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}/,
        kinds: ['secret'],
        note: 'Current private/domain sending key format (gitleaks labels this pattern as the webhook signing key, so confirm by context).',
      },
      {
        pattern: /pubkey-[0-9a-f]{32}/,
        kinds: ['publishable'],
        prefix: 'pubkey-',
        usableAsApiKey: false,
        note: 'Public validation key (not for sending).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.mailgun.net/v3/domains',
      successStatus: 200,
      note: 'Use api.eu.mailgun.net for EU accounts: keys are region-bound, and the wrong region gives the same 401 as a bad key.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'bad key, or EU key sent to US host (and vice versa)',
        body: "plain text 'Forbidden' (not JSON)",
      },
      {
        status: 404,
        when: 'domain exists only in the other region',
        body: "'Domain not found'",
      },
    ],
    revealingHeaders: [],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/postmark/postmark.go
  //   https://github.com/PipedreamHQ/pipedream/issues/10254
  //   https://github.com/ActiveCampaign/postmark-rails/issues/60
  //   https://github.com/keighl/postmark/issues/1
  {
    id: 'postmark',
    name: 'Postmark',
    hosts: ['api.postmarkapp.com'],
    auth: {
      in: 'header',
      name: 'X-Postmark-Server-Token',
      scheme: null,
    },
    alternatives: [
      {
        in: 'header',
        name: 'X-Postmark-Account-Token',
        scheme: null,
        note: 'Account-level endpoints (servers, domains, sender signatures); never send both headers.',
      },
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
    validate: {
      method: 'GET',
      url: 'https://api.postmarkapp.com/server',
      successStatus: 200,
      note: 'Server token on /server (unverified; trufflehog uses /deliverystats); account token on GET /domains?count=10&offset=0. Trying both headers tells you which kind the token is.',
    },
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
  },
  // Sources:
  //   https://resend.com/docs/api-reference/errors.md
  //   https://www.resend.com/docs/api-reference/
  {
    id: 'resend',
    name: 'Resend',
    hosts: ['api.resend.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [
      {
        name: 'User-Agent',
        value: '<any>',
        required: true,
        note: 'Requests without a User-Agent are rejected with 403 (Cloudflare error 1010).',
      },
    ],
    keyShapes: [
      {
        pattern: /re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}/,
        kinds: ['secret'],
        prefix: 're_',
        lengthUnverified: true,
        note: 're_<8>_<24>, 36 chars (from public samples; unverified).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.resend.com/domains',
      successStatus: 200,
      note: 'Needs a full-access key. A sending-only key returns 401 restricted_api_key, which proves the key itself is valid.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'no key',
        body: "name missing_api_key, message 'Missing API key in the authorization header.'",
      },
      {
        status: 401,
        when: 'sending-only key on a non-send endpoint',
        body: "name restricted_api_key, message 'This API key is restricted to only send emails.'",
      },
      {
        status: 403,
        when: 'invalid key (403, not 401)',
        body: 'name invalid_api_key, message \'API key is invalid.\' (envelope {"statusCode","name","message"}; field names unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: ['re_ key structure', 'error envelope field names'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/slack/slack.go
  //   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/slack/slack.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule slack-bot-token)
  //   streaak/keyhacks@371e807 README.md
  //   https://docs.slack.dev/reference/methods/auth.test.md
  //   https://hexdocs.pm/slack/Slack.Web.Auth.html
  {
    id: 'slack',
    name: 'Slack Web API',
    hosts: ['slack.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'Also accepted as token=<token> in a form-encoded POST body; query-string tokens are discouraged/blocked on newer apps (unverified).',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /xoxb-[0-9]{10,13}(?:-[0-9]{10,13})?-[A-Za-z0-9]{24}/,
        kinds: ['oauth'],
        prefix: 'xoxb-',
        note: "Bot token: xoxb-<team id>-<bot user id>-<24 alphanumerics> (older ones lack the second number), from Slack's examples and public samples.",
      },
      {
        pattern: /xoxp-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]*/,
        kinds: ['oauth'],
        prefix: 'xoxp-',
        lengthUnverified: true,
        note: 'User token.',
      },
      {
        pattern: /xoxa-[0-9A-Za-z-]{8,}/,
        kinds: ['oauth', 'legacy'],
        prefix: 'xoxa-',
        lengthUnverified: true,
        note: 'Legacy workspace access token.',
      },
      {
        pattern: /xoxr-[0-9A-Za-z-]{8,}/,
        kinds: ['refresh', 'legacy'],
        prefix: 'xoxr-',
        lengthUnverified: true,
        usableAsApiKey: false,
        note: 'Legacy workspace refresh token.',
      },
      {
        pattern: /xoxe\.xoxb-[0-9]-[A-Za-z0-9]{163,166}/,
        kinds: ['oauth', 'session'],
        prefix: 'xoxe.xoxb-',
        note: 'Rotating (expiring) bot token.',
      },
      {
        pattern: /xoxe\.xoxp-[0-9]-[A-Za-z0-9]{163,166}/,
        kinds: ['oauth', 'session'],
        prefix: 'xoxe.xoxp-',
        note: 'Rotating (expiring) user or config token.',
      },
      {
        pattern: /xapp-[0-9]-[A-Za-z0-9]+-[0-9]+-[a-z0-9]+/,
        kinds: ['secret'],
        prefix: 'xapp-',
        lengthUnverified: true,
        usableAsApiKey: false,
        note: 'App-level token: only for apps.connections.open (Socket Mode), not for Web API methods.',
      },
      {
        pattern:
          /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}/,
        kinds: ['webhook'],
        prefix: 'https://hooks.slack.com/',
        usableAsApiKey: false,
        note: 'Incoming webhook URL: the URL is the secret, no header auth.',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://slack.com/api/auth.test',
      successStatus: 200,
      note: 'Success is HTTP 200 AND body ok:true (url, team, user, team_id, user_id, bot_id). Webhooks: POST {"text":""} returns \'missing_text_or_fallback_or_attachments\' when the URL is valid (keyhacks).',
    },
    errorShapes: [
      {
        status: 200,
        when: 'bad token (Slack does not use 401)',
        body: '{"ok":false,"error":"invalid_auth"}',
      },
      {
        status: 200,
        when: 'no token sent',
        body: '{"ok":false,"error":"not_authed"}',
      },
      {
        status: 200,
        when: 'token revoked / user or workspace deactivated / rotating token expired',
        body: 'error token_revoked | account_inactive (from trufflehog) | token_expired (unverified)',
      },
      {
        status: 200,
        when: 'wrong token type for the method',
        body: 'error not_bearer_token (or not_allowed_token_type; unverified)',
      },
    ],
    revealingHeaders: [
      {
        name: 'X-OAuth-Scopes',
        meaning: 'Scopes granted to the token (trufflehog analyzer reads it from auth.test).',
      },
      {
        name: 'X-Accepted-OAuth-Scopes',
        meaning: 'Scopes the method accepts (unverified).',
      },
    ],
    unverified: [
      'query-string tokens blocked on newer apps',
      'token_expired error',
      'not_allowed_token_type error',
      'X-Accepted-OAuth-Scopes header',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/discordbottoken/discordbottoken.go
  //   https://github.com/discord/discord-api-docs/issues/602
  //   https://github.com/discord/discord-example-app/issues/14
  {
    id: 'discord',
    name: 'Discord (bot API)',
    hosts: ['discord.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bot',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'User OAuth2 access tokens.',
      },
    ],
    headers: [
      {
        name: 'User-Agent',
        value: 'DiscordBot (<url>, <version>)',
        required: false,
        note: 'Recommended format (unverified that it is enforced).',
      },
    ],
    keyShapes: [
      {
        pattern: /[A-Za-z0-9_-]{24,28}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/,
        kinds: ['secret'],
        note: "Bot token: three dot-separated parts, the first is base64 of the bot's user id. trufflehog uses 24.6.27; newer tokens are longer (unverified range).",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://discord.com/api/v10/users/@me',
      successStatus: 200,
      note: 'Returns the bot user (id, username, bot:true).',
    },
    errorShapes: [
      {
        status: 401,
        when: "invalid token or missing 'Bot ' prefix (most common cause)",
        body: '{"message":"401: Unauthorized","code":0}',
      },
    ],
    revealingHeaders: [
      {
        name: 'X-RateLimit-*',
        meaning: 'Per-route rate-limit buckets.',
      },
    ],
    unverified: ['bot token length range', 'DiscordBot User-Agent enforcement'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/telegrambottoken/telegrambottoken.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule telegram-bot-api-token)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/eternnoir/pyTelegramBotAPI/issues/168
  //   https://github.com/tdlib/telegram-bot-api/issues/80
  {
    id: 'telegram',
    name: 'Telegram Bot API',
    hosts: ['api.telegram.org'],
    auth: {
      in: 'path',
      template: '/bot<token>/<method>',
      note: "The token goes in the URL path after the literal 'bot'; no header.",
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /[0-9]{8,10}:[A-Za-z0-9_-]{35}/,
        kinds: ['secret'],
        note: "<bot id>:<35-char secret>; the secret usually starts with 'AA'.",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.telegram.org/bot<token>/getMe',
      successStatus: 200,
      note: 'Returns ok:true and the bot user. /revoke in BotFather invalidates the old token immediately.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'wrong or revoked token',
        body: '{"ok":false,"error_code":401,"description":"Unauthorized"}',
      },
      {
        status: 404,
        when: "malformed token/path (e.g. missing 'bot' prefix)",
        body: '{"ok":false,"error_code":404,"description":"Not Found"} (unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: ['404 for a malformed path'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/notion/notion.go
  //   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/notion/notion.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule notion-api-token)
  //   https://github.com/lizheming/doumark-action/issues/13
  //   https://github.com/2anki/2anki.net/issues/1521
  {
    id: 'notion',
    name: 'Notion',
    hosts: ['api.notion.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [
      {
        name: 'Notion-Version',
        value: '2022-06-28',
        required: true,
        note: 'Required API version header; newer versions exist (unverified which is current).',
      },
    ],
    keyShapes: [
      {
        pattern: /ntn_[0-9]{11}[A-Za-z0-9]{35}/,
        kinds: ['secret'],
        prefix: 'ntn_',
        note: 'Current internal integration token (50 chars).',
      },
      {
        pattern: /secret_[A-Za-z0-9]{43}/,
        kinds: ['secret', 'legacy'],
        prefix: 'secret_',
        note: 'Legacy internal integration token.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.notion.com/v1/users/me',
      successStatus: 200,
      note: 'Returns the bot user and its owner/workspace. trufflehog uses GET /v1/users (403 there still means a valid token).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid token',
        body: '{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid."}',
      },
      {
        status: 400,
        when: 'Notion-Version header missing',
        body: 'code missing_version (unverified)',
      },
      {
        status: 404,
        when: 'page/database not shared with the integration',
        body: "code object_not_found - looks like a 'wrong id' but is usually a permissions gap (unverified)",
      },
    ],
    revealingHeaders: [
      {
        name: 'x-notion-request-id',
        meaning: 'Request id.',
      },
    ],
    unverified: [
      'current Notion-Version value',
      'missing_version error code',
      'object_not_found for unshared pages',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/airtablepersonalaccesstoken/airtablepersonalaccesstoken.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/airtableoauth/airtableoauth.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule airtable-personnal-access-token)
  //   https://github.com/TappNetwork/laravel-airtable/issues/78
  //   https://github.com/simonw/airtable-export/issues/32
  {
    id: 'airtable',
    name: 'Airtable',
    hosts: ['api.airtable.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}/,
        kinds: ['secret'],
        prefix: 'pat',
        note: 'Personal access token (82 chars).',
      },
      {
        pattern: /[A-Za-z0-9]+\.v1\.[A-Za-z0-9_-]+\.[a-f0-9]+/,
        kinds: ['oauth'],
        note: 'OAuth access token.',
      },
      {
        pattern: /key[A-Za-z0-9]{14}/,
        kinds: ['secret', 'legacy'],
        prefix: 'key',
        usableAsApiKey: false,
        note: 'Legacy API key: stopped working 2024-02-01.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.airtable.com/v0/meta/whoami',
      successStatus: 200,
      note: 'Returns user id (and email/scopes depending on token scopes; unverified).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid token or legacy key',
        body: '{"error":{"type":"AUTHENTICATION_REQUIRED","message":"Authentication required"}}',
      },
      {
        status: 403,
        when: 'token valid but base/scope not granted',
        body: 'error.type INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND (unverified)',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'whoami body',
        fields: ['id', 'email', 'scopes'],
        meaning: 'Identity and scopes (scopes unverified).',
      },
    ],
    unverified: ['whoami returns email/scopes', 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND on 403'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/linearapi/linearapi.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule linear-api-key)
  //   https://github.com/BabylonSocial/babylon/pull/668
  {
    id: 'linear',
    name: 'Linear',
    hosts: ['api.linear.app'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: null,
      note: "Personal API key as the raw header value, no 'Bearer'.",
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'OAuth access tokens use Bearer.',
      },
    ],
    headers: [
      {
        name: 'Content-Type',
        value: 'application/json',
        required: true,
        note: 'GraphQL POST body.',
      },
    ],
    keyShapes: [
      {
        pattern: /lin_api_[A-Za-z0-9]{40}/,
        kinds: ['secret'],
        prefix: 'lin_api_',
        note: 'Personal API key (raw Authorization header, no Bearer).',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://api.linear.app/graphql',
      successStatus: 200,
      body: '{"query":"{ viewer { id name email } }"}',
      note: "Success needs a 'data' object. Whether personal keys are also accepted with 'Bearer ' is disputed in public threads (unverified).",
    },
    errorShapes: [
      {
        status: 400,
        when: 'invalid/missing key',
        body: "GraphQL errors[] with message 'Authentication required, not authenticated' and extensions.code AUTHENTICATION_ERROR (status code and text unverified)",
      },
    ],
    revealingHeaders: [],
    unverified: [
      'personal keys accepted with Bearer',
      'status code and text of the authentication error',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/shopify/shopify.go
  //   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/shopify/shopify.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule shopify-access-token)
  //   https://github.com/frappe/ecommerce_integrations/issues/414
  //   https://github.com/Shopify/shopify-cli/issues/263
  {
    id: 'shopify',
    name: 'Shopify Admin API',
    hosts: ['*.myshopify.com'],
    auth: {
      in: 'header',
      name: 'X-Shopify-Access-Token',
      scheme: null,
      note: 'shpat_/shpca_/shppa_ token; bound to one shop.',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /shpat_[a-fA-F0-9]{32}/,
        kinds: ['secret'],
        prefix: 'shpat_',
        note: 'Admin API access token (custom/public app).',
      },
      {
        pattern: /shpca_[a-fA-F0-9]{32}/,
        kinds: ['secret'],
        prefix: 'shpca_',
        note: 'Custom app access token.',
      },
      {
        pattern: /shppa_[a-fA-F0-9]{32}/,
        kinds: ['secret', 'legacy'],
        prefix: 'shppa_',
        note: 'Legacy private app password.',
      },
      {
        pattern: /shpss_[a-fA-F0-9]{32}/,
        kinds: ['secret', 'webhook'],
        prefix: 'shpss_',
        usableAsApiKey: false,
        note: 'Shared secret (webhook HMAC), not an access token.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://<shop>.myshopify.com/admin/oauth/access_scopes.json',
      successStatus: 200,
      note: "Lists the token's scopes. Tokens are shop-bound: the same token against another shop is 401. Alternative: GET /admin/api/<version>/shop.json.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid token, wrong shop, or API key/secret used instead of the access token',
        body: '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}',
        wwwAuthenticate: 'Basic Realm="Shopify API Authentication"',
      },
      {
        status: 403,
        when: 'token lacks scope',
        body: 'errors message naming the missing scope (wording unverified)',
      },
    ],
    revealingHeaders: [
      {
        name: 'x-shopid',
        meaning: 'Numeric shop id that answered.',
      },
      {
        name: 'x-request-id',
        meaning: 'Request id.',
      },
    ],
    revealingBody: [
      {
        source: 'access_scopes body',
        fields: ['access_scopes[].handle'],
        meaning: 'Granted scopes.',
      },
    ],
    unverified: ['403 missing-scope wording'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/cloudflareapitoken/common.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/cloudflareapitoken/v2/cloudflareapitoken.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/cloudflareglobalapikey/v2/cloudflareglobalapikey.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule cloudflare-origin-ca-key)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/putyourlightson/craft-cloudflare/issues/88
  //   https://github.com/favonia/cloudflare-ddns/issues/897
  //   https://github.com/edgefirst-dev/starter/issues/3
  //   https://github.com/NewFuture/DDNS/issues/152
  {
    id: 'cloudflare',
    name: 'Cloudflare API',
    hosts: ['api.cloudflare.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'API token.',
    },
    alternatives: [
      {
        in: 'header',
        name: 'X-Auth-Key',
        scheme: null,
        note: 'Legacy Global API Key, together with X-Auth-Email: <account email>; a token in X-Auth-Key (or a global key as Bearer) fails with 6003/6103/6111.',
        forKinds: ['global'],
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /cfut_[A-Za-z0-9]{40}[a-f0-9]{8}/,
        kinds: ['secret'],
        prefix: 'cfut_',
        note: '2026+ self-identifying user API token (trufflehog v2).',
      },
      {
        pattern: /cfat_[A-Za-z0-9]{40}[a-f0-9]{8}/,
        kinds: ['secret'],
        prefix: 'cfat_',
        note: '2026+ self-identifying account API token; verify at /accounts/<account_id>/tokens/verify.',
      },
      {
        pattern: /cfk_[A-Za-z0-9]{40}[a-f0-9]{8}/,
        kinds: ['secret', 'global'],
        prefix: 'cfk_',
        note: '2026+ Global API Key format; goes in X-Auth-Key with X-Auth-Email.',
      },
      {
        pattern: /[A-Za-z0-9_-]{40}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Pre-2026 API token (generic, needs context).',
      },
      {
        pattern: /[a-f0-9]{37}/,
        kinds: ['secret', 'legacy', 'global'],
        generic: true,
        note: 'Pre-2026 Global API Key (generic, needs context).',
      },
      {
        pattern: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/,
        kinds: ['secret'],
        prefix: 'v1.0-',
        note: 'Origin CA key.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.cloudflare.com/client/v4/user/tokens/verify',
      successStatus: 200,
      note: "User tokens. Account-owned tokens (cfat_) must use GET /client/v4/accounts/<account_id>/tokens/verify. Global key: GET /client/v4/user with X-Auth-Email/X-Auth-Key. Success body: result.status 'active' and messages[0] {code:10000, message:'This API Token is valid and active'}.",
    },
    errorShapes: [
      {
        status: 403,
        when: 'invalid token or token without the needed permission (often 403 rather than 401)',
        body: '{"success":false,"errors":[{"code":10000,"message":"Authentication error"}],"messages":[],"result":null}',
      },
      {
        status: 400,
        when: 'malformed auth header / token in the wrong header',
        body: "errors[0].code 6003 'Invalid request headers' with error_chain 6111 'Invalid format for Authorization header', 6103 'Invalid format for X-Auth-Key header' or 6102 'Invalid format for X-Auth-Email header'",
      },
      {
        status: 400,
        when: 'account-owned token on a user-level endpoint',
        body: "code 1001 'List accounts endpoint does not support account owned tokens.'",
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'verify body',
        fields: ['result.status', 'result.expires_on', 'result.not_before'],
        meaning:
          'Whether the token is active and its validity window (expires_on/not_before unverified).',
      },
    ],
    unverified: ['expires_on / not_before in the verify body'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/digitaloceanv2/digitaloceanv2.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule digitalocean-pat)
  //   https://github.com/digitalocean/doctl/issues/252
  //   https://github.com/tayzlor/vagrant-puppet-mesosphere/issues/8
  {
    id: 'digitalocean',
    name: 'DigitalOcean',
    hosts: ['api.digitalocean.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /dop_v1_[a-f0-9]{64}/,
        kinds: ['secret'],
        prefix: 'dop_v1_',
        note: 'Personal access token.',
      },
      {
        pattern: /doo_v1_[a-f0-9]{64}/,
        kinds: ['oauth'],
        prefix: 'doo_v1_',
        note: 'OAuth access token.',
      },
      {
        pattern: /dor_v1_[a-f0-9]{64}/,
        kinds: ['refresh'],
        prefix: 'dor_v1_',
        usableAsApiKey: false,
        note: 'OAuth refresh token (only for cloud.digitalocean.com/v1/oauth/token).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.digitalocean.com/v2/account',
      successStatus: 200,
      note: 'Returns account (email, status, limits).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid/revoked/expired token',
        body: '{"id":"Unauthorized","message":"Unable to authenticate you"} (id seen as \'unauthorized\' in older responses)',
      },
    ],
    revealingHeaders: [
      {
        name: 'ratelimit-limit',
        meaning: 'Rate-limit state (unverified names).',
      },
      {
        name: 'ratelimit-remaining',
        meaning: 'Rate-limit state (unverified names).',
      },
      {
        name: 'ratelimit-reset',
        meaning: 'Rate-limit state (unverified names).',
      },
    ],
    unverified: ['rate-limit header names'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/vercel/vercel.go
  //   mongodb/kingfisher@ee7c0db data/rules/vercel.yml
  //   https://vercel.com/docs/accounts/access-tokens
  //   https://github.com/dyad-sh/dyad/issues/4175
  //   https://github.com/vercel/vercel/issues/10874
  {
    id: 'vercel',
    name: 'Vercel REST API',
    hosts: ['api.vercel.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    queryParams: [
      {
        name: 'teamId',
        value: 'team_<id> (or slug=<team>)',
        required: false,
        note: 'Team resources need ?teamId=; tokens can be scoped to the account, a team, or a single project, and a call outside that scope fails.',
      },
    ],
    keyShapes: [
      {
        pattern: /[A-Za-z0-9]{24}/,
        kinds: ['secret'],
        generic: true,
        note: "Classic 24-char token (generic, needs 'vercel' context). Whether newer tokens carry a prefix is unverified.",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.vercel.com/v2/user',
      successStatus: 200,
      note: 'Returns the user. trufflehog uses GET /www/user. Tokens can have an expiry date set at creation.',
    },
    errorShapes: [
      {
        status: 403,
        when: 'invalid/expired token (Vercel tends to answer 403, not 401; unverified)',
        body: '{"error":{"code":"forbidden","message":"Not authorized","invalidToken":true}} (unverified)',
      },
      {
        status: 403,
        when: 'valid token outside its scope',
        body: '{"error":{"code":"forbidden","message":"You don\'t have permission to ...",...}}',
      },
    ],
    revealingHeaders: [
      {
        name: 'x-vercel-id',
        meaning: 'Request id / edge region (unverified).',
      },
    ],
    unverified: [
      'newer token prefixes',
      '403 (not 401) with invalidToken:true for a bad token',
      'x-vercel-id meaning',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/netlify/v2/netlify_v2.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule netlify-access-token)
  //   https://github.com/lukehsiao/netlify-ddns-rs/issues/118
  //   https://github.com/stackblitz/bolt.new/issues/4958
  {
    id: 'netlify',
    name: 'Netlify API',
    hosts: ['api.netlify.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /nfp_[A-Za-z0-9_]{36}/,
        kinds: ['secret'],
        prefix: 'nfp_',
        note: 'Personal access token (current format).',
      },
      {
        pattern: /[A-Za-z0-9_-]{43,45}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Older tokens (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.netlify.com/api/v1/user',
      successStatus: 200,
      note: 'trufflehog uses GET /api/v1/sites. Personal access tokens expire; users report old PATs silently turning into 401s.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid/expired token',
        body: "JSON with code 401 and an 'Access Denied' style message (exact text unverified)",
      },
    ],
    revealingHeaders: [
      {
        name: 'X-RateLimit-Limit',
        meaning: 'Rate limit (unverified).',
      },
      {
        name: 'X-RateLimit-Remaining',
        meaning: 'Rate limit (unverified).',
      },
    ],
    unverified: ['exact 401 body', 'rate-limit headers'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/heroku/v1/heroku.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/heroku/v2/heroku.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule heroku-api-key-v2)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/iterative/mlem/issues/501
  //   https://github.com/scala-vienna/scala-vienna-web/issues/35
  {
    id: 'heroku',
    name: 'Heroku Platform API',
    hosts: ['api.heroku.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [
      {
        name: 'Accept',
        value: 'application/vnd.heroku+json; version=3',
        required: true,
        note: 'Version 3 must be requested explicitly.',
      },
    ],
    keyShapes: [
      {
        pattern: /HRKU-AA[0-9A-Za-z_-]{58}/,
        kinds: ['secret'],
        prefix: 'HRKU-AA',
        note: 'Current API key / authorization format.',
      },
      {
        pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: "Legacy UUID key (generic, needs 'heroku' context).",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.heroku.com/account',
      successStatus: 200,
      note: 'Returns the account (email, id).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid/regenerated key',
        body: '{"id":"unauthorized","message":"Invalid credentials provided."} (older responses used \'error\' instead of \'message\')',
      },
    ],
    revealingHeaders: [
      {
        name: 'RateLimit-Remaining',
        meaning: 'Remaining request budget (unverified).',
      },
      {
        name: 'Request-Id',
        meaning: 'Request id (unverified).',
      },
    ],
    unverified: ['RateLimit-Remaining and Request-Id headers'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/datadogapikey/datadogapikey.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/datadogtoken/datadogtoken.go
  //   trufflesecurity/trufflehog@3ab759f pkg/analyzer/analyzers/datadog/datadog.go
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/DataDog/datadogpy/issues/724
  //   https://github.com/DataDog/datadog-operator/issues/103
  //   https://github.com/DataDog/documentation/pull/7343
  {
    id: 'datadog',
    name: 'Datadog',
    hosts: [
      'api.datadoghq.com',
      'api.us3.datadoghq.com',
      'api.us5.datadoghq.com',
      'api.datadoghq.eu',
      'api.ap1.datadoghq.com',
      'api.ddog-gov.com',
    ],
    regions: [
      {
        region: 'US1',
        host: 'api.datadoghq.com',
      },
      {
        region: 'US3',
        host: 'api.us3.datadoghq.com',
      },
      {
        region: 'US5',
        host: 'api.us5.datadoghq.com',
      },
      {
        region: 'EU1',
        host: 'api.datadoghq.eu',
      },
      {
        region: 'AP1',
        host: 'api.ap1.datadoghq.com',
      },
      {
        region: 'US1-FED',
        host: 'api.ddog-gov.com',
      },
    ],
    auth: {
      in: 'header',
      name: 'DD-API-KEY',
      scheme: null,
    },
    alternatives: [],
    headers: [
      {
        name: 'DD-APPLICATION-KEY',
        value: '<application key>',
        required: false,
        note: 'Needed (with the API key) for most read/management endpoints; not for /api/v1/validate or metric/log submission.',
      },
    ],
    keyShapes: [
      {
        pattern: /[a-f0-9]{32}/,
        kinds: ['secret'],
        generic: true,
        note: 'API key (generic, needs context); belongs to one site.',
      },
      {
        pattern: /[a-f0-9]{40}/,
        kinds: ['secret'],
        generic: true,
        usableAsApiKey: false,
        note: 'Application key (generic, needs context); goes in DD-APPLICATION-KEY next to an API key, never in DD-API-KEY.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.datadoghq.com/api/v1/validate',
      successStatus: 200,
      note: 'Success body {"valid":true}. US1 shown; use the host of the key\'s site (see regions). Keys belong to one site: an EU key against api.datadoghq.com fails exactly like a bad key, so try each site. App-key check: GET /api/v2/users with both headers (trufflehog).',
    },
    errorShapes: [
      {
        status: 403,
        when: 'invalid API key or wrong site (Datadog answers 403, not 401)',
        body: '{"errors":["Forbidden"]} (some clients show also status/code/statuspage fields)',
      },
      {
        status: 403,
        when: 'bad API/app key pair on app-key endpoints',
        body: '{"errors":["Invalid API key or Application key"]}',
      },
    ],
    revealingHeaders: [
      {
        name: 'x-ratelimit-limit',
        meaning: 'Rate limit (unverified).',
      },
      {
        name: 'x-ratelimit-remaining',
        meaning: 'Rate limit (unverified).',
      },
    ],
    unverified: ['x-ratelimit-* headers'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/newrelicuserkey/newrelicuserkey.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/newrelicpersonalapikey/newrelicpersonalapikey.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule new-relic-user-api-key)
  //   streaak/keyhacks@371e807 README.md
  {
    id: 'newrelic',
    name: 'New Relic',
    hosts: ['api.newrelic.com', 'api.eu.newrelic.com'],
    regions: [
      {
        region: 'US',
        host: 'api.newrelic.com',
      },
      {
        region: 'EU',
        host: 'api.eu.newrelic.com',
      },
    ],
    auth: {
      in: 'header',
      name: 'API-Key',
      scheme: null,
      note: 'NerdGraph (GraphQL); the value is the NRAK- user key.',
    },
    alternatives: [
      {
        in: 'header',
        name: 'X-Api-Key',
        scheme: null,
        note: 'REST API v2 (e.g. /v2/users.json).',
      },
    ],
    headers: [
      {
        name: 'Content-Type',
        value: 'application/json',
        required: true,
        note: 'NerdGraph is GraphQL over POST.',
      },
    ],
    keyShapes: [
      {
        pattern: /NRAK-[A-Z0-9]{27}/,
        kinds: ['secret'],
        prefix: 'NRAK-',
        note: 'User API key (NerdGraph/REST).',
      },
      {
        pattern: /NRII-[A-Za-z0-9_-]{32}/,
        kinds: ['ingest'],
        prefix: 'NRII-',
        usableAsApiKey: false,
        note: 'Insights insert key (ingest only).',
      },
      {
        pattern: /NRJS-[a-f0-9]{19}/,
        kinds: ['ingest'],
        prefix: 'NRJS-',
        usableAsApiKey: false,
        note: 'Browser key (ingest only).',
      },
      {
        pattern: /[a-f0-9]{36}NRAL/,
        kinds: ['ingest'],
        usableAsApiKey: false,
        note: 'Ingest license key ending in NRAL (unverified format).',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://api.newrelic.com/graphql',
      successStatus: 200,
      body: '{"query":"{ requestContext { userId } }"}',
      note: 'Body from trufflehog; { actor { user { email } } } also works. Try the EU host for EU accounts. Ingest keys cannot call NerdGraph.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: 'body shape unverified',
      },
      {
        status: 403,
        when: 'key from the other region (per trufflehog)',
        body: 'body shape unverified',
      },
    ],
    revealingHeaders: [],
    unverified: ['NRAL license key format', '401/403 body shapes'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/sentrytoken/v1/sentrytoken.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/sentryorgtoken/sentryorgtoken.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule sentry-org-token)
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule sentry-user-token)
  //   https://github.com/getsentry/sentry/issues/68523
  //   https://github.com/getsentry/sentry/issues/33938
  //   https://github.com/getsentry/self-hosted/issues/2650
  {
    id: 'sentry',
    name: 'Sentry',
    hosts: ['sentry.io', 'us.sentry.io', 'de.sentry.io'],
    regions: [
      {
        region: 'US',
        host: 'us.sentry.io',
      },
      {
        region: 'DE',
        host: 'de.sentry.io',
      },
    ],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /sntryu_[a-f0-9]{64}/,
        kinds: ['secret'],
        prefix: 'sntryu_',
        note: 'User auth token.',
      },
      {
        pattern: /sntrys_eyJ[A-Za-z0-9+/=_]{190,}/,
        kinds: ['secret'],
        prefix: 'sntrys_',
        lengthUnverified: true,
        note: "Organization auth token: base64 JSON (iat, url, region_url, org) + '_' + secret; the embedded region_url tells which host to call.",
      },
      {
        pattern: /[a-f0-9]{64}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Legacy token (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://sentry.io/api/0/auth/validate/',
      successStatus: 200,
      note: "As used by trufflehog (endpoint not in public docs; unverified). Alternative: GET /api/0/organizations/. A 403 with 'You do not have permission to perform this action.' means the token is valid but under-scoped. Org tokens (sntrys_) name their region host in the embedded region_url; self-hosted Sentry serves the same path on its own host.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid token',
        body: '{"detail":"Invalid token"}',
      },
      {
        status: 401,
        when: 'no/unsupported credentials',
        body: '{"detail":"Authentication credentials were not provided."} or {"detail":"Token not found"}',
        wwwAuthenticate: 'xBasic realm="api"',
      },
      {
        status: 403,
        when: 'valid token, missing scope',
        body: '{"detail":"You do not have permission to perform this action."}',
      },
    ],
    revealingHeaders: [
      {
        name: 'x-sentry-rate-limit-remaining',
        meaning: 'Rate-limit state.',
      },
      {
        name: 'x-sentry-rate-limit-limit',
        meaning: 'Rate-limit state.',
      },
      {
        name: 'x-sentry-rate-limit-reset',
        meaning: 'Rate-limit state.',
      },
      {
        name: 'x-sentry-rate-limit-concurrentremaining',
        meaning: 'Rate-limit state.',
      },
    ],
    unverified: ['/api/0/auth/validate/ endpoint (used by trufflehog, not in public docs)'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/pagerdutyapikey/pagerdutyapikey.go
  //   mongodb/kingfisher@ee7c0db data/rules/pagerdutyapikey.yml
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/PagerDuty/go-pagerduty/issues/469
  {
    id: 'pagerduty',
    name: 'PagerDuty REST API',
    hosts: ['api.pagerduty.com', 'api.eu.pagerduty.com'],
    regions: [
      {
        region: 'US',
        host: 'api.pagerduty.com',
      },
      {
        region: 'EU',
        host: 'api.eu.pagerduty.com',
      },
    ],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Token token=',
      note: "Value is 'Token token=<key>'; Bearer or a bare key is a 401.",
    },
    alternatives: [],
    headers: [
      {
        name: 'Accept',
        value: 'application/vnd.pagerduty+json;version=2',
        required: false,
        note: 'Recommended version header.',
      },
    ],
    keyShapes: [
      {
        pattern: /u\+[A-Za-z0-9_+-]{18}/,
        kinds: ['secret'],
        prefix: 'u+',
        lengthUnverified: true,
        note: "User API token (20 chars, starts 'u+'); general account keys are also 20 chars without the prefix (unverified).",
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.pagerduty.com/users?limit=1',
      successStatus: 200,
      note: 'Events API integration/routing keys (sent to events.pagerduty.com) are a different credential and always fail here.',
    },
    errorShapes: [
      {
        status: 401,
        when: "invalid key or 'Bearer'/bare-key header",
        body: '{"error":{"message":"Unauthorized","code":2006}} (unverified); some 401s come back without a JSON content type',
      },
    ],
    revealingHeaders: [],
    unverified: ['api.eu.pagerduty.com host', 'account keys: 20 chars without prefix', '401 body'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/supabasetoken/supabasetoken.go
  //   https://supabase.com/docs/guides/api/api-keys.md
  //   https://www.supabase.com/docs/guides/getting-started/api-keys
  //   https://github.com/orgs/supabase/discussions/39719
  //   https://github.com/supabase/supabase-js/issues/1568
  {
    id: 'supabase',
    name: 'Supabase',
    hosts: ['*.supabase.co', 'api.supabase.com'],
    auth: {
      in: 'header',
      name: 'apikey',
      scheme: null,
      note: 'Publishable or secret key on <project-ref>.supabase.co.',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: "Project APIs: the apikey header identifies the app; Authorization carries the signed-in user's JWT (or the legacy anon/service_role JWT).",
        forKinds: ['jwt'],
      },
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Management API personal access token (sbp_) on api.supabase.com.',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /sb_publishable_[A-Za-z0-9_-]{20,}/,
        kinds: ['publishable'],
        prefix: 'sb_publishable_',
        lengthUnverified: true,
        note: 'Publishable key (safe for clients; RLS applies). Length unverified.',
      },
      {
        pattern: /sb_secret_[A-Za-z0-9_-]{20,}/,
        kinds: ['secret'],
        prefix: 'sb_secret_',
        lengthUnverified: true,
        note: 'Secret key (bypasses RLS; server only). Not a JWT, so it must not be used as a Bearer user token. Length unverified.',
      },
      {
        pattern: /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/,
        kinds: ['jwt', 'legacy'],
        prefix: 'eyJ',
        generic: true,
        note: "Legacy anon / service_role keys: JWTs whose payload has role, iss 'supabase', ref, iat and exp ~10 years out. Being retired. Any JWT has this shape, so it is generic.",
      },
      {
        pattern: /sbp_[a-f0-9]{40}/,
        kinds: ['secret'],
        prefix: 'sbp_',
        note: 'Management API personal access token (api.supabase.com only).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://<project-ref>.supabase.co/auth/v1/settings',
      successStatus: 200,
      note: 'Send apikey: <key> (unverified as the cheapest check). Management token: GET https://api.supabase.com/v1/projects (trufflehog). A key from another project fails like a bad key.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key or key from another project',
        body: '{"message":"Invalid API key"} (a hint field may follow)',
      },
      {
        status: 403,
        when: 'new secret key passed where a JWT is expected (e.g. auth admin via old client)',
        body: 'code bad_jwt',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'legacy key JWT payload',
        fields: ['role', 'ref', 'exp'],
        meaning:
          'Decoding the legacy key shows its role (anon vs service_role), project ref and expiry without any request.',
      },
    ],
    unverified: ['sb_publishable_ / sb_secret_ lengths', '/auth/v1/settings as the cheapest check'],
  },
  // Sources:
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gcp-api-key)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/flutter/flutter/issues/101115
  {
    id: 'firebase',
    name: 'Firebase (Web API key, Auth REST, FCM)',
    hosts: [
      'identitytoolkit.googleapis.com',
      'securetoken.googleapis.com',
      'firestore.googleapis.com',
      '*.firebaseio.com',
      'fcm.googleapis.com',
    ],
    auth: {
      in: 'query',
      name: 'key',
      note: 'Web API key as ?key=.',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Firebase ID token (JWT) for Firestore/Storage REST as a signed-in user; ID tokens last 1 hour.',
        forKinds: ['jwt'],
      },
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Google OAuth token for a service account: admin access and FCM HTTP v1 (https://fcm.googleapis.com/v1/projects/<id>/messages:send).',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /AIza[0-9A-Za-z_-]{35}/,
        kinds: ['publishable'],
        prefix: 'AIza',
        note: 'Same format as any Google API key; Firebase web keys are meant to be public and identify the project, not authorize it.',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://identitytoolkit.googleapis.com/v1/accounts:createAuthUri?key=<key>',
      successStatus: 200,
      body: '{"identifier":"nobody@example.com","continueUri":"http://localhost"}',
      note: "Read-only lookup (unverified as the best probe). Do NOT use accounts:signUp for probing: it creates a user. The legacy FCM 'Authorization: key=<server key>' API at /fcm/send was shut down in 2024 (unverified date).",
    },
    errorShapes: [
      {
        status: 400,
        when: 'invalid key',
        body: "Google error envelope, status INVALID_ARGUMENT, reason API_KEY_INVALID, message 'API key not valid. Please pass a valid API key.'",
      },
      {
        status: 403,
        when: 'key restricted (referrer/app/API)',
        body: 'status PERMISSION_DENIED, reason API_KEY_HTTP_REFERRER_BLOCKED or API_KEY_SERVICE_BLOCKED',
      },
      {
        status: 401,
        when: 'expired ID token on Firestore/Storage REST',
        body: 'status UNAUTHENTICATED (unverified wording)',
      },
    ],
    revealingHeaders: [],
    unverified: [
      'accounts:createAuthUri as the best probe',
      'legacy FCM shutdown date',
      'expired ID token wording',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/aws/access_keys/accesskey.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/aws/session_keys/sessionkey.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/aws/access_keys/canary.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule aws-access-token)
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule aws-amazon-bedrock-api-key-long-lived)
  //   streaak/keyhacks@371e807 README.md
  {
    id: 'aws',
    name: 'AWS (Signature Version 4)',
    hosts: ['sts.amazonaws.com', '*.amazonaws.com'],
    auth: {
      in: 'signature',
      name: 'Authorization',
      note: 'AWS4-HMAC-SHA256 Credential=<AccessKeyId>/<date>/<region>/<service>/aws4_request, SignedHeaders=<list>, Signature=<hex>; the secret never travels.',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Amazon Bedrock API keys (ABSK..., long-lived, base64) for bedrock-runtime only (gitleaks).',
      },
    ],
    headers: [
      {
        name: 'X-Amz-Date',
        value: 'YYYYMMDDTHHMMSSZ',
        required: true,
        note: 'Signing time; clock skew breaks signatures.',
      },
      {
        name: 'X-Amz-Security-Token',
        value: '<session token>',
        required: false,
        note: 'Required with temporary (ASIA...) credentials.',
      },
      {
        name: 'x-amz-content-sha256',
        value: '<payload hash>',
        required: false,
        note: 'Required by S3 (unverified here).',
      },
    ],
    keyShapes: [
      {
        pattern: /AKIA[A-Z2-7]{16}/,
        kinds: ['identifier'],
        prefix: 'AKIA',
        usableAsApiKey: false,
        note: 'Long-term access key id (IAM user); needs its 40-char secret to sign.',
      },
      {
        pattern: /ASIA[A-Z2-7]{16}/,
        kinds: ['identifier', 'session'],
        prefix: 'ASIA',
        usableAsApiKey: false,
        note: 'Temporary access key id (STS); needs the secret and X-Amz-Security-Token.',
      },
      {
        pattern: /ABIA[A-Z2-7]{16}/,
        kinds: ['identifier'],
        prefix: 'ABIA',
        usableAsApiKey: false,
        note: 'Access key id with the ABIA prefix (secret scanners list it next to AKIA).',
      },
      {
        pattern: /ACCA[A-Z2-7]{16}/,
        kinds: ['identifier'],
        prefix: 'ACCA',
        usableAsApiKey: false,
        note: 'Access key id with the ACCA prefix (secret scanners list it next to AKIA).',
      },
      {
        pattern: /[A-Za-z0-9+/]{40}/,
        kinds: ['secret'],
        generic: true,
        usableAsApiKey: false,
        note: 'Secret access key (40 chars, generic); signs requests, never sent.',
      },
      {
        pattern: /ABSK[A-Za-z0-9+/]{109,269}={0,2}/,
        kinds: ['secret'],
        prefix: 'ABSK',
        lengthUnverified: true,
        note: 'Bedrock long-lived API key (gitleaks); Bearer on bedrock-runtime only.',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15',
      successStatus: 200,
      note: "Must be SigV4-signed (service 'sts', region us-east-1 for the global endpoint; unverified here). Always allowed regardless of IAM policy; returns Account, Arn, UserId. Equivalent: aws sts get-caller-identity.",
    },
    errorShapes: [
      {
        status: 403,
        when: 'unknown/deleted access key id (AWS uses 403, not 401)',
        body: "Error Code InvalidClientTokenId, 'The security token included in the request is invalid.'",
      },
      {
        status: 403,
        when: 'wrong secret, bad canonical request, or clock skew',
        body: "Error Code SignatureDoesNotMatch (clock skew can also give 'Signature expired' / RequestTimeTooSkewed; unverified)",
      },
      {
        status: 403,
        when: 'temporary credentials expired',
        body: "Error Code ExpiredToken, 'The security token included in the request is expired'",
      },
      {
        status: 403,
        when: 'valid credentials, no IAM permission',
        body: "Error Code AccessDenied / AccessDeniedException 'User: arn:... is not authorized to perform: ...'",
      },
    ],
    revealingHeaders: [
      {
        name: 'x-amzn-RequestId',
        meaning: 'Request id.',
      },
    ],
    revealingBody: [
      {
        source: 'GetCallerIdentity body',
        fields: ['Arn', 'Account', 'UserId'],
        meaning: 'Identity behind the key.',
      },
    ],
    unverified: [
      'x-amz-content-sha256 required by S3',
      'STS global endpoint signing region us-east-1',
      'clock-skew error names',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/npmtokenv2/npmtokenv2.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule npm-access-token)
  //   streaak/keyhacks@371e807 README.md
  //   https://github.com/npm/cli/issues/8855
  //   https://github.com/npm/cli/issues/9957
  //   https://github.com/askalf/dario/pull/388
  {
    id: 'npm',
    name: 'npm registry',
    hosts: ['registry.npmjs.org'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'The npm CLI reads it from .npmrc as //registry.npmjs.org/:_authToken=<token>; a token scoped to another registry host is never sent.',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /npm_[A-Za-z0-9]{36}/,
        kinds: ['secret'],
        prefix: 'npm_',
        note: 'Current token format (granular and legacy classic).',
      },
      {
        pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Very old UUID tokens (generic).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://registry.npmjs.org/-/whoami',
      successStatus: 200,
      note: 'Success body {"username":...}. Classic token creation was disabled in Nov 2025, write-enabled granular tokens are capped at 90 days, and npm login session tokens at 2 hours - expiry is now a common 401 cause. Some report granular tokens failing whoami while still able to publish (unverified).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid, expired or revoked token',
        body: "npm CLI shows E401 '401 Unauthorized - GET https://registry.npmjs.org/-/whoami'",
      },
      {
        status: 403,
        when: 'token has a CIDR allowlist and the caller IP is outside it',
        body: 'E403 403 Forbidden',
      },
      {
        status: 401,
        when: 'write needs 2FA OTP and token does not bypass 2FA',
        body: "'This operation requires a one-time password from your authenticator.' (EOTP)",
      },
    ],
    revealingHeaders: [
      {
        name: 'npm-notice',
        meaning: 'Registry notices such as token deprecation (unverified).',
      },
    ],
    unverified: ['granular tokens failing whoami while still able to publish', 'npm-notice header'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/dockerhub/v2/dockerhub.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/docker/docker_auth_config.go
  //   https://github.com/mongodb/kingfisher/issues/202
  //   https://github.com/docker/hub-feedback/issues/2438
  //   https://github.com/docker/hub-feedback/issues/2171
  //   https://github.com/jupyterhub/binderhub/issues/993
  {
    id: 'dockerhub',
    name: 'Docker Hub (Hub API and registry)',
    hosts: ['hub.docker.com', 'registry-1.docker.io', 'auth.docker.io'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Bearer',
      note: 'A JWT from POST /v2/auth/token, not the PAT itself.',
    },
    alternatives: [
      {
        in: 'basic',
        pair: 'user:key',
        user: 'username',
        note: 'Docker username with the PAT: docker login / registry token endpoint (auth.docker.io/token).',
      },
    ],
    headers: [],
    keyShapes: [
      {
        pattern: /dckr_pat_[A-Za-z0-9_-]{27}/,
        kinds: ['secret'],
        prefix: 'dckr_pat_',
        note: 'Personal access token (needs the Docker username).',
      },
      {
        pattern: /dckr_oat_[A-Za-z0-9_-]{32}/,
        kinds: ['secret'],
        prefix: 'dckr_oat_',
        note: 'Organization access token.',
      },
    ],
    validate: {
      method: 'POST',
      url: 'https://hub.docker.com/v2/auth/token',
      successStatus: 200,
      body: '{"identifier":"<username>","secret":"<PAT>"}',
      note: 'Returns access_token, a JWT whose claims show scope (e.g. repo:public_read), username and source docker_pat|<id>. Sending the PAT directly as Bearer to Hub endpoints fails.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'PAT sent as Bearer to a Hub endpoint, or bad credentials',
        body: '{"message":"unauthorized","errinfo":{}}',
      },
      {
        status: 401,
        when: 'correct password but 2FA enabled (login flow)',
        body: 'response carries a login_2fa_token / MFA-required marker (trufflehog treats this as valid)',
      },
      {
        status: 403,
        when: 'JWT derived from a PAT on endpoints that refuse PATs',
        body: '{"message":"token issued from personal access token",...} or \'access to the resource is forbidden with personal access token\'',
      },
      {
        status: 401,
        when: 'registry call without token',
        body: 'registry error JSON',
        wwwAuthenticate:
          'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:<name>:pull"',
      },
    ],
    revealingHeaders: [
      {
        name: 'WWW-Authenticate',
        meaning: 'Registry tells where to get a token and which scope is needed.',
      },
    ],
    revealingBody: [
      {
        source: 'JWT claims',
        fields: ['scope', 'username', 'source'],
        meaning: 'Access level and token origin.',
      },
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/jiratoken/v2/jiratoken_v2.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/jiratoken/v1/jiratoken.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/atlassian/v2/atlassian.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule atlassian-api-token)
  //   https://github.com/DeloitteDigitalUK/jira-agile-metrics/issues/61
  //   https://github.com/atlassian/gajira-login/issues/59
  //   https://github.com/jira-node/node-jira-client/issues/255
  //   https://github.com/cristibaluta/Jit/issues/10
  //   https://developer.atlassian.com/cloud/jira/platform/deprecation-notice-basic-auth-and-cookie-based-auth
  {
    id: 'atlassian',
    name: 'Atlassian Cloud (Jira / Confluence REST)',
    hosts: ['*.atlassian.net', 'api.atlassian.com'],
    auth: {
      in: 'basic',
      pair: 'user:key',
      user: 'email',
      note: 'User = Atlassian account email (not the username), password = API token.',
    },
    alternatives: [
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'OAuth 2.0 (3LO) access token via https://api.atlassian.com/ex/jira/<cloudId>/...',
      },
      {
        in: 'header',
        name: 'Authorization',
        scheme: 'Bearer',
        note: 'Organization admin API key for https://api.atlassian.com/admin/v1/orgs.',
        forKinds: ['admin'],
      },
    ],
    headers: [
      {
        name: 'Accept',
        value: 'application/json',
        required: false,
        note: 'Recommended.',
      },
    ],
    keyShapes: [
      {
        pattern: /ATATT[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
        kinds: ['secret'],
        prefix: 'ATATT',
        lengthUnverified: true,
        note: 'User API token (current format, ~190 chars). Scoped API tokens may need the api.atlassian.com/ex/... base URL instead of the site URL (unverified).',
      },
      {
        pattern: /ATCTT3xFfG[A-Za-z0-9+/=_-]+=[A-Za-z0-9]{8}/,
        kinds: ['admin'],
        prefix: 'ATCTT3xFfG',
        lengthUnverified: true,
        note: 'Org admin API key / access token format (trufflehog atlassian v2); sent as Bearer.',
      },
      {
        pattern: /[A-Za-z0-9]{24}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Legacy 24-char API token (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://<site>.atlassian.net/rest/api/3/myself',
      successStatus: 200,
      note: 'Returns accountId, emailAddress, displayName. Confluence: GET /wiki/rest/api/user/current (unverified). The username must be the Atlassian account email, and account passwords no longer work (removed 2019).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'bad email/token pair, revoked or expired token',
        body: '{"message":"Client must be authenticated to access this resource.","status-code":401}; response has X-Seraph-LoginReason: AUTHENTICATED_FAILED and a WWW-Authenticate header',
      },
      {
        status: 200,
        when: 'some endpoints answer anonymously when auth fails or the host is not a Jira site',
        body: "trufflehog notes a 200 that cannot be decoded means 'not a valid Jira domain' (unverified generality)",
      },
    ],
    revealingHeaders: [
      {
        name: 'X-Seraph-LoginReason',
        meaning: 'OK vs AUTHENTICATED_FAILED / AUTHENTICATION_DENIED (e.g. CAPTCHA).',
      },
      {
        name: 'X-AAccountId',
        meaning: 'Account id of the authenticated user (unverified on Cloud).',
      },
      {
        name: 'X-AUSERNAME',
        meaning: 'Authenticated user name (older/Data Center responses).',
      },
      {
        name: 'ATL-TraceId',
        meaning: 'Request trace ids.',
      },
      {
        name: 'X-ARequestId',
        meaning: 'Request trace ids.',
      },
    ],
    unverified: [
      'scoped API tokens need api.atlassian.com/ex/...',
      'Confluence /wiki/rest/api/user/current',
      'X-AAccountId on Cloud',
    ],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/elevenlabs/v2/elevenlabs.go
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/elevenlabs/v1/elevenlabs.go
  {
    id: 'elevenlabs',
    name: 'ElevenLabs',
    hosts: ['api.elevenlabs.io'],
    auth: {
      in: 'header',
      name: 'xi-api-key',
      scheme: null,
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /sk_[a-f0-9]{48}/,
        kinds: ['secret'],
        prefix: 'sk_',
        note: 'Current key format (trufflehog v2).',
      },
      {
        pattern: /[a-f0-9]{32}/,
        kinds: ['secret', 'legacy'],
        generic: true,
        note: 'Legacy key (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.elevenlabs.io/v1/user',
      successStatus: 200,
      note: 'trufflehog treats both 400 and 401 as invalid. Keys can be restricted per endpoint (unverified), so a 401 on /v1/user may come from permissions.',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: 'detail object with status/message (shape unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: ['per-endpoint key restrictions', '401 body shape'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/deepgram/deepgram.go
  {
    id: 'deepgram',
    name: 'Deepgram',
    hosts: ['api.deepgram.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: 'Token',
      note: "API keys use 'Token'; Bearer is for short-lived JWTs (unverified).",
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /[0-9a-z]{40}/,
        kinds: ['secret'],
        generic: true,
        note: '40 chars, no prefix (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.deepgram.com/v1/projects',
      successStatus: 200,
      note: "'Bearer' is for short-lived JWTs, not API keys (unverified); using Bearer with an API key is a classic 401.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key or wrong scheme',
        body: 'JSON with err_code/err_msg (unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: ['Bearer reserved for short-lived JWTs', '401 body (err_code/err_msg)'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/assemblyai/assemblyai.go
  {
    id: 'assemblyai',
    name: 'AssemblyAI',
    hosts: ['api.assemblyai.com'],
    auth: {
      in: 'header',
      name: 'Authorization',
      scheme: null,
      note: 'Raw key as the header value, no scheme.',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /[0-9a-z]{32}/,
        kinds: ['secret'],
        generic: true,
        note: '32 chars, no prefix (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.assemblyai.com/v2/transcript?limit=1',
      successStatus: 200,
      note: 'Lists transcripts (trufflehog, without limit).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: '{"error":"Authentication error, API token missing/invalid"} (unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: ['401 body'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/algoliaadminkey/algoliaadminkey.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule algolia-api-key)
  //   streaak/keyhacks@371e807 README.md
  {
    id: 'algolia',
    name: 'Algolia',
    hosts: ['*.algolia.net'],
    auth: {
      in: 'header',
      name: 'X-Algolia-API-Key',
      scheme: null,
      note: 'Only valid together with X-Algolia-Application-Id and the <APP_ID>.algolia.net host.',
    },
    alternatives: [],
    headers: [
      {
        name: 'X-Algolia-Application-Id',
        value: '<APP_ID>',
        required: true,
        note: 'Key is only valid together with its application id and host.',
      },
    ],
    keyShapes: [
      {
        pattern: /[A-Z0-9]{10}/,
        kinds: ['identifier'],
        generic: true,
        usableAsApiKey: false,
        note: 'Application id (identifier); goes in X-Algolia-Application-Id and the host name.',
      },
      {
        pattern: /[a-f0-9]{32}/,
        kinds: ['secret'],
        generic: true,
        note: 'API key: admin, search-only or secured (generic, needs context).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://<APP_ID>.algolia.net/1/keys/<key>',
      successStatus: 200,
      note: "Returns the key's ACL list (trufflehog). 403 = valid key lacking ACL; DNS failure = wrong app id.",
    },
    errorShapes: [
      {
        status: 403,
        when: 'invalid key or app id mismatch',
        body: '{"message":"Invalid Application-ID or API key","status":403} (unverified)',
      },
      {
        status: 401,
        when: 'per trufflehog: treated as invalid',
        body: 'unverified',
      },
    ],
    revealingHeaders: [],
    revealingBody: [
      {
        source: 'keys body',
        fields: ['acl', 'validity', 'indexes'],
        meaning: 'ACL, expiry and index restrictions of the key.',
      },
    ],
    unverified: ['403 body wording', '401 handling'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/langsmith/langsmith.go
  {
    id: 'langsmith',
    name: 'LangSmith',
    hosts: ['api.smith.langchain.com', 'eu.api.smith.langchain.com'],
    regions: [
      {
        region: 'US',
        host: 'api.smith.langchain.com',
      },
      {
        region: 'EU',
        host: 'eu.api.smith.langchain.com',
      },
    ],
    auth: {
      in: 'header',
      name: 'X-API-Key',
      scheme: null,
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /lsv2_pt_[a-f0-9]{32}_[a-f0-9]{10}/,
        kinds: ['secret'],
        prefix: 'lsv2_pt_',
        note: 'Personal access token.',
      },
      {
        pattern: /lsv2_sk_[a-f0-9]{32}_[a-f0-9]{10}/,
        kinds: ['secret', 'service-account'],
        prefix: 'lsv2_sk_',
        note: 'Service key.',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.smith.langchain.com/api/v1/api-key',
      successStatus: 200,
      note: 'As used by trufflehog (401 and 403 both mean invalid).',
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid key',
        body: 'unverified',
      },
    ],
    revealingHeaders: [],
    unverified: ['eu.api.smith.langchain.com host', '401 body'],
  },
  // Sources:
  //   trufflesecurity/trufflehog@3ab759f pkg/detectors/mapbox/mapbox.go
  //   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule mapbox-api-token)
  //   streaak/keyhacks@371e807 README.md
  {
    id: 'mapbox',
    name: 'Mapbox',
    hosts: ['api.mapbox.com'],
    auth: {
      in: 'query',
      name: 'access_token',
    },
    alternatives: [],
    headers: [],
    keyShapes: [
      {
        pattern: /sk\.[A-Za-z0-9.-]{80,240}/,
        kinds: ['secret'],
        prefix: 'sk.',
        lengthUnverified: true,
        note: 'Secret token (sk.eyJ...).',
      },
      {
        pattern: /pk\.[A-Za-z0-9.-]{80,240}/,
        kinds: ['publishable'],
        prefix: 'pk.',
        lengthUnverified: true,
        note: 'Public token (pk.eyJ...), meant for clients (unverified length).',
      },
    ],
    validate: {
      method: 'GET',
      url: 'https://api.mapbox.com/tokens/v2?access_token=<token>',
      successStatus: 200,
      note: "Token metadata endpoint; body includes code 'TokenValid'/'TokenInvalid' and the token's usage/scopes (unverified). trufflehog calls /tokens/v2/<username>?access_token=.",
    },
    errorShapes: [
      {
        status: 401,
        when: 'invalid token',
        body: '{"message":"Not Authorized - Invalid Token"} (unverified)',
      },
    ],
    revealingHeaders: [],
    unverified: ['pk. token length', 'tokens/v2 body codes', '401 body'],
  },
];
