import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

const text = (v: FindingData[string]): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

/**
 * The fix for the kind of refusal the layer gave (`refusal` in the data): a login it asks for
 * (scheme and realm), an access rule, a sign-in page, a subscription key, its own key. Where it
 * answered from (`at`, and for a forward proxy the API's own host apart) names it.
 */
function gatewayFix(d: FindingData): string {
  const layer = text(d['layer']) ?? 'the gateway';
  const at = text(d['at']);
  const api = text(d['api']);
  const via = text(d['via']);
  // A forward proxy answers from its own address; the API's is another.
  const who = api
    ? `the proxy ${layer}${at ? ` at ${at}` : ''}${via ? ` (Via: ${via})` : ''}, between you and the API at ${api}`
    : `${layer}${at ? ` at ${at}` : ''}`;
  // At the start of a sentence (product names keep their case: nginx).
  const subject = api ? `T${who.slice(1)},` : `The layer in front (${who})`;
  const owner = `whoever runs ${layer}`;
  switch (text(d['refusal'])) {
    case 'challenge': {
      const scheme = text(d['scheme']) ?? 'its own';
      const realm = text(d['realm']);
      const named = realm ? `, realm "${realm}"` : '';
      if (/^(basic|digest)$/i.test(scheme)) {
        return `The gateway in front (${who}) asks for its own ${scheme} login${named}: send that login (curl -u user:pass${/^digest$/i.test(scheme) ? ' --digest' : ''}) in addition to the API's key${text(d['keyIn']) === 'authorization' ? ', which then goes in another header than Authorization (the one the login takes)' : ''}; or ask ${owner} for the login or to let the API's key through. A new API key will not help.`;
      }
      return `The gateway in front (${who}) asks for its own ${scheme} credential${named}: send the token ${layer} issues, in the place it asks, beside the API's key; ask ${owner} which one. A new API key will not help.`;
    }
    case 'access-rule':
      return `${subject} refuses by its own access rule (no login asked, no credential read): an allow-list of client addresses, or a path it blocks. Ask ${owner} to allow your client's address or this path (its allow/deny rules), or call from an address it allows. No key will change this answer.`;
    case 'sign-in':
      return `${subject} answers with its own sign-in page before the API: its protection (password, SSO, Access) covers this URL. Turn the protection off for the API's paths, use its bypass for automation (a bypass token or service token), or ask ${owner}. A new API key will not help.`;
    case 'subscription-key':
      return `${subject} wants its own subscription key (Azure API Management: the Ocp-Apim-Subscription-Key header, from the developer portal or ${owner}) beside the API's key.`;
    case 'stock':
      return `${subject} refuses with its own stock page before anything reads your key: it checks something of its own (a header, a token, the client) first. Ask ${owner} what it expects, or send the key straight to the API's own host. A new API key will not help.`;
    default:
      return `Use the credential that ${layer} issues (its own key or virtual key)${at ? `, for ${at}` : ''}, or send the provider key to the provider's own host.`;
  }
}

export const layerFindings: FamilyCatalog<'layer'> = {
  'layer.gateway': {
    severity: 'error',
    title: 'A gateway or proxy in front of the API refused the request, not the API itself',
    fix: gatewayFix,
    explain: {
      meaning:
        'The answer came from a layer in front of the API: an API gateway (Kong, Azure APIM, AWS API Gateway), an LLM proxy (LiteLLM, OpenRouter-style relays) or a web server such as nginx with its own auth rule. It checks its own credentials before anything reaches the API.',
      causes:
        'The app points its base URL at a company gateway but sends the provider key (or a placeholder such as "not-needed"); the gateway expects a key it issued itself, or a subscription header.',
      confirm:
        'Look at the response headers (Server, Via, x-kong-*, apim-request-id, x-amzn-*, x-litellm-*) and the body wording: they name the gateway. Send the same key to the provider directly: if it works there, the gateway is the one refusing.',
      fix: "It depends on how the layer refused, and the finding says which: its own login challenge (a Basic realm names the login wanted: send it with curl -u, the API key in another header); an access rule (a 403 of its own, no login asked: an allow-list of addresses or a blocked path, changed by whoever runs it, not by a key); a sign-in page (the platform's protection: a bypass token or turning it off for the API); a subscription key (Azure APIM: Ocp-Apim-Subscription-Key); or a key it issues (virtual key, gateway key) in the header it expects, the provider key kept on the gateway side. Through a forward proxy (squid), the proxy is named by its own address and Via, the API apart.",
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
