import type { FindingData } from '../types.js';
import type { FamilyCatalog } from './family.js';

/** A data value as text: lists joined; absent or empty values left to the caller's fallback. */
function text(value: FindingData[string]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const out = Array.isArray(value) ? value.join(', ') : String(value);
  return out === '' ? undefined : out;
}

export const headerFindings: FamilyCatalog<'header'> = {
  'header.missing': {
    severity: 'error',
    title: 'The request carries no credential at all',
    fix: (d) => `Send the key in the ${text(d['expectedHeader']) ?? 'documented'} header.`,
    explain: {
      meaning:
        'No Authorization header, no known API-key header and no key in the query string: the server sees an anonymous request. Its answer ("missing credentials", a 401 with `WWW-Authenticate`, or an anonymous rate limit) says nothing about whether your key is good.',
      causes:
        'The key was configured on another client instance than the one making the call (a fresh axios instance without the interceptor, a second SDK client); the SDK was created without a key and did not complain; a condition skipped adding the header; or a proxy or redirect removed it on the way (see net.proxy-strips-auth and net.redirect-drops-auth).',
      confirm:
        '`why401 check` with the request as the app sends it (`-H` for each header) shows which headers left. To see what the app really sends, run it through `why401 capture --target <origin>` or `why401 run -- <command>`; `why401 echo` shows what arrives at a server.',
      fix: 'Attach the credential on the client that makes this request, in the header and scheme the provider documents (`why401 providers <id>` lists them), and check that the application fails at startup when the key is absent.',
    },
  },
  'header.wrong-scheme': {
    severity: 'error',
    title: 'The credential header uses the wrong scheme',
    fix: (d) => {
      const header = text(d['sentHeader']) ?? 'Authorization';
      const sent = text(d['sentScheme']);
      const instead = sent ? ` instead of ${sent}` : '';
      if (d['expectedScheme'] === '') {
        return `Send the raw key with no scheme: \`${header}: <key>\`${instead}.`;
      }
      const scheme = text(d['expectedScheme']);
      if (scheme?.toLowerCase() === 'basic')
        return `The server asks for Basic: send \`${header}: Basic base64(user:password)\`${instead}; for an API key that is usually the key as the user or the password, as the API documents (curl -u).`;
      return scheme
        ? `Send \`${header}: ${scheme} <key>\`${instead}.`
        : `Use the scheme the provider documents in the ${header} header${instead}.`;
    },
    explain: {
      meaning:
        'The credential is in the right header but with another scheme than the provider expects: a raw key where `Bearer <key>` is required, `Token` or `Bot` instead of `Bearer`, `Basic` for a bearer token, or `Bearer` where the provider wants the raw key. Some servers reject it; others ignore the header and treat the call as anonymous.',
      causes:
        "Code copied from another API (Django REST framework uses `Token`, Discord `Bot`, PagerDuty `Token token=`); an HTTP library's basic-auth option used for a token; a generic client that always adds `Bearer `. GitHub ignores a Basic header built from a token and counts the calls as anonymous, which shows up as a 403 rate-limit error with a limit of 60.",
      confirm:
        "`why401 check` compares the header as sent with the provider's documented format and, unless `--no-probe`, retries with the documented scheme on the same host. `why401 providers <id>` shows the expected format.",
      fix: "Build the header exactly as the provider documents it (scheme, single space, key), or let the provider's SDK build it.",
      cases: ['hd-04'],
    },
  },
  'header.wrong-name': {
    severity: 'error',
    title: 'The credential is sent in the wrong header or place',
    fix: (d) => {
      const sent = text(d['sentHeader']);
      const expected = text(d['expectedHeader']);
      if (!expected) {
        const scheme = text(d['sentScheme']);
        return `The server did not read the key in ${sent ?? 'the place it was sent'}${scheme ? ` (${scheme})` : ''}: send it in the header and with the scheme the API documents (an x-api-key style header, or another scheme such as \`Token <key>\`).`;
      }
      return `Send the key in the ${expected} header instead of ${sent ?? 'where it is now'}.`;
    },
    explain: {
      meaning:
        'The key is present in the request, but not where the provider looks for it: `Authorization` instead of `x-api-key` or `api-key`, a query parameter instead of a header (or the reverse), or a misspelled header name. The server behaves as if no key had been sent.',
      causes:
        'Code written for one provider reused for another (Azure OpenAI wants `api-key`, while `Authorization: Bearer` there expects an Entra ID token, hence "audience is incorrect"; Anthropic wants `x-api-key`); a typo in a hand-written request such as `Authoriaztion`; an SDK option for query-string keys used against an API that only reads headers.',
      confirm:
        '`why401 check` lists the credential header it found and the one the provider documents, and probes the documented header on the same host. `why401 providers <id>` shows the header name and accepted alternatives.',
      fix: "Rename the header (or move the key) to the documented place; using the provider's SDK avoids the mismatch.",
      cases: ['hd-01', 'hd-02'],
    },
  },
  'header.duplicate': {
    severity: 'warning',
    title: 'Two credential headers (or one header twice) carry different values',
    fix: (d) => {
      const name = text(d['headerName']);
      return `Send exactly one credential: remove the extra ${name ? `\`${name}\` header` : 'credential header'} so only the intended key is sent.`;
    },
    explain: {
      meaning:
        'The request carries more than one credential and they disagree: `Authorization` twice, or `Authorization` and `x-api-key` with different keys. Which one counts depends on the server: some take the first, some the last, some join them with a comma, some reject the request.',
      causes:
        "A default header on the client plus a per-request header with different capitalisation; an SDK adds its own header while the code adds another; a proxy or gateway injects its credential next to the client's. Node's HTTP server, for example, keeps only the first `Authorization` and discards the rest.",
      confirm:
        '`why401 check` lists every credential header as sent, with fingerprints so the values can be compared without showing them. `why401 echo` shows what the receiving side actually got.',
      fix: 'Remove the default or injected header, or stop setting it per request, so that one credential in the documented header remains.',
    },
  },
  'header.required-missing': {
    severity: 'error',
    title: 'A header the provider requires beside the credential is missing',
    fix: (d) =>
      `Add the ${text(d['requiredHeader']) ?? 'required'} header the provider documents for this endpoint.`,
    explain: {
      meaning:
        'The credential is fine, but the provider also requires another header (an API version, a region, a subscription or a User-Agent) and refuses the call without it, sometimes with an error that blames the key.',
      causes:
        'Hand-written requests that copy only the key header: a regional Azure Translator resource needs `Ocp-Apim-Subscription-Region` and otherwise answers "credentials are missing or invalid" (401000), or even HTTP 200 with an error body on the older v2 endpoint; Anthropic needs `anthropic-version`, Notion `Notion-Version`, GitHub a `User-Agent`.',
      confirm:
        '`why401 check` names the required headers missing from the request, and `why401 providers <id>` lists every header the provider expects.',
      fix: "Add the header with the value the provider documents (for a region header: the resource's region, not a default), or use the provider's SDK, which sends it for you.",
      cases: ['sc-07'],
    },
  },
  'header.underscore-name': {
    severity: 'warning',
    title: "The credential header's name contains an underscore, which proxies drop silently",
    fix: (d) => {
      const name = text(d['headerName']);
      const rename = name
        ? `Rename \`${name}\` to \`${name.replace(/_/g, '-')}\``
        : 'Use hyphens instead of underscores in the header name';
      return `${rename} on client and server, or set \`underscores_in_headers on;\` in the nginx server block in front of the API.`;
    },
    explain: {
      meaning:
        'A header name such as `api_key` or `secret_key` is valid HTTP, but nginx drops such headers by default (`underscores_in_headers off`), and Apache httpd drops them when passing headers to CGI/FastCGI scripts. The key then never reaches the application behind them.',
      causes:
        'An API that was developed and tested without a reverse proxy, then deployed behind nginx or an ingress built on it; the request works directly and fails through the proxy with "missing credentials".',
      confirm:
        '`why401 check` flags the underscore. Send the same request directly to the backend and through the proxy: if only the direct call works, the proxy drops it. `why401 echo` behind the proxy shows that the header does not arrive.',
      fix: 'Prefer hyphenated names (`api-key`, `x-api-key`) on client and server; if the name cannot change, add `underscores_in_headers on;` to the nginx `server` block (or `http` context) that receives the request, or the equivalent setting of your ingress.',
      cases: ['px-03'],
    },
  },
};
