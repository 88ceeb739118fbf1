import type { FamilyCatalog } from './family.js';

export const layerFindings: FamilyCatalog<'layer'> = {
  'layer.gateway': {
    severity: 'error',
    title: 'A gateway or proxy in front of the API refused the request, not the API itself',
    fix: (d) =>
      `Use the credential that ${d['layer'] ?? 'the gateway'} issues (its own key or virtual key), or send the provider key to the provider's own host.`,
    explain: {
      meaning:
        'The answer came from a layer in front of the API: an API gateway (Kong, Azure APIM, AWS API Gateway), an LLM proxy (LiteLLM, OpenRouter-style relays) or a web server such as nginx with its own auth rule. It checks its own credentials before anything reaches the API.',
      causes:
        'The app points its base URL at a company gateway but sends the provider key (or a placeholder such as "not-needed"); the gateway expects a key it issued itself, or a subscription header.',
      confirm:
        'Look at the response headers (Server, Via, x-kong-*, apim-request-id, x-amzn-*, x-litellm-*) and the body wording: they name the gateway. Send the same key to the provider directly: if it works there, the gateway is the one refusing.',
      fix: 'Ask the gateway owner for a gateway key (virtual key, subscription key) and send it in the header the gateway expects; keep the provider key on the gateway side.',
      cases: [
        'gw-01',
        'gw-02',
        'gw-03',
        'gw-04',
        'gw-05',
        'gw-06',
        'gw-07',
        'gw-08',
        'gw-09',
        'gw-10',
      ],
    },
  },
  'layer.upstream': {
    severity: 'info',
    title: 'The answer came from the API itself',
    fix: 'Nothing in between changed the request: look at the other findings for the cause.',
    explain: {
      meaning:
        "The response carries the API's own signature (its error shape, its vendor headers) and no sign of a gateway or proxy answering in its place.",
      causes: 'Context, not a problem: it tells you the credential reached the API.',
      confirm:
        "The error body matches the provider's documented error shape; vendor headers (request ids) are present.",
      fix: 'Fix the cause named by the other findings; the path between you and the API is not at fault.',
    },
  },
};
