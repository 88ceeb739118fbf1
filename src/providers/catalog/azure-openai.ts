import type { Provider } from '../types.js';
import { bearer, getOk, inHeader } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/azure_openai/azure_openai.go
//   https://github.com/SciSharp/BotSharp/issues/386
//   https://github.com/vercel/chatbot/issues/588
//   https://github.com/continuedev/continue/issues/4601
export const azureOpenai: Provider = {
  id: 'azure-openai',
  name: 'Azure OpenAI (Azure AI Foundry / Cognitive Services)',
  hosts: ['*.openai.azure.com', '*.cognitiveservices.azure.com'],
  auth: inHeader('api-key', null),
  alternatives: [
    bearer({
      note: 'Microsoft Entra ID access token for scope https://cognitiveservices.azure.com/.default (scope string unverified).',
    }),
    inHeader('Ocp-Apim-Subscription-Key', null, {
      note: 'When the endpoint is fronted by Azure API Management, e.g. a company gateway.',
    }),
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
  validate: getOk(
    'https://<resource>.openai.azure.com/openai/deployments?api-version=2023-03-15-preview',
    'Lists deployments (trufflehog). A DNS failure means the resource name is wrong, not the key. Key and endpoint must belong to the same resource; a key from another resource or region yields the 401 below.',
  ),
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
};
